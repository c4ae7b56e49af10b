"""The answer link: no login, works once, only for its own invitee."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from roundtable.meetings import services
from roundtable.meetings.models import Participant, ParticipantSource, Response

from .conftest import officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitee(world, internal_meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.participants_invite(
            actor=officer(),
            meeting=internal_meeting,
            stakeholders=False,
            people=[world.people["stakeholder"]],
        )
    return Participant.objects.get(person=world.people["stakeholder"])


def test_the_emailed_link_opens_the_answer_page_without_logging_in(client, invitee):
    (message,) = mail.outbox
    url = reverse("meetings:answer", args=[invitee.token])
    assert f"/meetings/answer/{invitee.token}/" in message.body
    response = client.get(url)
    assert response.status_code == 200
    assert "Dara" in response.content.decode() or "ດາລາ" in response.content.decode()


def test_an_invitee_attends_and_the_link_then_shows_the_answer_and_refuses_a_change(client, invitee):
    url = reverse("meetings:answer", args=[invitee.token])
    assert client.post(url, {"response": "attend"}).status_code == 302
    invitee.refresh_from_db()
    assert invitee.response == Response.ATTEND and invitee.responded_at
    response = client.post(url, {"response": "decline"})
    assert response.status_code == 409
    invitee.refresh_from_db()
    assert invitee.response == Response.ATTEND
    assert "<form" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_an_invitee_declines(client, invitee):
    client.post(reverse("meetings:answer", args=[invitee.token]), {"response": "decline"})
    invitee.refresh_from_db()
    assert invitee.response == Response.DECLINE


def test_an_invitee_sends_a_named_substitute_of_the_same_organisation(
    client, invitee, world, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    url = reverse("meetings:answer", args=[invitee.token])
    data = {
        "response": "substitute",
        "name": "Keo Phimmasone",
        "position": "Deputy",
        "email": "keo@example.la",
        "gender": "f",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    substitute = Participant.objects.get(source=ParticipantSource.SUBSTITUTE)
    assert substitute.substitute_for == invitee
    assert substitute.organisation == world.who
    assert substitute.response == Response.ATTEND
    invitee.refresh_from_db()
    assert invitee.response == Response.SUBSTITUTE
    # The substitute gets the calendar invitation too.
    assert [m.to[0] for m in mail.outbox] == ["keo@example.la"]
    assert "Keo Phimmasone" in client.get(url).content.decode()


def test_a_substitute_needs_a_name(client, invitee):
    response = client.post(
        reverse("meetings:answer", args=[invitee.token]), {"response": "substitute", "name": ""}
    )
    assert response.status_code == 400
    invitee.refresh_from_db()
    assert invitee.response == Response.PENDING
    assert not Participant.objects.filter(source=ParticipantSource.SUBSTITUTE).exists()


def test_a_wrong_or_guessed_token_is_a_404_and_changes_nothing(client, invitee):
    for token in ("x", invitee.token[:-1], invitee.token + "a", str(invitee.pk)):
        assert (
            client.post(reverse("meetings:answer", args=[token]), {"response": "decline"}).status_code == 404
        )
    invitee.refresh_from_db()
    assert invitee.response == Response.PENDING


def test_one_invitees_link_answers_for_that_invitee_only(client, invitee, world, internal_meeting):
    services.participants_invite(
        actor=officer(), meeting=internal_meeting, stakeholders=False, people=[world.people["member"]]
    )
    other = Participant.objects.get(person=world.people["member"])
    client.post(reverse("meetings:answer", args=[invitee.token]), {"response": "decline"})
    other.refresh_from_db()
    assert other.response == Response.PENDING


def test_tokens_are_long_and_random(invitee, internal_meeting, world):
    services.participants_invite(
        actor=officer(), meeting=internal_meeting, stakeholders=False, people=[world.people["member"]]
    )
    tokens = list(Participant.objects.values_list("token", flat=True))
    assert len(set(tokens)) == len(tokens)
    assert all(len(t) >= 40 for t in tokens)


def test_answers_are_closed_for_a_cancelled_meeting(client, invitee, internal_meeting):
    services.meeting_set_state(
        actor=officer(), meeting=internal_meeting, state="cancelled", reason="No quorum"
    )
    client.post(reverse("meetings:answer", args=[invitee.token]), {"response": "attend"})
    invitee.refresh_from_db()
    assert invitee.response == Response.PENDING


def test_answers_are_closed_after_the_meeting(client, invitee, internal_meeting, time_machine):
    time_machine.move_to(internal_meeting.end + timedelta(days=1))
    client.post(reverse("meetings:answer", args=[invitee.token]), {"response": "attend"})
    invitee.refresh_from_db()
    assert invitee.response == Response.PENDING
