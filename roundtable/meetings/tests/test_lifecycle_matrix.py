"""The life of a meeting, walked in full: every state × every step × every persona. Only the managers take
a step, only from the states the STEPS table allows; every refusal changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from roundtable.meetings import services
from roundtable.meetings.models import Meeting, MeetingState

from .conftest import FULL_LADDER, MANAGERS, make_meeting

pytestmark = pytest.mark.django_db


def snapshot(meeting):
    meeting.refresh_from_db()
    return (
        meeting.state,
        meeting.state_reason,
        meeting.ical_sequence,
        meeting.revision,
        meeting.history.count(),
    )


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_every_step_from_every_state_is_taken_only_by_a_manager_and_only_where_the_table_allows(
    world, persona
):
    actor = world.user(persona)
    for state in MeetingState.values:
        for name, step in services.STEPS.items():
            # "Held" only once the meeting has started (refused before: test_a_meeting_is_held_only_...).
            meeting = make_meeting(
                world.health, days=-1 if step.target == MeetingState.HELD else 10, public=True
            )
            Meeting.objects.filter(pk=meeting.pk).update(state=state)  # the starting point only
            before = snapshot(meeting)
            allowed = persona in MANAGERS and state in step.sources
            if allowed:
                meeting, _sent = services.meeting_take_step(
                    meeting=meeting, actor=actor, step=name, reason="The minister travels"
                )
                assert meeting.state == step.target, (state, name)
                assert snapshot(meeting)[4] == before[4] + 1  # one audited save
            else:
                with pytest.raises(services.Refused):
                    services.meeting_take_step(meeting=meeting, actor=actor, step=name, reason="x")
                assert snapshot(meeting) == before, (state, name)


def test_a_step_that_needs_a_reason_is_refused_without_one_and_changes_nothing(world):
    meeting = make_meeting(world.health, days=10)
    before = snapshot(meeting)
    for name in ("postpone", "cancel"):
        with pytest.raises(ValidationError):
            services.meeting_take_step(
                meeting=meeting, actor=world.user("secretariat"), step=name, reason=" "
            )
        assert snapshot(meeting) == before


def test_the_state_form_offers_only_the_states_reachable_from_the_current_one(world, client_for):
    client = client_for(world.user("secretariat"))
    meeting = make_meeting(world.health, days=-1)  # started: it can be held
    body = client.get(f"/en/meetings/{meeting.pk}/state/").content.decode()
    reachable = {s.target for s in services.STEPS.values() if meeting.state in s.sources}
    assert reachable == {"held", "postponed", "cancelled"}
    for step in services.STEPS.values():
        assert (f'value="{step.target}"' in body) is (step.target in reachable), step.name
    future = make_meeting(world.health, days=10)  # not started: not "held"
    body = client.get(f"/en/meetings/{future.pk}/state/").content.decode()
    assert 'value="held"' not in body and 'value="postponed"' in body
    Meeting.objects.filter(pk=meeting.pk).update(state=MeetingState.CANCELLED)
    body = client.get(f"/en/meetings/{meeting.pk}/state/").content.decode()
    assert "No other state can be reached" in body and 'name="state"' not in body


def test_a_meeting_is_held_only_once_it_has_started(world, client_for):
    meeting = make_meeting(world.health, days=1)
    with translation.override("en"), pytest.raises(services.Refused, match="before it starts"):
        services.meeting_take_step(meeting=meeting, actor=world.user("secretariat"), step="hold")
    response = client_for(world.user("secretariat")).post(
        f"/en/meetings/{meeting.pk}/state/", {"state": "held"}
    )
    meeting.refresh_from_db()
    assert response.status_code == 200 and meeting.state == MeetingState.SCHEDULED


def test_the_done_message_comes_from_the_table(world, client_for):
    meeting = make_meeting(world.health, days=-1)
    client = client_for(world.user("secretariat"))
    response = client.post(f"/en/meetings/{meeting.pk}/state/", {"state": "held"}, follow=True)
    assert "The meeting is marked as held." in response.content.decode()
