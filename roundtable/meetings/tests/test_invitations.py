"""Invitations by email with an iCalendar attachment, their update and their cancellation."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from roundtable.meetings import services
from roundtable.meetings.models import Participant

from .conftest import FULL_LADDER, MANAGERS, at, officer

pytestmark = pytest.mark.django_db(transaction=False)


def invite(meeting, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.participants_invite(actor=officer(), meeting=meeting, **kwargs)


def calendar_of(message) -> Calendar:
    ((name, content, mimetype),) = message.attachments
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def event_of(message):
    cal = calendar_of(message)
    (event,) = cal.walk("VEVENT")
    return cal, event


def test_the_stakeholder_list_is_invited_with_one_email_each(
    world, internal_meeting, django_capture_on_commit_callbacks
):
    added, sent = invite(internal_meeting, django_capture_on_commit_callbacks)
    # The Health stakeholder list: secretariat, chair, co-chair, member, stakeholder.
    assert added == 5 and sent == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.email
        for p in (world.people[k] for k in ("secretariat", "chair", "cochair", "member", "stakeholder"))
    )


def test_the_invitation_carries_a_valid_icalendar_request_of_the_meeting(
    world, internal_meeting, django_capture_on_commit_callbacks
):
    invite(
        internal_meeting,
        django_capture_on_commit_callbacks,
        stakeholders=False,
        people=[world.people["member"]],
    )
    (message,) = mail.outbox
    cal, event = event_of(message)
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == internal_meeting.ical_uid
    assert int(event["SEQUENCE"]) == internal_meeting.ical_sequence == 0
    assert event.decoded("DTSTART") == internal_meeting.start
    assert event.decoded("DTEND") == internal_meeting.end
    assert str(event["ATTENDEE"]).lower() == f"mailto:{world.people['member'].email}"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_email_is_in_the_invitees_preferred_language(
    world, internal_meeting, django_capture_on_commit_callbacks
):
    english = world.people["member"]
    english.preferred_language = "en"
    english.save()
    invite(
        internal_meeting,
        django_capture_on_commit_callbacks,
        stakeholders=False,
        people=[english, world.people["chair"]],
    )
    by_address = {m.to[0]: m for m in mail.outbox}
    en_mail = by_address[english.email]
    lo_mail = by_address[world.people["chair"].email]
    assert en_mail.subject.startswith("Invitation")
    assert "You are invited to a meeting of Health" in en_mail.body
    assert "/en/meetings/answer/" in en_mail.body
    assert "/lo/meetings/answer/" in lo_mail.body
    assert "ສາທາລະນະສຸກ" in lo_mail.body
    assert not lo_mail.subject.startswith("Invitation")


def test_people_already_invited_are_not_invited_twice(
    world, internal_meeting, django_capture_on_commit_callbacks
):
    invite(internal_meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    added, sent = invite(
        internal_meeting,
        django_capture_on_commit_callbacks,
        people=[world.people["other_member"]],
        outside_confirmed=True,
    )
    assert (added, sent) == (1, 1)
    assert [m.to[0] for m in mail.outbox] == [world.people["other_member"].email]


def test_a_change_of_time_sends_an_update_of_the_same_event_with_a_higher_sequence(
    world, internal_meeting, django_capture_on_commit_callbacks
):
    invite(
        internal_meeting,
        django_capture_on_commit_callbacks,
        stakeholders=False,
        people=[world.people["member"]],
    )
    _, first = event_of(mail.outbox[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting, sent = services.meeting_update(
            actor=officer(), meeting=internal_meeting, data={"start": at(11), "end": at(11, 12)}
        )
    assert sent == 1
    (message,) = mail.outbox
    cal, event = event_of(message)
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == str(first["UID"])
    assert int(event["SEQUENCE"]) > int(first["SEQUENCE"])
    assert event.decoded("DTSTART") == at(11)
    assert "/meetings/answer/" in message.body


def test_a_change_that_is_not_about_the_event_sends_nothing(
    world, internal_meeting, django_capture_on_commit_callbacks
):
    invite(
        internal_meeting,
        django_capture_on_commit_callbacks,
        stakeholders=False,
        people=[world.people["member"]],
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting, sent = services.meeting_update(
            actor=officer(), meeting=internal_meeting, data={"is_public": True}
        )
    assert sent == 0 and mail.outbox == []
    assert meeting.ical_sequence == 0


def test_a_cancellation_sends_method_cancel_of_the_same_event(
    world, internal_meeting, django_capture_on_commit_callbacks
):
    invite(internal_meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting, sent = services.meeting_set_state(
            actor=officer(), meeting=internal_meeting, state="cancelled", reason="No quorum"
        )
    assert sent == 5 and len(mail.outbox) == 5
    cal, event = event_of(mail.outbox[0])
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == internal_meeting.ical_uid
    assert int(event["SEQUENCE"]) == 1
    assert "No quorum" in mail.outbox[0].body


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_only_managers_send_invitations(
    world, client_for, internal_meeting, persona, django_capture_on_commit_callbacks
):
    url = reverse("meetings:invite", args=[internal_meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.user(persona)).post(url, {"stakeholders": "on"})
    assert Participant.objects.exists() is (persona in MANAGERS)
    assert bool(mail.outbox) is (persona in MANAGERS)


def test_the_invite_page_sends_the_invitations(
    world, client_for, internal_meeting, django_capture_on_commit_callbacks
):
    client = client_for(world.user("secretariat"))
    other = world.people["other_member"].pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:invite", args=[internal_meeting.pk]),
            {"stakeholders": "on", "people": [other], "outside_confirmed": [other]},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 6
    assert internal_meeting.participants.filter(invited_at__isnull=False).count() == 6


def test_a_cancelled_meeting_sends_no_invitations(world, internal_meeting):
    services.meeting_set_state(
        actor=officer(), meeting=internal_meeting, state="cancelled", reason="No quorum"
    )
    with pytest.raises(services.Refused):
        services.participants_invite(actor=officer(), meeting=internal_meeting)
    assert not Participant.objects.exists()
