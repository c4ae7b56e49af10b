"""The meetings' section of "My work": the next meetings of the user's groups and the invitations
they have not answered yet."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from roundtable.meetings.dashboard import UNANSWERED_LIMIT
from roundtable.meetings.models import MeetingState, Participant, Response

from .conftest import make_meeting

pytestmark = pytest.mark.django_db

SECTION = 'id="my-meetings"'


def dashboard(client_for, world, persona: str, lang: str = "en") -> str:
    response = client_for(world.user(persona)).get(f"/{lang}/me/")
    assert response.status_code == 200
    return response.content.decode()


def invite(meeting, person, response=Response.PENDING) -> Participant:
    return Participant.objects.create(
        meeting=meeting,
        person=person,
        name=person.name_en,
        email=person.email,
        invited_at=timezone.now(),
        response=response,
    )


@pytest.mark.parametrize("persona", ["member", "secretariat", "chair", "cochair"])
def test_members_of_the_group_see_its_next_internal_meeting(client_for, world, persona):
    meeting = make_meeting(world.health, days=3, title_en="Health budget talks")
    page = dashboard(client_for, world, persona)
    assert SECTION in page
    assert "Health budget talks" in page
    assert meeting.get_absolute_url() in page


@pytest.mark.parametrize("persona", ["outsider", "other_member", "other_secretariat", "rtp"])
def test_the_next_meetings_are_only_those_of_the_users_own_groups(client_for, world, persona):
    make_meeting(world.health, days=3, title_en="Health budget talks")
    page = dashboard(client_for, world, persona)
    assert "Health budget talks" not in page


def test_no_meetings_no_section(client_for, world):
    make_meeting(world.health, days=-3, title_en="Held last week")
    assert SECTION not in dashboard(client_for, world, "member")


def test_only_the_next_five_meetings_not_past_or_cancelled_ones(client_for, world):
    for days in range(1, 8):
        make_meeting(world.health, days=days, title_en=f"Meeting in {days} days")
    make_meeting(world.health, days=-1, title_en="Meeting yesterday")
    cancelled = make_meeting(world.health, days=1, title_en="Meeting called off")
    cancelled.state = MeetingState.CANCELLED
    cancelled.save()
    page = dashboard(client_for, world, "member")
    for days in range(1, 6):
        assert f"Meeting in {days} days" in page
    for absent in ("Meeting in 6 days", "Meeting in 7 days", "Meeting yesterday", "Meeting called off"):
        assert absent not in page


def test_an_invitee_from_another_group_sees_the_invitation_until_answered(client_for, world):
    meeting = make_meeting(world.health, days=5, title_en="Joint health and education meeting")
    make_meeting(world.health, days=6, title_en="Health only meeting")
    participant = invite(meeting, world.people["other_member"])
    page = dashboard(client_for, world, "other_member")
    assert "Invitations waiting for your answer" in page
    assert meeting.get_absolute_url() in page
    assert f"/meetings/answer/{participant.token}/" in page
    assert "Health only meeting" not in page  # the invitation opens one meeting, not the group's
    participant.response = Response.ATTEND
    participant.save()
    assert "Joint health and education meeting" not in dashboard(client_for, world, "other_member")


def test_nobody_else_sees_someone_elses_invitation(client_for, world):
    meeting = make_meeting(world.health, days=5, title_en="Joint health and education meeting")
    participant = invite(meeting, world.people["other_member"])
    for persona in ("member", "secretariat", "other_secretariat", "rtp"):
        page = dashboard(client_for, world, persona)
        assert participant.token not in page
        assert "Invitations waiting for your answer" not in page


def test_invitations_to_past_or_cancelled_meetings_are_not_shown(client_for, world):
    past = make_meeting(world.health, days=-2, title_en="Already held")
    cancelled = make_meeting(world.education, days=2, title_en="Called off")
    cancelled.state = MeetingState.CANCELLED
    cancelled.save()
    invite(past, world.people["other_member"])
    invite(cancelled, world.people["other_member"])
    page = dashboard(client_for, world, "other_member")
    assert "Already held" not in page
    assert "Called off" not in page


def test_the_section_reads_in_lao(client_for, world):
    make_meeting(world.health, days=3)
    page = dashboard(client_for, world, "member", lang="lo")
    assert "ກອງປະຊຸມໜ່ວຍງານຂະແໜງການ" in page[page.index(SECTION) :]


def test_dashboard_queries_do_not_grow_with_ten_times_the_meetings(client_for, world):
    def grow(n: int) -> None:
        for i in range(n):
            invite(make_meeting(world.education, days=2 + i), world.people["member"])
            make_meeting(world.health, days=1 + i)

    def count() -> int:
        client = client_for(world.user("member"))
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/en/me/").content.decode()
        assert SECTION in page
        return len(queries)

    grow(UNANSWERED_LIMIT)  # a full list of invitations: the count of all of them is asked too
    small = count()
    grow(9 * UNANSWERED_LIMIT)
    assert count() == small


def test_many_invitations_show_the_first_ten_and_how_many_in_all(client_for, world):
    for i in range(12):
        invite(make_meeting(world.education, days=2 + i, title_en=f"Invited {i:02d}"), world.people["member"])
    page = dashboard(client_for, world, "member")
    assert "Invited 09" in page
    assert "Invited 10" not in page
    assert "The first of 12 invitations waiting for your answer." in page
