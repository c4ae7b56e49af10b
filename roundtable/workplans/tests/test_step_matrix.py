"""Every status × every step × every persona: the one allowed combination moves the plan, every other one is
refused and changes nothing (status, dates, revision, audit history, steps, versions)."""

import pytest

from roundtable.conftest import LADDER
from roundtable.core.services import Refused
from roundtable.workplans import services
from roundtable.workplans.models import WorkPlan, WorkPlanStatus

S = WorkPlanStatus
PERSONAS = [*LADDER, "chair", "cochair"]

# Written out here rather than read from services.ACTIONS, so that a change to the table shows as a failure.
STEPS = {
    "send": ({S.DRAFT, S.RETURNED}, S.WITH_CHAIR, {"secretariat"}),
    "chair_approve": ({S.WITH_CHAIR}, S.CHAIR_APPROVED, {"chair", "cochair"}),
    "chair_return": ({S.WITH_CHAIR}, S.RETURNED, {"chair", "cochair"}),
    "submit": ({S.CHAIR_APPROVED}, S.SUBMITTED, {"secretariat"}),
    "approve": ({S.SUBMITTED}, S.APPROVED, {"rtp"}),
    "return": ({S.SUBMITTED}, S.RETURNED, {"rtp"}),
    "publish": ({S.APPROVED}, S.PUBLISHED, {"rtp"}),
    "approve_publish": ({S.SUBMITTED}, S.PUBLISHED, {"rtp"}),
}
# The steps each records in the plan's history (approve-and-publish records both).
RECORDED = {"approve_publish": 2}


def _state(plan: WorkPlan) -> tuple:
    plan = WorkPlan.objects.get(pk=plan.pk)
    return (
        plan.status,
        plan.submitted_at,
        plan.published_at,
        plan.revision,
        plan.history.count(),
        plan.steps.count(),
        plan.versions.count(),
    )


def test_the_matrix_covers_every_step_of_the_table():
    assert set(STEPS) == set(services.ACTIONS)


@pytest.mark.parametrize("action", list(STEPS))
@pytest.mark.parametrize("status", list(S.values))
def test_each_persona_takes_a_step_only_from_its_status_and_a_refusal_changes_nothing(
    world, make_plan, action, status
):
    sources, target, allowed = STEPS[action]
    for persona in PERSONAS:  # one plan after the other: the allowed persona's step really moves it
        WorkPlan.objects.all().delete()
        plan = make_plan(status=status)
        before = _state(plan)
        actor = world.user(persona)
        if status in sources and persona in allowed:
            moved = services.workplan_take_step(plan=plan, actor=actor, action=action, comment="Seen.")
            after = _state(moved)
            assert after[0] == target
            assert after[3] == before[3] + 1 and after[5] == before[5] + RECORDED.get(action, 1)
            assert (after[2] is not None) == (target == S.PUBLISHED)
            continue
        with pytest.raises(Refused) as refused:
            services.workplan_take_step(plan=plan, actor=actor, action=action, comment="Seen.")
        expected = "not_allowed" if persona not in allowed else "wrong_state"
        assert refused.value.code == expected, (persona, status, action)
        assert _state(plan) == before, (persona, status, action)
