"""Every write to a work plan: creating it, editing its parts, and moving it along its life.

Views, the demo and tests all call these functions. Each checks the actor's role (PermissionDenied)
and the plan's state (ValidationError with a message for the user), so a refused attempt changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.core.i18n import localized
from roundtable.frameworks.models import Framework, FrameworkItem

from . import permissions
from .models import (
    PlannedMeeting,
    PlanStakeholder,
    Priority,
    WorkPlan,
    WorkPlanStatus,
    WorkPlanStep,
    WorkPlanVersion,
)

S = WorkPlanStatus

HEADER_FIELDS = ["sector_strategy_lo", "sector_strategy_en", "context_lo", "context_en"]
PRIORITY_FIELDS = [
    "title_lo",
    "title_en",
    "description_lo",
    "description_en",
    "lead_organisation",
    "expected_results_lo",
    "expected_results_en",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "funding_source",
]
PRIORITY_M2M = ["partners", "nsedp_outputs", "sdg_targets"]


# --- errors -----------------------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    then: str
    now: str


class EditConflict(Exception):
    """Someone saved the same record after the user loaded it; `changes` says what they changed."""

    def __init__(self, changes: list[FieldChange]):
        super().__init__("edit conflict")
        self.changes = changes


# --- reads the services share ------------------------------------------------------------------------


def nsedp_for_year(year: int) -> Framework | None:
    """The NSEDP whose period covers the year (else the latest one): priorities link to its outputs."""
    nsedps = Framework.objects.filter(kind="nsedp")
    return (
        nsedps.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year").first()
        or nsedps.order_by("-start_year", "code").first()
    )


def one_year_on(day: date | None) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def workplan_problems(plan: WorkPlan) -> list[str]:
    """Why the plan cannot go to the chair or the RTP Secretariat yet (empty when it can).

    The guideline asks for alignment with the NSEDP: at least one priority, each linked to an NSEDP output."""
    problems = []
    priorities = list(plan.priorities.prefetch_related("nsedp_outputs"))
    if not priorities:
        problems.append(_("Add at least one priority."))
    for priority in priorities:
        if not priority.nsedp_outputs.all():
            problems.append(
                _("The priority “%(title)s” is linked to no NSEDP output.") % {"title": priority.title or "?"}
            )
    return problems


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this with this work plan."))


def _locked_plan(plan_id: int) -> WorkPlan:
    # Row lock on PostgreSQL so that two saves of the same plan are serialised (SQLite locks the database).
    return WorkPlan.objects.select_for_update().select_related("group").get(pk=plan_id)


def _require_editable(actor, plan: WorkPlan) -> None:
    _require(permissions.may_edit_group_plans(actor, plan.group))
    if not plan.is_editable:
        raise ValidationError(
            _("The plan is “%(status)s”: it can be changed only as a draft or when returned.")
            % {"status": plan.get_status_display()}
        )


# --- creating a plan ----------------------------------------------------------------------------------


@transaction.atomic
def workplan_create(*, group, year: int, actor, start_from_previous: bool = False) -> WorkPlan:
    """A new plan for the group and year: empty, or started from the previous year's plan (header,
    priorities, planned meetings and stakeholders copied; dates moved a year on; NSEDP links kept only
    when they belong to the NSEDP of the new year)."""
    _require(permissions.can_create_workplan(actor, group))
    if WorkPlan.objects.filter(group=group, year=year).exists():
        raise ValidationError(_("The group already has a work plan for %(year)s.") % {"year": year})
    previous = None
    if start_from_previous:
        previous = WorkPlan.objects.filter(group=group, year=year - 1).first()
        if previous is None:
            raise ValidationError(_("There is no plan of %(year)s to start from.") % {"year": year - 1})
    plan = WorkPlan(group=group, year=year, based_on=previous)
    if previous is not None:
        for field in HEADER_FIELDS:
            setattr(plan, field, getattr(previous, field))
    plan.full_clean()
    plan.save()
    if previous is not None:
        _copy_contents(previous, plan)
    return plan


def _copy_contents(previous: WorkPlan, plan: WorkPlan) -> None:
    nsedp = nsedp_for_year(plan.year)
    for old in previous.priorities.prefetch_related("partners", "nsedp_outputs", "sdg_targets"):
        new = Priority(workplan=plan, order=old.order)
        for field in PRIORITY_FIELDS:
            setattr(new, field, getattr(old, field))
        new.start_date = one_year_on(old.start_date)
        new.end_date = one_year_on(old.end_date)
        new.full_clean()
        new.save()
        new.partners.set(old.partners.all())
        new.sdg_targets.set(old.sdg_targets.all())
        new.nsedp_outputs.set(
            [o for o in old.nsedp_outputs.all() if nsedp is None or o.framework_id == nsedp.pk]
        )
    PlannedMeeting.objects.bulk_create(
        PlannedMeeting(
            workplan=plan,
            group_id=m.group_id,
            date=one_year_on(m.date),
            title_lo=m.title_lo,
            title_en=m.title_en,
        )
        for m in previous.planned_meetings.all()
    )
    PlanStakeholder.objects.bulk_create(
        PlanStakeholder(
            workplan=plan, organisation_id=s.organisation_id, person_id=s.person_id, name=s.name, role=s.role
        )
        for s in previous.stakeholders.all()
    )


# --- the header ---------------------------------------------------------------------------------------


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _record_at(model_history, revision: int):
    return model_history.filter(revision=revision).order_by("-history_date", "-history_id").first()


def header_changes(plan: WorkPlan, loaded_revision: int) -> list[FieldChange]:
    """What changed in the header between the revision the user loaded and now."""
    loaded = _record_at(plan.history, loaded_revision)
    changes = []
    for field in HEADER_FIELDS:
        then = getattr(loaded, field, None) if loaded is not None else None
        now = getattr(plan, field)
        if loaded is None or then != now:
            changes.append(
                FieldChange(str(WorkPlan._meta.get_field(field).verbose_name), _display(then), _display(now))
            )
    return changes


@transaction.atomic
def workplan_update_header(*, plan: WorkPlan, actor, data: dict, revision: int) -> WorkPlan:
    """Save the header (strategy, context); refused with EditConflict when saved since `revision`."""
    current = _locked_plan(plan.pk)
    _require_editable(actor, current)
    if current.revision != revision:
        raise EditConflict(header_changes(current, revision))
    for field in HEADER_FIELDS:
        setattr(current, field, data.get(field, ""))
    current.revision += 1
    current.full_clean()
    current.save()
    return current


# --- priorities -----------------------------------------------------------------------------------------


def _priority_m2m_labels(record_or_priority, field: str, historical: bool) -> list[str]:
    if historical:
        # simple_history keeps the m2m rows of each historical record in its own table.
        rows = getattr(record_or_priority, field).all()
        target = "organisation" if field == "partners" else "frameworkitem"
        ids = [getattr(row, f"{target}_id") for row in rows]
        model = Priority._meta.get_field(field).related_model
        objects = model.objects.in_bulk(ids)
        return sorted(str(objects[i]) for i in ids if i in objects)
    return sorted(str(o) for o in getattr(record_or_priority, field).all())


def priority_changes(priority: Priority, loaded_revision: int) -> list[FieldChange]:
    """What changed in a priority between the revision the user loaded and now (fields and links)."""
    loaded = _record_at(priority.history, loaded_revision)
    changes = []
    for field in PRIORITY_FIELDS:
        label = str(Priority._meta.get_field(field).verbose_name)
        if field == "lead_organisation":
            then = loaded.lead_organisation if loaded is not None else None
            now = priority.lead_organisation
        else:
            then = getattr(loaded, field, None) if loaded is not None else None
            now = getattr(priority, field)
        if loaded is None or then != now:
            changes.append(FieldChange(label, _display(then), _display(now)))
    if loaded is not None:
        for field in PRIORITY_M2M:
            then = _priority_m2m_labels(loaded, field, historical=True)
            now = _priority_m2m_labels(priority, field, historical=False)
            if then != now:
                label = str(Priority._meta.get_field(field).verbose_name)
                changes.append(FieldChange(label, _display(then), _display(now)))
    return changes


def _check_priority_links(plan: WorkPlan, nsedp_outputs, sdg_targets) -> None:
    if any(item.framework.kind != "nsedp" or item.level != "output" for item in nsedp_outputs):
        raise ValidationError({"nsedp_outputs": _("Choose NSEDP outputs only.")})
    if any(item.framework.kind != "sdg" or item.level != "target" for item in sdg_targets):
        raise ValidationError({"sdg_targets": _("Choose SDG targets only.")})


def _save_priority(priority: Priority, data: dict) -> Priority:
    for field in PRIORITY_FIELDS:
        if field in data:
            setattr(priority, field, data[field])
    if not (priority.title_lo or "").strip() and not (priority.title_en or "").strip():
        raise ValidationError({"title_lo": _("Give the title in Lao, in English, or both.")})
    if priority.start_date and priority.end_date and priority.end_date < priority.start_date:
        raise ValidationError({"end_date": _("The end cannot be before the start.")})
    if priority.budget is not None and not priority.currency:
        raise ValidationError({"currency": _("Give the currency of the budget.")})
    priority.full_clean()
    priority.save()
    return priority


def _set_links(priority: Priority, data: dict) -> None:
    for field in PRIORITY_M2M:
        if field in data:
            getattr(priority, field).set(data[field])


@transaction.atomic
def priority_create(*, plan: WorkPlan, actor, data: dict) -> Priority:
    current = _locked_plan(plan.pk)
    _require_editable(actor, current)
    _check_priority_links(current, data.get("nsedp_outputs", []), data.get("sdg_targets", []))
    last = current.priorities.aggregate(m=Max("order"))["m"]
    priority = _save_priority(Priority(workplan=current, order=(last or 0) + 1), data)
    _set_links(priority, data)
    priority.save()  # a historical record with the links (see priority_update)
    return priority


@transaction.atomic
def priority_update(*, priority: Priority, actor, data: dict, revision: int) -> Priority:
    """Save a priority; refused with EditConflict when someone saved it since `revision`."""
    plan = _locked_plan(priority.workplan_id)
    _require_editable(actor, plan)
    current = Priority.objects.select_for_update().get(pk=priority.pk)
    if current.revision != revision:
        raise EditConflict(priority_changes(current, revision))
    _check_priority_links(plan, data.get("nsedp_outputs", []), data.get("sdg_targets", []))
    current.revision += 1
    _save_priority(current, data)
    _set_links(current, data)
    # One more historical record, now with the links, so a later conflict diff sees them at this revision.
    current.save()
    return current


@transaction.atomic
def priority_delete(*, priority: Priority, actor) -> None:
    plan = _locked_plan(priority.workplan_id)
    _require_editable(actor, plan)
    priority.delete()


@transaction.atomic
def priority_move(*, priority: Priority, actor, direction: str) -> None:
    """Move a priority one place up or down (a relative move: two people reordering never lose a change)."""
    plan = _locked_plan(priority.workplan_id)
    _require_editable(actor, plan)
    ordered = list(plan.priorities.order_by("order", "id"))
    index = next(i for i, p in enumerate(ordered) if p.pk == priority.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.order != position:
            Priority.objects.filter(pk=item.pk).update(order=position)


# --- planned meetings ----------------------------------------------------------------------------------


def plannable_groups(plan: WorkPlan) -> list:
    """The plan's group and its active sub-groups: whose meetings an SWG plan schedules."""
    return [plan.group, *plan.group.children.filter(is_active=True).order_by("order", "code")]


@transaction.atomic
def planned_meeting_add(
    *, plan: WorkPlan, actor, group, day: date, title_lo: str = "", title_en: str = ""
) -> PlannedMeeting:
    current = _locked_plan(plan.pk)
    _require_editable(actor, current)
    if group.pk != current.group_id and group.parent_id != current.group_id:
        raise ValidationError({"group": _("Choose the group or one of its sub-groups.")})
    if day.year != current.year:
        raise ValidationError({"date": _("The date must be in %(year)s.") % {"year": current.year}})
    meeting = PlannedMeeting(workplan=current, group=group, date=day, title_lo=title_lo, title_en=title_en)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def planned_meeting_remove(*, meeting: PlannedMeeting, actor) -> None:
    plan = _locked_plan(meeting.workplan_id)
    _require_editable(actor, plan)
    meeting.delete()


# --- stakeholders ---------------------------------------------------------------------------------------


@transaction.atomic
def stakeholders_import(*, plan: WorkPlan, actor) -> int:
    """Add the group's current members and the organisations of its chairs and co-chairs (from the
    directory) that are not on the list yet; returns how many were added."""
    from roundtable.directory.models import Membership
    from roundtable.groups.models import ChairTerm

    current = _locked_plan(plan.pk)
    _require_editable(actor, current)
    people = set(current.stakeholders.exclude(person=None).values_list("person_id", flat=True))
    organisations = set(current.stakeholders.filter(person=None).values_list("organisation_id", flat=True))
    new = []
    for term in ChairTerm.objects.current().filter(group=current.group).select_related("organisation"):
        if term.organisation_id not in organisations:
            organisations.add(term.organisation_id)
            new.append(
                PlanStakeholder(
                    workplan=current, organisation_id=term.organisation_id, role=term.get_role_display()
                )
            )
    for membership in Membership.objects.current().filter(group=current.group).select_related("person"):
        if membership.person_id not in people:
            people.add(membership.person_id)
            organisation_id = membership.organisation_id or membership.person.organisation_id
            new.append(
                PlanStakeholder(
                    workplan=current, person_id=membership.person_id, organisation_id=organisation_id
                )
            )
    PlanStakeholder.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def stakeholder_add(
    *, plan: WorkPlan, actor, organisation=None, name: str = "", role: str = ""
) -> PlanStakeholder:
    current = _locked_plan(plan.pk)
    _require_editable(actor, current)
    if organisation is None and not name.strip():
        raise ValidationError({"name": _("Choose an organisation from the directory or write a name.")})
    stakeholder = PlanStakeholder(
        workplan=current, organisation=organisation, name=name.strip(), role=role.strip()
    )
    stakeholder.full_clean()
    stakeholder.save()
    return stakeholder


@transaction.atomic
def stakeholder_remove(*, stakeholder: PlanStakeholder, actor) -> None:
    plan = _locked_plan(stakeholder.workplan_id)
    _require_editable(actor, plan)
    stakeholder.delete()


# --- the life of a plan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    name: str
    label: Promise
    sources: frozenset
    target: str
    role: Callable  # (user, group) -> bool
    needs_comment: bool = False
    checks_content: bool = False
    snapshot: bool = False
    style: str = ""


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action(
            "send", gettext_lazy("Send to the chair"), frozenset({S.DRAFT, S.RETURNED}), S.WITH_CHAIR,
            permissions.role_may_send, checks_content=True,
        ),
        Action(
            "chair_approve", gettext_lazy("Approve (chair)"), frozenset({S.WITH_CHAIR}), S.CHAIR_APPROVED,
            permissions.role_may_decide_as_chair,
        ),
        Action(
            "chair_return", gettext_lazy("Return with comments"), frozenset({S.WITH_CHAIR}), S.RETURNED,
            permissions.role_may_decide_as_chair, needs_comment=True, style="btn-secondary",
        ),
        Action(
            "submit", gettext_lazy("Submit to the RTP Secretariat"),
            frozenset({S.CHAIR_APPROVED}), S.SUBMITTED,
            permissions.role_may_send, checks_content=True, snapshot=True,
        ),
        Action(
            "approve", gettext_lazy("Approve"), frozenset({S.SUBMITTED}), S.APPROVED,
            permissions.role_may_decide_as_rtp, snapshot=True,
        ),
        Action(
            "return", gettext_lazy("Return with comments"), frozenset({S.SUBMITTED}), S.RETURNED,
            permissions.role_may_decide_as_rtp, needs_comment=True, style="btn-secondary",
        ),
        Action(
            "publish", gettext_lazy("Publish"), frozenset({S.APPROVED}), S.PUBLISHED,
            permissions.role_may_decide_as_rtp, snapshot=True,
        ),
    ]
}  # fmt: skip


def available_actions(user, plan: WorkPlan) -> list[Action]:
    """The steps this user may take now (for the buttons; the service checks again)."""
    return [a for a in ACTIONS.values() if plan.status in a.sources and a.role(user, plan.group)]


def may_take_step(user, plan: WorkPlan, action: str) -> bool:
    act = ACTIONS.get(action)
    return act is not None and plan.status in act.sources and act.role(user, plan.group)


@transaction.atomic
def workplan_take_step(
    *, plan: WorkPlan, actor, action: str, comment: str = "", revision: int | None = None
) -> WorkPlan:
    """Move the plan one step along its life, recording who, when and the comment.

    Refusals: PermissionDenied when the actor's role may not take this step at all; ValidationError when
    it cannot be taken now (another status, a stale page, a missing comment, or content not ready)."""
    act = ACTIONS.get(action)
    if act is None:
        raise ValidationError(_("Unknown step."))
    current = _locked_plan(plan.pk)
    _require(act.role(actor, current.group))
    if current.status not in act.sources:
        raise ValidationError(
            _("This step is not possible now: the plan is “%(status)s”.")
            % {"status": current.get_status_display()}
        )
    if revision is not None and revision != current.revision:
        raise ValidationError(_("The plan changed since you opened it. Look at it again before you decide."))
    comment = (comment or "").strip()
    if act.needs_comment and not comment:
        raise ValidationError({"comment": _("Write what needs to change.")})
    if act.checks_content:
        problems = workplan_problems(current)
        if problems:
            raise ValidationError(problems)
    from_status = current.status
    now = timezone.now()
    current.status = act.target
    if act.target == S.SUBMITTED and current.submitted_at is None:
        current.submitted_at = now
    if act.target == S.PUBLISHED:
        current.published_at = now
    current.revision += 1
    current.save()
    WorkPlanStep.objects.create(
        workplan=current, from_status=from_status, to_status=act.target, actor=actor, comment=comment
    )
    if act.snapshot:
        version_create(plan=current, actor=actor)
    return current


# --- versions --------------------------------------------------------------------------------------------


def _item(item: FrameworkItem) -> dict:
    return {
        "framework": item.framework.code,
        "code": item.code,
        "title_lo": item.title_lo,
        "title_en": item.title_en,
    }


def _names(obj) -> dict | None:
    if obj is None:
        return None
    return {"lo": localized(obj, "name", "lo"), "en": localized(obj, "name", "en")}


def workplan_snapshot(plan: WorkPlan) -> dict:
    """The plan as plain JSON: what a version keeps."""
    priorities = plan.priorities.select_related("lead_organisation").prefetch_related(
        "partners", "nsedp_outputs__framework", "sdg_targets__framework"
    )
    return {
        "status": plan.status,
        "revision": plan.revision,
        "header": {field: getattr(plan, field) for field in HEADER_FIELDS},
        "priorities": [
            {
                "id": p.pk,
                "order": p.order,
                **{
                    f: getattr(p, f)
                    for f in PRIORITY_FIELDS
                    if f not in {"lead_organisation", "start_date", "end_date", "budget"}
                },
                "lead_organisation": _names(p.lead_organisation),
                "partners": [_names(o) for o in p.partners.all()],
                "nsedp_outputs": [_item(i) for i in p.nsedp_outputs.all()],
                "sdg_targets": [_item(i) for i in p.sdg_targets.all()],
                "start_date": p.start_date.isoformat() if p.start_date else None,
                "end_date": p.end_date.isoformat() if p.end_date else None,
                "budget": str(p.budget) if p.budget is not None else None,
            }
            for p in priorities
        ],
        "meetings": [
            {
                "group": m.group.code,
                "date": m.date.isoformat(),
                "title_lo": m.title_lo,
                "title_en": m.title_en,
            }
            for m in plan.planned_meetings.select_related("group")
        ],
        "stakeholders": [
            {"organisation": _names(s.organisation), "name": s.name, "role": s.role}
            for s in plan.stakeholders.select_related("organisation")
        ],
    }


def version_create(*, plan: WorkPlan, actor) -> WorkPlanVersion:
    last = plan.versions.aggregate(m=Max("number"))["m"] or 0
    return WorkPlanVersion.objects.create(
        workplan=plan, number=last + 1, status=plan.status, snapshot=workplan_snapshot(plan), created_by=actor
    )
