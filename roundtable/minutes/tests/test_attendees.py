"""Attendees from outside the group read and comment on the circulated minutes of their meeting
(the guideline circulates the minutes "to the attendees for comments"), and nothing more."""

import pytest
from django.urls import reverse

from roundtable.meetings.models import Participant
from roundtable.minutes.models import MinutesComment, MinutesStatus

from .conftest import make_meeting, make_minutes, set_status, version_of


@pytest.fixture
def guest(world, minutes):
    """The Education member attended the Health meeting (ticked on its list), without Health membership."""
    person = world.people["other_member"]
    Participant.objects.create(
        meeting=minutes.meeting,
        person=person,
        name=person.name_en,
        organisation=person.organisation,
        email=person.email,
        attended=True,
    )
    return world.user("other_member")


def detail(minutes, lang="lo"):
    return reverse("minutes:detail", args=[minutes.meeting_id]) + f"?version={lang}"


def test_an_attendee_outside_the_group_reads_and_comments_on_the_circulated_minutes(
    world, minutes, guest, client_for
):
    set_status(version_of(minutes, "lo"), MinutesStatus.CIRCULATED)
    client = client_for(guest)
    page = client.get(detail(minutes))
    assert page.status_code == 200
    body = page.content.decode()
    assert "ປຶກສາຫາລືກ່ຽວກັບງົບປະມານ" in body and "ທ່ານໄດ້ເຂົ້າຮ່ວມກອງປະຊຸມນີ້" in body
    assert client.get(reverse("minutes:export_pdf", args=[minutes.meeting_id, "lo"])).status_code == 200

    response = client.post(
        reverse("minutes:comment", args=[minutes.meeting_id, "lo"]), {"text": "Typo in 3."}
    )
    assert response.status_code == 302
    assert MinutesComment.objects.get().author == guest


def test_the_attendee_sees_only_their_own_comments_and_no_steps(world, minutes, guest, client_for):
    version = set_status(version_of(minutes, "lo"), MinutesStatus.CIRCULATED)
    MinutesComment.objects.create(version=version, author=world.user("member"), text="Remark of a member")
    MinutesComment.objects.create(version=version, author=guest, text="Remark of the guest")
    body = client_for(guest).get(detail(minutes)).content.decode()
    assert "Remark of the guest" in body and "Remark of a member" not in body
    assert "Steps" not in body and "To send by" not in body
    # Members keep reading every comment.
    member_body = client_for(world.user("member")).get(detail(minutes)).content.decode()
    assert "Remark of the guest" in member_body and "Remark of a member" in member_body


@pytest.mark.parametrize(
    "status",
    [MinutesStatus.DRAFT, MinutesStatus.CHAIR_APPROVED, MinutesStatus.SENT, MinutesStatus.RETURNED],
)
def test_the_attendee_reads_no_other_status_than_circulated(world, minutes, guest, client_for, status):
    for version in minutes.versions.all():
        set_status(version, status)
    client = client_for(guest)
    assert client.get(detail(minutes)).status_code == 404
    assert client.get(reverse("minutes:export_docx", args=[minutes.meeting_id, "lo"])).status_code == 404
    response = client.post(reverse("minutes:comment", args=[minutes.meeting_id, "lo"]), {"text": "x"})
    assert response.status_code == 404
    assert not MinutesComment.objects.exists()


def test_an_invitee_who_did_not_attend_and_an_attendee_of_another_meeting_read_nothing(
    world, minutes, client_for
):
    from datetime import datetime

    from .conftest import VTE

    set_status(version_of(minutes, "lo"), MinutesStatus.CIRCULATED)
    person = world.people["other_member"]
    # Invited to this meeting but not ticked as attended.
    Participant.objects.create(meeting=minutes.meeting, person=person, name=person.name_en, attended=False)
    # Attended another Health meeting.
    other = make_minutes(world, make_meeting(world, start=datetime(2025, 6, 2, 9, 0, tzinfo=VTE)))
    Participant.objects.create(meeting=other.meeting, person=person, name=person.name_en, attended=True)
    client = client_for(world.user("other_member"))
    assert client.get(detail(minutes)).status_code == 404
    response = client.post(reverse("minutes:comment", args=[minutes.meeting_id, "lo"]), {"text": "x"})
    assert response.status_code == 404 and not MinutesComment.objects.exists()


def test_the_attendee_cannot_approve_the_minutes_they_read(world, minutes, guest, client_for):
    version = set_status(version_of(minutes, "lo"), MinutesStatus.CIRCULATED)
    response = client_for(guest).post(reverse("minutes:step", args=[minutes.meeting_id, "lo", "approve"]))
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == MinutesStatus.CIRCULATED and not version.steps.exists()


def test_after_the_comment_date_the_attendee_still_reads_but_no_longer_comments(
    world, minutes, guest, client_for
):
    from datetime import timedelta

    from django.utils import timezone

    version = set_status(version_of(minutes, "lo"), MinutesStatus.CIRCULATED)
    version.comments_until = timezone.localdate() - timedelta(days=1)
    version.save()
    client = client_for(guest)
    assert client.get(detail(minutes)).status_code == 200
    client.post(reverse("minutes:comment", args=[minutes.meeting_id, "lo"]), {"text": "Late"})
    assert not MinutesComment.objects.exists()


def test_the_meeting_page_links_the_attendee_to_the_circulated_version(world, minutes, guest, client_for):
    set_status(version_of(minutes, "lo"), MinutesStatus.CIRCULATED)  # English stays a draft
    body = client_for(guest).get(minutes.meeting.get_absolute_url()).content.decode()
    assert f"/minutes/{minutes.meeting_id}/?version=lo" in body
    assert f"/minutes/{minutes.meeting_id}/?version=en" not in body
