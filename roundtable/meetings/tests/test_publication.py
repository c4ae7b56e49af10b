"""The sitemap and the group page's meetings section."""

import pytest
from django.utils import timezone

from roundtable.core.tests.sitemaps import sitemap_text
from roundtable.meetings import services
from roundtable.meetings.group_sections import meetings_section

from .conftest import at, make_meeting, officer

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_public_meetings_in_both_languages_and_never_internal_ones(world, client):
    public = make_meeting(world.health, public=True)
    internal = make_meeting(world.health, public=False)
    body = sitemap_text(client)
    assert f"/lo/meetings/{public.pk}/" in body and f"/en/meetings/{public.pk}/" in body
    assert f"/meetings/{internal.pk}/" not in body


def test_the_group_page_shows_upcoming_and_recent_meetings_and_meetings_per_quarter(world, client, rf):
    held = make_meeting(world.health, public=True, title_en="Held one", start=at(-20), end=at(-20, 11))
    services.meeting_set_state(actor=officer(), meeting=held, state="held")
    make_meeting(world.health, public=True, title_en="Coming one", start=at(5), end=at(5, 11))
    make_meeting(world.health, public=False, title_en="Secret one", start=at(6), end=at(6, 11))
    body = client.get(f"/en/groups/{world.health.code}/").content.decode()
    assert "Coming one" in body and "Held one" in body and "Secret one" not in body
    request = rf.get("/")
    request.user = world.user("member")
    section = meetings_section(request, world.health)["context"]
    assert [m.title_en for m in section["upcoming"]] == ["Coming one", "Secret one"]
    quarter = (timezone.localtime(held.start).month - 1) // 3 + 1
    if timezone.localtime(held.start).year == timezone.localdate().year:
        assert dict(section["per_quarter"])[quarter] == 1


def test_the_group_section_is_left_out_for_the_public_when_there_is_nothing_public(world, rf):
    from django.contrib.auth.models import AnonymousUser

    make_meeting(world.health, public=False)
    request = rf.get("/")
    request.user = AnonymousUser()
    assert meetings_section(request, world.education) is None
    assert meetings_section(request, world.health) is None


def test_the_secretariat_gets_the_schedule_link_on_its_group_page(world, client_for):
    body = client_for(world.user("secretariat")).get(f"/en/groups/{world.health.code}/").content.decode()
    assert "/en/meetings/new/?group=health" in body
