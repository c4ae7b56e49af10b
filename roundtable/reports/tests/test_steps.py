"""The report's life through the STEPS table: every status × every step × every persona (the one allowed
combination moves the report, every other one is refused and changes nothing), and what the steps record."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from roundtable.conftest import LADDER
from roundtable.core.services import Conflict, Refused
from roundtable.reports import services, workflow
from roundtable.reports.models import CycleStatus, ProgressReport, ReportStatus

from .conftest import fill

S = ReportStatus
PERSONAS = [*LADDER, "chair", "cochair"]

# Written out here rather than read from workflow.STEPS, so that a change to the table shows as a failure.
STEPS = {
    "send": ({S.DRAFT, S.RETURNED}, S.WITH_CHAIR, {"secretariat"}),
    "chair_approve": ({S.WITH_CHAIR}, S.CHAIR_APPROVED, {"chair", "cochair"}),
    "chair_return": ({S.WITH_CHAIR}, S.RETURNED, {"chair", "cochair"}),
    "submit": ({S.CHAIR_APPROVED}, S.SUBMITTED, {"secretariat"}),
    "accept": ({S.SUBMITTED}, S.ACCEPTED, {"rtp"}),
    "return": ({S.SUBMITTED}, S.RETURNED, {"rtp"}),
    "publish": ({S.ACCEPTED}, S.PUBLISHED, {"rtp"}),
}


def report_in(world, reporting, status: str) -> ProgressReport:
    report = ProgressReport.objects.create(cycle=reporting.cycle, group=world.health)
    fill(report, world, reporting)
    ProgressReport.objects.filter(pk=report.pk).update(
        status=status, published_at=timezone.now() if status == S.PUBLISHED else None
    )
    return ProgressReport.objects.get(pk=report.pk)


def _state(report: ProgressReport) -> tuple:
    report = ProgressReport.objects.get(pk=report.pk)
    return (
        report.status,
        report.revision,
        report.facts,
        report.submitted_at,
        report.published_at,
        report.history.count(),
        report.steps.count(),
        report.versions.count(),
    )


def test_the_matrix_covers_every_step_of_the_table():
    assert set(STEPS) == set(workflow.STEPS)


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("status", list(S.values))
def test_each_persona_takes_a_step_only_from_its_status_and_a_refusal_changes_nothing(
    world, reporting, step, status
):
    sources, target, allowed = STEPS[step]
    if step == "publish":  # accepted reports are published with (or after) their cycle
        reporting.cycle.status, reporting.cycle.published_at = CycleStatus.PUBLISHED, timezone.now()
        reporting.cycle.save()
    for persona in PERSONAS:
        ProgressReport.objects.all().delete()
        report = report_in(world, reporting, status)
        before = _state(report)
        actor = world.user(persona)
        if status in sources and persona in allowed:
            moved = services.report_take_step(
                report=report, actor=actor, step=step, comment="Seen.", notify=False
            )
            after = _state(moved)
            assert after[0] == target
            assert after[1] == before[1] + 1 and after[6] == before[6] + 1
            assert (after[4] is not None) == (target == S.PUBLISHED)
            continue
        with pytest.raises(Refused) as refused:
            services.report_take_step(report=report, actor=actor, step=step, comment="Seen.", notify=False)
        expected = "not_allowed" if persona not in allowed else "wrong_state"
        assert refused.value.code == expected, (persona, status, step)
        assert _state(report) == before, (persona, status, step)


def test_an_accepted_report_waits_for_its_cycle_to_be_published(world, reporting):
    report = report_in(world, reporting, S.ACCEPTED)
    with pytest.raises(Refused) as refused:
        services.report_take_step(report=report, actor=world.user("rtp"), step="publish", notify=False)
    assert refused.value.code == "wrong_state"
    assert workflow.available_steps(world.user("rtp"), report) == []


def test_a_return_needs_a_comment(world, reporting, english):
    report = report_in(world, reporting, S.WITH_CHAIR)
    with pytest.raises(ValidationError) as error:
        services.report_take_step(report=report, actor=world.user("chair"), step="chair_return", notify=False)
    assert "Write what needs to change." in error.value.messages
    assert ProgressReport.objects.get(pk=report.pk).status == S.WITH_CHAIR


def test_an_incomplete_report_cannot_be_sent(world, reporting, english):
    report = ProgressReport.objects.create(cycle=reporting.cycle, group=world.health)
    with pytest.raises(Refused) as refused:
        services.report_take_step(report=report, actor=world.user("secretariat"), step="send", notify=False)
    assert refused.value.code == "not_ready"
    message = str(refused.value)
    assert "sector overview" in message and "Primary health care" in message and "recommendation 1" in message


def test_a_priority_behind_schedule_needs_its_reason(world, reporting, english):
    report = ProgressReport.objects.create(cycle=reporting.cycle, group=world.health)
    with pytest.raises(ValidationError):
        services.priority_progress_save(
            report=report,
            priority=reporting.priorities[0],
            actor=world.user("secretariat"),
            data={"status": "behind"},
        )
    assert not report.priorities.exists()


def test_a_step_decided_on_a_stale_page_is_refused(world, reporting):
    report = report_in(world, reporting, S.WITH_CHAIR)
    stale = report.revision
    ProgressReport.objects.filter(pk=report.pk).update(revision=stale + 1)
    with pytest.raises(Conflict):
        services.report_take_step(
            report=report, actor=world.user("chair"), step="chair_approve", revision=stale, notify=False
        )


def test_a_cochair_approves_as_cochair_and_the_step_says_so(world, reporting):
    report = report_in(world, reporting, S.WITH_CHAIR)
    labels = {b.step.name: b.label for b in workflow.available_steps(world.user("cochair"), report)}
    assert labels == {
        "chair_approve": str(workflow.STEPS["chair_approve"].cochair_label),
        "chair_return": str(workflow.STEPS["chair_return"].cochair_label),
    }
    chair_labels = {b.step.name: b.label for b in workflow.available_steps(world.user("chair"), report)}
    assert chair_labels["chair_approve"] == str(workflow.STEPS["chair_approve"].label)
    report = services.report_take_step(
        report=report, actor=world.user("cochair"), step="chair_approve", notify=False
    )
    step = report.steps.get()
    assert (step.as_role, step.actor) == ("cochair", world.user("cochair"))
    assert report.chair_approved_at is not None


def test_lateness_counts_from_the_first_submission(world, reporting, make_report):
    report = make_report(S.SUBMITTED)
    first = report.submitted_at
    report = services.report_take_step(
        report=report, actor=world.user("rtp"), step="return", comment="x", notify=False
    )
    assert report.chair_approved_at is None  # the corrected text needs a new approval
    for step, persona in [("send", "secretariat"), ("chair_approve", "chair"), ("submit", "secretariat")]:
        report = services.report_take_step(report=report, actor=world.user(persona), step=step, notify=False)
    assert report.submitted_at == first
    assert report.versions.count() == 2


def test_the_secretariat_writes_only_while_the_report_is_in_its_hands(world, reporting):
    report = report_in(world, reporting, S.WITH_CHAIR)
    with pytest.raises(Refused) as refused:
        services.report_update_text(
            report=report,
            actor=world.user("secretariat"),
            data={"challenges_en": "x"},
            revision=report.revision,
        )
    assert refused.value.code == "wrong_state"
    for persona in ["member", "chair", "rtp", "other_secretariat"]:
        with pytest.raises(Refused) as refused:
            services.report_update_text(
                report=report,
                actor=world.user(persona),
                data={"challenges_en": "x"},
                revision=report.revision,
            )
        assert refused.value.code == "not_allowed"


def test_a_text_saved_from_a_stale_page_is_refused_with_what_changed(world, reporting):
    report = ProgressReport.objects.create(cycle=reporting.cycle, group=world.health)
    loaded = report.revision
    services.report_update_text(
        report=report, actor=world.user("secretariat"), data={"challenges_en": "Roads."}, revision=loaded
    )
    with pytest.raises(Conflict) as conflict:
        services.report_update_text(
            report=report, actor=world.user("secretariat"), data={"challenges_en": "Budget."}, revision=loaded
        )
    assert [(c.then, c.now) for c in conflict.value.changes] == [("—", "Roads.")]
    assert ProgressReport.objects.get(pk=report.pk).challenges_en == "Roads."


def test_a_report_is_started_only_for_a_reporting_group_of_an_open_cycle(world, reporting):
    with pytest.raises(Refused):
        services.report_start(cycle=reporting.cycle, group=world.health_sub, actor=world.user("secretariat"))
    with pytest.raises(Refused):
        services.report_start(cycle=reporting.cycle, group=world.health, actor=world.user("member"))
    reporting.cycle.status = CycleStatus.DRAFT
    reporting.cycle.save()
    with pytest.raises(Refused) as refused:
        services.report_start(cycle=reporting.cycle, group=world.health, actor=world.user("secretariat"))
    assert refused.value.code == "wrong_state"
