"""Writing a progress report and moving it along its life (the STEPS table of reports.workflow).

Each service checks the actor's role and the report's state (Refused, with a message a person can act
on and a code), refuses a save from a stale page (Conflict, with what changed), and reports bad input as
ValidationError: a refused attempt changes nothing. `at` is when a step happened (the demo's dates; now
by default); `notify=False` sends no email (the demo).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.core.services import Conflict, Refused, changes_since, lock, model_update, require
from roundtable.groups.models import Group
from roundtable.workplans.models import Priority, WorkPlan

from .. import notices, permissions
from ..facts import compute_facts
from ..models import (
    CLOSED_RECOMMENDATION_STATUSES,
    Cycle,
    PriorityProgress,
    PriorityStatus,
    ProgressReport,
    Recommendation,
    RecommendationFollowUp,
    ReportStep,
    ReportVersion,
    SubgroupNote,
)
from ..workflow import STEPS
from .common import (
    FOLLOW_UP_FIELDS,
    NOTE_FIELDS,
    PRIORITY_FIELDS,
    TEXT_FIELDS,
    locked_report,
    require_editable,
    require_role,
)

STEP_FIELDS = ["status", "facts", "chair_approved_at", "submitted_at", "accepted_at", "published_at"]


# --- what the report is made of --------------------------------------------------------------------------


def year_plan(report: ProgressReport) -> WorkPlan | None:
    return WorkPlan.objects.filter(group=report.group, year=report.cycle.year).first()


def priority_rows(report: ProgressReport) -> list[PriorityProgress]:
    """The priorities to report on. While the report is the group's to write: one row per priority of the
    year's work plan as it is now (unsaved rows for those not written about yet). Once submitted: the rows
    kept with it. Two queries."""
    saved = list(report.priorities.select_related("priority").order_by("order", "id"))
    if not report.facts_are_live:
        return saved
    by_priority = {row.priority_id: row for row in saved if row.priority_id}
    rows = []
    for order, priority in enumerate(
        Priority.objects.filter(workplan__group=report.group, workplan__year=report.cycle.year).order_by(
            "order", "id"
        ),
        start=1,
    ):
        row = by_priority.get(priority.pk) or PriorityProgress(report=report, priority=priority)
        row.title_lo, row.title_en, row.order = priority.title_lo, priority.title_en, order
        rows.append(row)
    return rows


def recommendations_to_follow(report: ProgressReport) -> list[Recommendation]:
    """The recommendations of earlier Round Table meetings assigned to the group and still open (and any
    the report already follows up). Once submitted: those the report kept."""
    followed = set(report.follow_ups.values_list("recommendation_id", flat=True))
    if not report.facts_are_live:
        qs = Recommendation.objects.filter(pk__in=followed)
    else:
        qs = Recommendation.objects.filter(
            groups=report.group, cycle__held_on__lt=report.cycle.held_on
        ).exclude(cycle__status="draft").exclude(
            status__in=CLOSED_RECOMMENDATION_STATUSES
        ) | Recommendation.objects.filter(pk__in=followed)
    return list(qs.select_related("cycle").distinct().order_by("cycle__held_on", "number", "id"))


def follow_up_rows(report: ProgressReport) -> list[RecommendationFollowUp]:
    saved = {f.recommendation_id: f for f in report.follow_ups.all()}
    rows = []
    for recommendation in recommendations_to_follow(report):
        row = saved.get(recommendation.pk) or RecommendationFollowUp(report=report)
        row.recommendation = recommendation
        rows.append(row)
    return rows


def subgroup_rows(report: ProgressReport) -> list[SubgroupNote]:
    saved = {n.group_id: n for n in report.subgroup_notes.select_related("group")}
    if not report.facts_are_live:
        return list(saved.values())
    rows = []
    for group in Group.objects.filter(parent=report.group, is_active=True).order_by("order", "code"):
        row = saved.get(group.pk) or SubgroupNote(report=report)
        row.group = group
        rows.append(row)
    return rows


def report_facts(report: ProgressReport) -> dict:
    """The facts frozen at submission, or computed now from the records while the report is live."""
    if report.facts is not None and not report.facts_are_live:
        return report.facts
    return compute_facts(report.group, report.cycle.year)


def report_problems(report: ProgressReport) -> list[str]:
    """Why the report cannot go to the chair or the RTP Secretariat yet (empty when it can)."""
    problems = []
    if not (report.overview_lo.strip() or report.overview_en.strip()):
        problems.append(_("Write the sector overview, key interventions and achievements of the year."))
    for row in priority_rows(report):
        if not row.status:
            problems.append(_("Give the progress of the priority “%(title)s”.") % {"title": row.title or "?"})
        elif row.status == PriorityStatus.BEHIND and not (row.reason_lo.strip() or row.reason_en.strip()):
            problems.append(
                _("Say why the priority “%(title)s” is behind schedule.") % {"title": row.title or "?"}
            )
    for row in follow_up_rows(report):
        if not row.status:
            problems.append(
                _("Give the follow-up of recommendation %(number)s of the %(meeting)s.")
                % {"number": row.recommendation.number, "meeting": row.recommendation.cycle.title}
            )
    return problems


# --- starting and writing --------------------------------------------------------------------------------


@transaction.atomic
def report_start(*, cycle: Cycle, group: Group, actor) -> ProgressReport:
    """The group's report for the cycle, started empty by its secretariat (the facts fill themselves)."""
    require_role(permissions.may_write_reports_of(actor, group))
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    require(
        cycle.is_open,
        _("The cycle is “%(status)s”: reports can be started only while it is open.")
        % {"status": cycle.get_status_display()},
        code="wrong_state",
    )
    require(
        cycle.groups.filter(pk=group.pk).exists(),
        _("This group does not report in this cycle."),
        code="not_reporting",
    )
    existing = ProgressReport.objects.filter(cycle=cycle, group=group).first()
    if existing is not None:
        return existing
    report = ProgressReport(cycle=cycle, group=group)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_update_text(*, report: ProgressReport, actor, data: dict, revision: int) -> ProgressReport:
    """The report's own text (overview, challenges, key messages, next year's priorities)."""
    current = locked_report(report)
    require_editable(actor, current)
    if current.revision != revision:
        raise Conflict(changes_since(current, revision, TEXT_FIELDS))
    model_update(current, data, fields=TEXT_FIELDS)
    return current


def _locked_row(model, row, revision: int | None):
    """An existing row locked with its revision checked; a new row (no pk) as it is."""
    if row.pk is None:
        return row
    fields = {
        PriorityProgress: PRIORITY_FIELDS,
        RecommendationFollowUp: FOLLOW_UP_FIELDS,
        SubgroupNote: NOTE_FIELDS,
    }[model]
    return lock(row, revision, fields)


def _save_row(model, row, data: dict, fields: list[str], revision: int | None):
    """Create the row, or update what differs; a row created meanwhile by someone else is a Conflict."""
    if row.pk is not None:
        model_update(row, data, fields=fields)
        return row
    for name in fields:
        if name in data:
            setattr(row, name, data[name])
    row.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise Conflict(
            [], _("Someone else wrote this part meanwhile. Look at it again, then save.")
        ) from None
    return row


@transaction.atomic
def priority_progress_save(
    *, report: ProgressReport, priority: Priority, actor, data: dict, revision: int | None = None
) -> PriorityProgress:
    """The progress of one priority of the year's plan: status (a reason when behind) and narrative."""
    current = locked_report(report)
    require_editable(actor, current)
    require(
        priority.workplan.group_id == current.group_id and priority.workplan.year == current.cycle.year,
        _("This priority is not in the group's work plan of the reporting year."),
        code="wrong_priority",
    )
    if data.get("status") and data["status"] not in PriorityStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    row = PriorityProgress.objects.filter(report=current, priority=priority).first() or PriorityProgress(
        report=current, priority=priority, order=priority.order
    )
    row = _locked_row(PriorityProgress, row, revision)
    row.title_lo, row.title_en = priority.title_lo, priority.title_en
    return _save_row(PriorityProgress, row, data, PRIORITY_FIELDS, revision)


@transaction.atomic
def follow_up_save(
    *, report: ProgressReport, recommendation: Recommendation, actor, data: dict, revision: int | None = None
) -> RecommendationFollowUp:
    """The group's follow-up of one recommendation assigned to it."""
    current = locked_report(report)
    require_editable(actor, current)
    require(
        recommendation.pk in {r.pk for r in recommendations_to_follow(current)},
        _("This recommendation is not one the group follows up in this report."),
        code="wrong_recommendation",
    )
    row = RecommendationFollowUp.objects.filter(
        report=current, recommendation=recommendation
    ).first() or RecommendationFollowUp(report=current, recommendation=recommendation)
    row = _locked_row(RecommendationFollowUp, row, revision)
    return _save_row(RecommendationFollowUp, row, data, FOLLOW_UP_FIELDS, revision)


@transaction.atomic
def subgroup_note_save(
    *, report: ProgressReport, group: Group, actor, data: dict, revision: int | None = None
) -> SubgroupNote:
    """A sub-SWG's part of its SWG's report."""
    current = locked_report(report)
    require_editable(actor, current)
    require(group.parent_id == current.group_id, _("This is not a sub-SWG of the group."), code="wrong_group")
    row = SubgroupNote.objects.filter(report=current, group=group).first() or SubgroupNote(
        report=current, group=group
    )
    row = _locked_row(SubgroupNote, row, revision)
    return _save_row(SubgroupNote, row, data, NOTE_FIELDS, revision)


# --- the life of the report ------------------------------------------------------------------------------


def _freeze_rows(report: ProgressReport) -> None:
    """Keep the priorities as they are now with the report (their titles and order), and drop the rows of
    priorities no longer in the plan: a submitted report no longer follows the plan's changes."""
    rows = priority_rows(report)
    kept = []
    for row in rows:
        if row.pk is None:
            row.save()
        else:
            PriorityProgress.objects.filter(pk=row.pk).update(
                title_lo=row.title_lo, title_en=row.title_en, order=row.order
            )
        kept.append(row.pk)
    report.priorities.exclude(pk__in=kept).delete()
    for row in follow_up_rows(report):
        if row.pk is None:
            row.save()
    for row in subgroup_rows(report):
        if row.pk is None:
            row.save()


@transaction.atomic
def report_take_step(
    *,
    report: ProgressReport,
    actor,
    step: str,
    comment: str = "",
    revision: int | None = None,
    notify: bool = True,
) -> ProgressReport:
    """Take one step of STEPS: check the actor's role and the status inside the transaction, set the
    status and what the step records, freeze (or thaw) the facts, keep a version, log the step and tell the
    next actor.

    Refusals change nothing: Refused ("not_allowed") when the actor's role may not take the step,
    Refused ("wrong_state", "not_ready") when it cannot be taken now, Conflict when the report changed
    since the page the actor decided on (`revision`), ValidationError on the comment when one is needed."""
    taken = STEPS.get(step)
    if taken is None:
        raise Refused(_("Unknown step."), code="unknown_step")
    current = locked_report(report)
    group = current.group
    require(taken.role(actor, group), str(taken.refusal))
    require(
        current.status in taken.sources,
        _("This step is not possible now: the report is “%(status)s”.")
        % {"status": current.get_status_display()},
        code="wrong_state",
    )
    if taken.needs_published_cycle:
        require(
            current.cycle.is_published,
            _("Accepted reports are published with the cycle: publish the cycle first."),
            code="wrong_state",
        )
    if revision is not None and revision != current.revision:
        raise Conflict(
            changes_since(current, revision, [*TEXT_FIELDS, "status"]),
            _("The report changed since you opened it. Look at it again before you decide."),
        )
    comment = (comment or "").strip()
    if taken.needs_comment and not comment:
        raise ValidationError({"comment": _("Write what needs to change.")})
    if taken.checks_content:
        problems = report_problems(current)
        require(not problems, " ".join(problems), code="not_ready")
    now = timezone.now()
    from_status = current.status
    data: dict = {"status": taken.target}
    data.update(dict.fromkeys(taken.records, now))
    data.update({name: now for name in taken.records_once if getattr(current, name) is None})
    data.update(dict.fromkeys(taken.clears))
    if taken.freezes_facts:
        _freeze_rows(current)
        data["facts"] = compute_facts(group, current.cycle.year, timezone.localdate(now))
    if taken.thaws_facts:
        data["facts"] = None
    model_update(current, data, fields=STEP_FIELDS)
    as_role = permissions.chair_role_of(actor, group) if taken.cochair_label is not None else ""
    ReportStep.objects.create(
        report=current,
        name=taken.name,
        from_status=from_status,
        to_status=taken.target,
        actor=actor,
        as_role=as_role,
        comment=comment,
        at=now,
    )
    if taken.snapshot:
        version_create(report=current, actor=actor, at=now)
    if notify:
        notices.step_taken(current, taken, actor=actor, comment=comment)
    return current


# --- versions --------------------------------------------------------------------------------------------


def report_snapshot(report: ProgressReport) -> dict:
    """The report as plain JSON: what a version keeps (its text, parts and facts)."""
    return {
        "status": report.status,
        "revision": report.revision,
        "text": {field: getattr(report, field) for field in TEXT_FIELDS},
        "priorities": [
            {
                "priority_id": row.priority_id,
                "order": row.order,
                "title_lo": row.title_lo,
                "title_en": row.title_en,
                "status": row.status,
                "reason_lo": row.reason_lo,
                "reason_en": row.reason_en,
                "narrative_lo": row.narrative_lo,
                "narrative_en": row.narrative_en,
            }
            for row in report.priorities.order_by("order", "id")
        ],
        "follow_ups": [
            {
                "recommendation_id": row.recommendation_id,
                "status": row.status,
                "text_lo": row.text_lo,
                "text_en": row.text_en,
            }
            for row in report.follow_ups.order_by("recommendation_id")
        ],
        "subgroups": [
            {"group": row.group.code, "text_lo": row.text_lo, "text_en": row.text_en}
            for row in report.subgroup_notes.select_related("group")
        ],
        "facts": report.facts,
    }


def version_create(*, report: ProgressReport, actor, at: datetime | None = None) -> ReportVersion:
    last = report.versions.aggregate(m=Max("number"))["m"] or 0
    return ReportVersion.objects.create(
        report=report,
        number=last + 1,
        status=report.status,
        snapshot=report_snapshot(report),
        created_by=actor,
        created_at=at or timezone.now(),
    )
