"""Editing the rest of a plan while it is in the secretariat's hands: its header (strategy and context),
its planned meetings and its stakeholders."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from roundtable.core.services import lock, model_update

from ..models import PlannedMeeting, PlanStakeholder, WorkPlan
from .common import HEADER_FIELDS, MEETING_FIELDS, locked_plan, remove_part, require_editable

# --- the header ---------------------------------------------------------------------------------------


@transaction.atomic
def workplan_update_header(*, plan: WorkPlan, actor, data: dict, revision: int) -> WorkPlan:
    """Save the header (strategy, context); Conflict when someone saved the plan since `revision`."""
    current = locked_plan(plan)
    require_editable(actor, current)
    current = lock(current, revision, HEADER_FIELDS)
    model_update(current, {field: data.get(field, "") for field in HEADER_FIELDS}, fields=HEADER_FIELDS)
    return current


# --- planned meetings ----------------------------------------------------------------------------------


def plannable_groups(plan: WorkPlan) -> list:
    """The plan's group and its active sub-groups: whose meetings an SWG plan schedules."""
    return [plan.group, *plan.group.children.filter(is_active=True).order_by("order", "code")]


def _check_meeting(plan: WorkPlan, group, day: date, kept_group_id: int | None = None) -> None:
    # Only the plan's own group or one of its active sub-groups: never another group's sub-group, whose
    # calendar would then show a meeting its own secretariat never planned. An edit that keeps the
    # meeting's group (`kept_group_id`) may keep a sub-group closed since.
    if group.pk not in {plan.group_id, kept_group_id} and (
        group.parent_id != plan.group_id or not group.is_active
    ):
        raise ValidationError({"group": _("Choose the group or one of its sub-groups.")})
    if day.year != plan.year:
        raise ValidationError({"date": _("The date must be in %(year)s.") % {"year": plan.year}})


@transaction.atomic
def planned_meeting_add(
    *, plan: WorkPlan, actor, group, day: date, title_lo: str = "", title_en: str = ""
) -> PlannedMeeting:
    current = locked_plan(plan)
    require_editable(actor, current)
    _check_meeting(current, group, day)
    meeting = PlannedMeeting(
        workplan=current, group=group, date=day, title_lo=title_lo.strip(), title_en=title_en.strip()
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def planned_meeting_update(
    *,
    meeting: PlannedMeeting,
    actor,
    group,
    day: date,
    title_lo: str = "",
    title_en: str = "",
    revision: int,
) -> PlannedMeeting:
    """Change a planned meeting's date, group or title; Conflict when someone saved it since `revision`."""
    plan = locked_plan(meeting.workplan)
    require_editable(actor, plan)
    current = lock(meeting, revision, MEETING_FIELDS)
    _check_meeting(plan, group, day, kept_group_id=current.group_id)
    data = {"group": group, "date": day, "title_lo": title_lo.strip(), "title_en": title_en.strip()}
    model_update(current, data, fields=MEETING_FIELDS)
    return current


@transaction.atomic
def planned_meeting_remove(*, meeting: PlannedMeeting, actor) -> None:
    remove_part(meeting, actor)


# --- stakeholders ---------------------------------------------------------------------------------------


@transaction.atomic
def stakeholders_import(*, plan: WorkPlan, actor) -> int:
    """Add the group's current members and the organisations of its chairs and co-chairs (from the
    directory) that are not on the list yet; returns how many were added."""
    from roundtable.directory.models import Membership
    from roundtable.groups.models import ChairTerm

    current = locked_plan(plan)
    require_editable(actor, current)
    people = set(current.stakeholders.exclude(person=None).values_list("person_id", flat=True))
    organisations = set(current.stakeholders.filter(person=None).values_list("organisation_id", flat=True))
    new = []
    for term in ChairTerm.objects.current().filter(group=current.group).select_related("organisation"):
        if term.organisation_id not in organisations:
            organisations.add(term.organisation_id)
            new.append(
                PlanStakeholder(workplan=current, organisation_id=term.organisation_id, role_code=term.role)
            )
    for membership in Membership.objects.current().filter(group=current.group).select_related("person"):
        if membership.person_id not in people:
            people.add(membership.person_id)
            organisation_id = membership.organisation_id or membership.person.organisation_id
            new.append(
                PlanStakeholder(
                    workplan=current,
                    person_id=membership.person_id,
                    organisation_id=organisation_id,
                    role_code=membership.role,  # member or secretariat: the same codes
                )
            )
    bulk_create_with_history(new, PlanStakeholder)
    return len(new)


@transaction.atomic
def stakeholder_add(
    *, plan: WorkPlan, actor, organisation=None, name: str = "", role_code: str = "", role_note: str = ""
) -> PlanStakeholder:
    """Add a stakeholder: an organisation of the directory or a name, with its role as a code
    (`StakeholderRole`) and/or in words."""
    current = locked_plan(plan)
    require_editable(actor, current)
    if organisation is None and not name.strip():
        raise ValidationError({"name": _("Choose an organisation from the directory or write a name.")})
    stakeholder = PlanStakeholder(
        workplan=current,
        organisation=organisation,
        name=name.strip(),
        role_code=role_code,
        role_note=role_note.strip(),
    )
    stakeholder.full_clean()
    stakeholder.save()
    return stakeholder


@transaction.atomic
def stakeholder_remove(*, stakeholder: PlanStakeholder, actor) -> None:
    remove_part(stakeholder, actor)
