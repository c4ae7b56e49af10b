"""Every state change of the meetings app, walked down the permission ladder: only the group's
secretariat and the RTP Secretariat change anything; a refused request changes nothing, and
tells an outsider nothing about an internal meeting (404, not 403)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roundtable.meetings import services
from roundtable.meetings.models import (
    AgendaItem,
    CalendarFeedToken,
    Meeting,
    MeetingDocument,
    Participant,
)

from .conftest import FULL_LADDER, MANAGERS, make_meeting, officer

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def snapshot():
    return (
        list(
            Meeting.objects.order_by("pk").values_list(
                "state", "revision", "title_en", "is_public", "ical_sequence", "start", "all_day"
            )
        ),
        list(AgendaItem.objects.order_by("pk").values_list("pk", "order", "title_en")),
        list(MeetingDocument.objects.order_by("pk").values_list("pk", "title")),
        list(Participant.objects.order_by("pk").values_list("pk", "attended", "response", "name")),
    )


@pytest.fixture
def setup(world):
    meeting = make_meeting(world.health, days=10, public=True)
    services.participants_invite(actor=officer(), meeting=meeting, stakeholders=True, notify=False)
    item = meeting.agenda_items.order_by("order").last()
    document = services.document_add(
        actor=officer(),
        meeting=meeting,
        upload=SimpleUploadedFile("agenda.pdf", PDF),
        title="Agenda",
        visibility="public",
    )
    return meeting, item, document


def requests_for(meeting, item, document):
    """(url, data) of every POST that changes a meeting."""
    participant = meeting.participants.first()
    return [
        (
            reverse("meetings:edit", args=[meeting.pk]),
            {
                "kind": "swg",
                "title_en": "Changed",
                "title_lo": "x",
                "start": "2031-03-10T09:00",
                "end": "2031-03-10T12:00",
                "revision": meeting.revision,
            },
        ),
        (reverse("meetings:agenda_add", args=[meeting.pk]), {"title_en": "New item"}),
        (reverse("meetings:agenda_edit", args=[meeting.pk, item.pk]), {"title_en": "Renamed"}),
        (reverse("meetings:agenda_move", args=[meeting.pk, item.pk]), {"direction": "up"}),
        (reverse("meetings:agenda_delete", args=[meeting.pk, item.pk]), {}),
        (
            reverse("meetings:document_add", args=[meeting.pk]),
            {"title": "New", "visibility": "public", "file": SimpleUploadedFile("x.pdf", PDF)},
        ),
        (reverse("meetings:document_delete", args=[document.pk]), {}),
        (reverse("meetings:invite", args=[meeting.pk]), {"stakeholders": "on"}),
        (reverse("meetings:attendance", args=[meeting.pk]), {"attended": [participant.pk]}),
        (reverse("meetings:walk_in", args=[meeting.pk]), {"name": "Walk-in", "gender": "m"}),
        # Last: a cancelled meeting takes no more changes.
        (
            reverse("meetings:state", args=[meeting.pk]),
            {"state": "cancelled", "reason": "No quorum", "confirmed": "1"},
        ),
    ]


@pytest.mark.parametrize("persona", sorted(set(FULL_LADDER) - MANAGERS))
def test_no_one_below_the_secretariat_changes_a_meeting(world, client_for, setup, persona):
    meeting, item, document = setup
    client = client_for(world.user(persona))
    before = snapshot()
    for url, data in requests_for(meeting, item, document):
        response = client.post(url, data)
        if persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        else:
            assert response.status_code == 403, (url, response.status_code)
        assert snapshot() == before, url


@pytest.mark.parametrize("persona", ["outsider", "other_member", "other_secretariat"])
def test_outsiders_get_a_404_for_an_internal_meetings_management_pages(world, client_for, persona):
    meeting = make_meeting(world.health, days=10, public=False)
    client = client_for(world.user(persona))
    for name in ("edit", "state", "invite", "participants", "sheet_pdf", "sheet_docx", "agenda_add"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code == 404, name
    # Same answer as for a meeting that does not exist.
    assert client.get(reverse("meetings:edit", args=[meeting.pk + 999])).status_code == 404


def test_state_changes_take_post_only(world, client_for, setup):
    meeting, item, document = setup
    client = client_for(world.user("secretariat"))
    before = snapshot()
    # Removing an agenda item or a document answers a GET with its confirmation page, and changes nothing.
    for url in (
        reverse("meetings:agenda_delete", args=[meeting.pk, item.pk]),
        reverse("meetings:document_delete", args=[document.pk]),
    ):
        confirm = client.get(url)
        assert confirm.status_code == 200 and 'id="confirm"' in confirm.content.decode(), url
    for url in (
        reverse("meetings:agenda_move", args=[meeting.pk, item.pk]),
        reverse("meetings:attendance", args=[meeting.pk]),
        reverse("meetings:walk_in", args=[meeting.pk]),
        reverse("meetings:feed_reset"),
    ):
        assert client.get(url).status_code == 405, url
    assert snapshot() == before


def test_the_private_calendar_link_is_reset_only_by_post_for_its_own_user(world, client_for):
    member = world.user("member")
    token = services.feed_token_for(member).token
    other = client_for(world.user("secretariat"))
    other.post(reverse("meetings:feed_reset"))
    # Someone else's reset makes them a new link; the member's stays.
    assert CalendarFeedToken.objects.get(user=member).token == token
    assert other.get(reverse("feeds:private", args=[token])).status_code == 200
    client = client_for(member)
    assert client.get(reverse("meetings:feed_reset")).status_code == 405
    assert CalendarFeedToken.objects.get(user=member).token == token
    client.post(reverse("meetings:feed_reset"))
    assert client.get(reverse("feeds:private", args=[token])).status_code == 404


@pytest.mark.parametrize("persona", sorted(MANAGERS))
def test_the_secretariat_and_the_rtp_secretariat_make_each_change(world, client_for, setup, persona):
    meeting, item, document = setup
    client = client_for(world.user(persona))
    for url, data in requests_for(meeting, item, document):
        before = snapshot()
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.status_code)
        if "/invite/" not in url:  # everyone is already invited: nothing new to add
            assert snapshot() != before, url
    meeting.refresh_from_db()
    assert meeting.state == "cancelled"
