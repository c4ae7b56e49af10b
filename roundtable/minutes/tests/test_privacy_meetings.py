"""Unpublished minutes never reach the public through the meetings app either: the meeting page's
review of open action points, the calendar, the feeds, the meetings API, the site map; HEAD requests
and unknown numbers answer as GET does, without telling what exists."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from roundtable.meetings.models import AgendaItem, AgendaItemKind, Meeting, Participant
from roundtable.minutes import services
from roundtable.minutes.models import ActionPoint, MinutesItem, MinutesStatus

from .conftest import VTE, make_meeting, make_minutes, set_status, version_of
from .test_privacy import EMAIL, PHONE

SECRET = "SECRET-DRAFT-ACTION"
EN_ONLY = "ENGLISH-ONLY-UNPUBLISHED-ACTION"


@pytest.fixture
def cycle(world):
    """An earlier meeting with Lao minutes published (English not), a draft, and the next public meeting."""
    published = make_minutes(world)  # 10 March 2025, action point in both languages
    set_status(version_of(published, "lo"), MinutesStatus.PUBLISHED)
    set_status(version_of(published, "en"), MinutesStatus.SENT)
    ActionPoint.objects.create(
        item=published.items.get(order=3),
        group=world.health,
        what_en=EN_ONLY,
        responsible_organisation=world.who,
        due_date=date(2025, 5, 1),
    )
    draft = make_minutes(world, make_meeting(world, start=datetime(2025, 4, 10, 9, 0, tzinfo=VTE)))
    ActionPoint.objects.create(
        item=draft.items.get(order=3),
        group=world.health,
        what_lo=SECRET,
        what_en=SECRET,
        responsible_organisation=world.moh,
        due_date=date(2025, 6, 1),
    )
    nxt = make_meeting(world, start=datetime(2025, 7, 10, 9, 0, tzinfo=VTE), title_en="Next meeting")
    nxt.is_public = True
    nxt.state = "scheduled"
    nxt.save()
    Meeting.objects.filter(pk__in=[published.meeting_id, draft.meeting_id]).update(is_public=True)
    return published, draft, nxt


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_the_public_meeting_page_reviews_only_published_action_points_in_a_published_language(
    world, cycle, client
):
    _, _, nxt = cycle
    for lang in ("lo", "en"):
        body = client.get(f"/{lang}/meetings/{nxt.pk}/").content.decode()
        assert SECRET not in body, lang
        assert EN_ONLY not in body, lang  # written in English only, and English is not published
        # The published Lao action point is there (in Lao even on the English page), by organisation.
        assert "ກະຊວງສາທາລະນະສຸກສົ່ງບົດລາຍງານງົບປະມານ" in body
        assert "MOH sends the budget report" not in body
        assert "Noy Chanthavong" not in body and "ນ້ອຍ ຈັນທະວົງ" not in body
        assert not EMAIL.search(body.encode()) and not PHONE.search(body.encode())


def test_an_invitee_from_outside_the_group_sees_the_public_review_not_the_drafts(world, cycle, client_for):
    _, _, nxt = cycle
    person = world.people["other_member"]
    Participant.objects.create(meeting=nxt, person=person, name=person.name_en)
    body = client_for(world.user("other_member")).get(f"/en/meetings/{nxt.pk}/").content.decode()
    assert SECRET not in body and EN_ONLY not in body
    assert "ກະຊວງສາທາລະນະສຸກສົ່ງບົດລາຍງານງົບປະມານ" in body


def test_members_review_the_previous_meetings_open_action_points_with_the_responsible_person(
    world, cycle, client_for
):
    _, _, nxt = cycle
    body = client_for(world.user("member")).get(f"/en/meetings/{nxt.pk}/").content.decode()
    # The previous meeting's (April, its minutes a draft), not all of history (March's).
    assert SECRET in body and "MOH sends the budget report" in body and EN_ONLY not in body
    assert "Noy Chanthavong" in body


def test_no_public_path_of_the_meetings_app_carries_unpublished_minutes(world, cycle, client):
    published, draft, nxt = cycle
    paths = [
        "/lo/meetings/",
        "/en/meetings/",
        "/en/meetings/?group=health&year=2025",
        "/lo/meetings/calendar/?month=2025-04",
        "/en/meetings/calendar/list/?month=2025-03",
        f"/en/meetings/{draft.meeting_id}/",
        f"/en/meetings/{published.meeting_id}/",
        f"/en/meetings/{nxt.pk}/",
        "/feeds/meetings.ics",
        "/feeds/meetings/health.ics?lang=en",
        "/api/v1/meetings/",
        f"/api/v1/meetings/{draft.meeting_id}/",
        "/api/v1/action-points/",
        "/api/v1/minutes/",
        f"/api/v1/minutes/{published.meeting_id}/",
        f"/en/groups/{world.health.code}/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        body = body_of(response)
        assert SECRET.encode() not in body and EN_ONLY.encode() not in body, path
        assert not PHONE.search(body), path
        # The draft meeting itself is public, but its minutes are not: no link to them.
        assert f"/minutes/{draft.meeting_id}/".encode() not in body, path


def test_the_action_points_api_leaves_out_points_written_only_in_an_unpublished_language(
    world, cycle, client
):
    rows = client.get("/api/v1/action-points/").json()["results"]
    assert [row["what_lo"] for row in rows] == ["ກະຊວງສາທາລະນະສຸກສົ່ງບົດລາຍງານງົບປະມານ"]
    assert rows[0]["what_en"] is None


def test_an_item_added_in_the_minutes_keeps_its_unpublished_language_title_out_of_the_api(
    world, cycle, client
):
    published, _, _ = cycle
    MinutesItem.objects.create(minutes=published, order=9, title_lo="ເລື່ອງອື່ນໆ", title_en="AOB: " + SECRET)
    rows = client.get(f"/api/v1/minutes/{published.meeting_id}/").json()["items"]
    aob = next(row for row in rows if row["order"] == 9)
    assert aob["title_lo"] == "ເລື່ອງອື່ນໆ" and aob["title_en"] is None
    # An agenda item's title is public meeting information, in both languages.
    agenda = next(row for row in rows if row["order"] == 3)
    assert agenda["title_en"] == "Health budget 2025"


@pytest.mark.parametrize("method", ["get", "head"])
def test_unpublished_and_missing_minutes_answer_alike_to_get_and_head(world, cycle, client, method):
    _, draft, _ = cycle
    missing = Meeting.objects.order_by("-pk").first().pk + 100
    for meeting_id in (draft.meeting_id, missing):
        for path in (
            reverse("minutes:detail", args=[meeting_id]),
            reverse("minutes:detail", args=[meeting_id]) + "?version=en",
            reverse("minutes:export_pdf", args=[meeting_id, "lo"]),
            reverse("minutes:export_docx", args=[meeting_id, "en"]),
            reverse("minutes:signed_pdf", args=[meeting_id, "lo"]),
        ):
            response = getattr(client, method)(path)
            assert response.status_code == 404, (path, method)
            assert SECRET.encode() not in response.content


def test_an_action_point_page_is_a_404_for_whoever_may_not_read_it_and_for_a_wrong_number(
    world, cycle, client_for
):
    _, draft, _ = cycle
    point = ActionPoint.objects.get(what_lo=SECRET)
    for persona in ("outsider", "other_member", "other_secretariat"):
        client = client_for(world.user(persona))
        assert client.get(reverse("minutes:action_point", args=[point.pk])).status_code == 404
        assert client.get(reverse("minutes:action_point", args=[point.pk + 999])).status_code == 404
        response = client.post(reverse("minutes:action_point", args=[point.pk]), {"status": "done"})
        assert response.status_code == 404
    point.refresh_from_db()
    assert point.status == "open" and not point.updates.exists()


def test_a_responsible_person_outside_the_group_opens_and_updates_their_action_point(
    world, cycle, client_for
):
    point = ActionPoint.objects.get(what_lo=SECRET)
    point.responsible_person = world.people["other_member"]
    point.save()
    client = client_for(world.user("other_member"))
    assert client.get(reverse("minutes:action_point", args=[point.pk])).status_code == 200
    response = client.post(
        reverse("minutes:action_point", args=[point.pk]), {"status": "done", "note": "Sent"}
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.status == "done"


def test_a_member_who_is_not_responsible_cannot_update_an_action_point(world, cycle, client_for):
    point = ActionPoint.objects.get(what_lo=SECRET)
    client = client_for(world.user("chair"))
    assert client.get(reverse("minutes:action_point", args=[point.pk])).status_code == 200
    response = client.post(reverse("minutes:action_point", args=[point.pk]), {"status": "done"})
    assert response.status_code == 403
    point.refresh_from_db()
    assert point.status == "open" and not point.updates.exists()


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "https://evil.example/"])
def test_the_update_form_never_redirects_off_the_site(world, cycle, client_for, target):
    point = ActionPoint.objects.get(what_lo=SECRET)
    client = client_for(world.user("secretariat"))
    response = client.post(
        reverse("minutes:action_point", args=[point.pk]), {"status": "in_progress", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("minutes:action_point", args=[point.pk])


def test_publishing_the_minutes_of_an_internal_meeting_makes_its_public_information_public(world, client_for):
    minutes = make_minutes(world)
    meeting = minutes.meeting
    assert not meeting.is_public
    version = set_status(version_of(minutes, "lo"), MinutesStatus.SENT)
    services.minutes_publish(version=version, actor=world.user("rtp"))
    meeting.refresh_from_db()
    assert meeting.is_public and meeting.revision == 2
    assert meeting.history.first().is_public


def test_an_agenda_without_the_review_item_shows_no_action_points(world, cycle, client):
    _, _, nxt = cycle
    AgendaItem.objects.filter(meeting=nxt, kind=AgendaItemKind.ACTION_REVIEW).delete()
    body = client.get(f"/en/meetings/{nxt.pk}/").content.decode()
    assert "ກະຊວງສາທາລະນະສຸກສົ່ງບົດລາຍງານງົບປະມານ" not in body
