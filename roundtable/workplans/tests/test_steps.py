"""Every step of the plan's life, for each role of the ladder: only the allowed role may take it, and a
refused attempt changes nothing."""

import pytest
from django.core.exceptions import ValidationError

from roundtable.core.services import Conflict, Refused
from roundtable.workplans import services
from roundtable.workplans.models import WorkPlan, WorkPlanStatus, WorkPlanStep, WorkPlanVersion

S = WorkPlanStatus
ROLES = [
    "anonymous",
    "outsider",
    "other_member",
    "member",
    "other_secretariat",
    "secretariat",
    "chair",
    "cochair",
    "rtp",
]

# step → (status before, status after, the roles that may take it)
STEPS = {
    "send": (S.DRAFT, S.WITH_CHAIR, {"secretariat"}),
    "chair_approve": (S.WITH_CHAIR, S.CHAIR_APPROVED, {"chair", "cochair"}),
    "chair_return": (S.WITH_CHAIR, S.RETURNED, {"chair", "cochair"}),
    "submit": (S.CHAIR_APPROVED, S.SUBMITTED, {"secretariat"}),
    "approve": (S.SUBMITTED, S.APPROVED, {"rtp"}),
    "return": (S.SUBMITTED, S.RETURNED, {"rtp"}),
    "publish": (S.APPROVED, S.PUBLISHED, {"rtp"}),
}
CASES = [(step, role) for step in STEPS for role in ROLES]


def _snapshot(plan):
    plan.refresh_from_db()
    return (
        plan.status,
        plan.revision,
        plan.submitted_at,
        plan.published_at,
        plan.steps.count(),
        plan.versions.count(),
    )


@pytest.mark.parametrize(("step", "role"), CASES)
def test_only_the_allowed_role_takes_each_step_through_the_page(world, make_plan, client_for, step, role):
    before, after, allowed = STEPS[step]
    plan = make_plan(status=before)
    state = _snapshot(plan)
    client = client_for(world.user(role))
    response = client.post(
        f"/en/workplans/health/2026/step/{step}/",
        {"comment": "Please add the budget.", "revision": plan.revision},
    )
    plan.refresh_from_db()
    if role in allowed:
        assert response.status_code == 302
        assert plan.status == after
        last = plan.steps.last()
        assert (last.actor, last.from_status, last.to_status) == (world.user(role), before, after)
        assert last.comment == "Please add the budget."
    else:
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        elif role in {"outsider", "other_member", "other_secretariat"}:
            # An unpublished plan of another group: not even its existence is told.
            assert response.status_code == 404
        else:
            assert response.status_code == 403
        assert _snapshot(plan) == state


@pytest.mark.parametrize("step", list(STEPS))
def test_the_service_refuses_other_roles_too(world, make_plan, step):
    before, _after, allowed = STEPS[step]
    plan = make_plan(status=before)
    for role in ROLES:
        if role in allowed or role == "anonymous":
            continue
        state = _snapshot(plan)
        with pytest.raises(Refused) as refused:
            services.workplan_take_step(plan=plan, actor=world.user(role), action=step, comment="x")
        assert refused.value.code == "not_allowed"
        assert _snapshot(plan) == state


@pytest.mark.parametrize("step", list(STEPS))
def test_a_step_from_the_wrong_status_is_refused_with_a_message_and_changes_nothing(
    world, make_plan, client_for, step
):
    before, _after, allowed = STEPS[step]
    wrong = S.PUBLISHED if before != S.PUBLISHED else S.DRAFT
    plan = make_plan(status=wrong)
    state = _snapshot(plan)
    role = sorted(allowed)[0]
    response = client_for(world.user(role)).post(
        f"/en/workplans/health/2026/step/{step}/", {"comment": "x"}, follow=True
    )
    assert "This step is not possible now" in response.content.decode()
    assert _snapshot(plan) == state


def test_the_full_life_records_who_and_when_and_keeps_versions(world, make_plan):
    plan = make_plan()
    for step, role in [
        ("send", "secretariat"),
        ("chair_approve", "cochair"),
        ("submit", "secretariat"),
        ("approve", "rtp"),
        ("publish", "rtp"),
    ]:
        plan = services.workplan_take_step(plan=plan, actor=world.user(role), action=step)
    assert plan.status == S.PUBLISHED
    assert plan.submitted_at is not None and plan.published_at is not None
    assert [s.to_status for s in plan.steps.all()] == [
        S.WITH_CHAIR,
        S.CHAIR_APPROVED,
        S.SUBMITTED,
        S.APPROVED,
        S.PUBLISHED,
    ]
    assert list(plan.versions.values_list("number", "status")) == [
        (1, S.SUBMITTED),
        (2, S.APPROVED),
        (3, S.PUBLISHED),
    ]
    assert plan.versions.first().snapshot["priorities"][0]["nsedp_outputs"][0]["code"] == "2.1"


def test_a_returned_plan_goes_back_to_the_secretariat_and_is_resent_to_the_chair(
    world, make_plan, client_for
):
    plan = make_plan(status=S.SUBMITTED)
    services.workplan_take_step(
        plan=plan, actor=world.user("rtp"), action="return", comment="Link priority 1 to SDG 3.8."
    )
    plan.refresh_from_db()
    assert plan.status == S.RETURNED and plan.is_editable
    page = client_for(world.user("secretariat")).get("/en/workplans/health/2026/").content.decode()
    assert "Link priority 1 to SDG 3.8." in page and "Send to the chair" in page
    services.workplan_take_step(plan=plan, actor=world.user("secretariat"), action="send")
    plan.refresh_from_db()
    assert plan.status == S.WITH_CHAIR


def test_returning_needs_a_comment(world, make_plan):
    plan = make_plan(status=S.WITH_CHAIR)
    with pytest.raises(ValidationError):
        services.workplan_take_step(plan=plan, actor=world.user("chair"), action="chair_return", comment="  ")
    plan.refresh_from_db()
    assert plan.status == S.WITH_CHAIR and not WorkPlanStep.objects.exists()


def test_a_plan_without_priorities_or_without_nsedp_links_cannot_be_sent(
    world, make_plan, frameworks, english
):
    empty = make_plan(ready=False)
    with pytest.raises(Refused, match="at least one priority"):
        services.workplan_take_step(plan=empty, actor=world.user("secretariat"), action="send")
    unlinked = make_plan(ready=False, year=2027)
    from .conftest import add_priority

    add_priority(unlinked, None)
    with pytest.raises(Refused, match="no NSEDP output"):
        services.workplan_take_step(plan=unlinked, actor=world.user("secretariat"), action="send")
    assert WorkPlan.objects.filter(status=S.DRAFT).count() == 2


def test_a_stale_page_cannot_take_a_step(world, make_plan, english):
    plan = make_plan(status=S.WITH_CHAIR)
    with pytest.raises(Conflict, match="changed since you opened it"):
        services.workplan_take_step(
            plan=plan, actor=world.user("chair"), action="chair_approve", revision=plan.revision - 1 or 99
        )
    assert not WorkPlanVersion.objects.exists()


def test_the_rtp_secretariat_sees_the_comment_history_and_a_member_does_not(world, make_plan, client_for):
    plan = make_plan(status=S.WITH_CHAIR)
    services.workplan_take_step(
        plan=plan, actor=world.user("chair"), action="chair_return", comment="Budget missing for priority 1."
    )
    assert (
        "Budget missing for priority 1."
        in client_for(world.user("rtp")).get("/en/workplans/health/2026/").content.decode()
    )
    assert (
        "Budget missing for priority 1."
        not in client_for(world.user("member")).get("/en/workplans/health/2026/").content.decode()
    )
