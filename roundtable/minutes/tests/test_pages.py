"""The public list and page, in both languages; the group-page section; flat query counts."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.core.tests.sitemaps import sitemap_text
from roundtable.minutes.models import ActionPoint, MinutesStatus

from .conftest import VTE, make_meeting, make_minutes, set_status, version_of


def publish_many(world, n, offset=0):
    for i in range(n):
        m = make_meeting(
            world, start=datetime(2024, 1 + (i + offset) % 12, 1 + (i + offset) % 28, 9, 0, tzinfo=VTE)
        )
        minutes = make_minutes(world, m)
        set_status(version_of(minutes, "lo"), MinutesStatus.PUBLISHED)
        set_status(version_of(minutes, "en"), MinutesStatus.PUBLISHED)


def queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_published_minutes_are_listed_and_readable_in_both_languages(world, minutes, client, lang):
    set_status(version_of(minutes, "lo"), MinutesStatus.PUBLISHED)
    set_status(version_of(minutes, "en"), MinutesStatus.PUBLISHED)
    listing = client.get(f"/{lang}/minutes/?group=health&year=2025").content.decode()
    assert f"/{lang}/minutes/{minutes.meeting_id}/" in listing
    page = client.get(f"/{lang}/minutes/{minutes.meeting_id}/").content.decode()
    if lang == "en":
        assert "The meeting endorsed the annual work plan." in page
    else:
        assert "ກອງປະຊຸມຕົກລົງຮັບຮອງແຜນວຽກປະຈຳປີ" in page
    assert client.get(f"/{lang}/minutes/?year=2019").context["page_obj"].paginator.count == 0


def test_the_public_list_and_page_cost_a_flat_number_of_queries(world, client):
    publish_many(world, 2)
    small = queries(client, "/en/minutes/")
    publish_many(world, 18, offset=2)
    assert queries(client, "/en/minutes/") == small


def test_the_action_point_list_costs_a_flat_number_of_queries(world, client_for):
    client = client_for(world.user("secretariat"))
    publish_many(world, 2)
    small = queries(client, "/en/minutes/actions/health/")
    publish_many(world, 18, offset=2)
    assert ActionPoint.objects.count() == 20
    assert queries(client, "/en/minutes/actions/health/") == small


def test_the_page_shows_lateness_to_the_secretariat(world, minutes, client_for):
    import time_machine

    with time_machine.travel("2025-04-10 10:00 +07:00"):
        body = (
            client_for(world.user("secretariat")).get(f"/en/minutes/{minutes.meeting_id}/").content.decode()
        )
    assert "17 days late" in body  # meeting 10 March + 14 days = 24 March


def test_the_group_page_section_shows_published_minutes_and_counts_for_members(world, minutes, rf):
    from django.contrib.auth.models import AnonymousUser

    from roundtable.minutes.group_sections import minutes_section

    request = rf.get("/")
    request.user = AnonymousUser()
    assert minutes_section(request, world.health) is None  # nothing published, nothing for the public
    set_status(version_of(minutes, "lo"), MinutesStatus.PUBLISHED)
    section = minutes_section(request, world.health)
    assert section["context"]["published"] and not section["context"]["show_actions"]
    request.user = world.user("member")
    section = minutes_section(request, world.health)
    assert section["context"]["open_count"] == 1


def test_the_site_map_and_the_group_page_show_published_minutes(world, minutes, client):
    set_status(version_of(minutes, "lo"), MinutesStatus.PUBLISHED)
    sitemap = sitemap_text(client)  # the index and each sitemap it names
    assert f"/lo/minutes/{minutes.meeting_id}/" in sitemap and f"/en/minutes/{minutes.meeting_id}/" in sitemap
    assert "All published minutes of this group" in client.get("/en/groups/health/").content.decode()


def test_the_work_page_shows_what_waits_for_each_role(world, meeting, client_for):
    secretariat = client_for(world.user("secretariat"))
    assert f"/en/minutes/{meeting.pk}/" in secretariat.get("/en/minutes/work/").content.decode()
    # Before the minutes exist, their page offers the secretariat to start them, and is a 404 for others.
    assert "Start the minutes" in secretariat.get(f"/en/minutes/{meeting.pk}/").content.decode()
    assert client_for(world.user("member")).get(f"/en/minutes/{meeting.pk}/").status_code == 404
    minutes = make_minutes(world, meeting)
    set_status(version_of(minutes, "en"), MinutesStatus.CIRCULATED)
    response = client_for(world.user("chair")).get("/en/minutes/work/")
    assert [v.language for v, steps in response.context["waiting"]] == ["en"]
    response = client_for(world.user("rtp")).get("/en/minutes/work/")
    assert response.context["waiting"] == []
