"""Starting a plan: empty, or from last year's plan (copy-from-last-year)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from roundtable.core.services import require

from .. import permissions
from ..models import PlannedMeeting, PlanStakeholder, Priority, WorkPlan
from .common import HEADER_FIELDS, PRIORITY_FIELDS, nsedp_for_year, one_year_on, require_role


@transaction.atomic
def workplan_create(*, group, year: int, actor, start_from_previous: bool = False) -> WorkPlan:
    """A new plan for the group and year: empty, or started from the previous year's plan (header,
    priorities, planned meetings and stakeholders copied; dates moved a year on; NSEDP links kept only
    when they belong to the NSEDP of the new year)."""
    require_role(permissions.can_create_workplan(actor, group))
    require(
        not WorkPlan.objects.filter(group=group, year=year).exists(),
        _("The group already has a work plan for %(year)s.") % {"year": year},
        code="exists",
    )
    previous = None
    if start_from_previous:
        previous = WorkPlan.objects.filter(group=group, year=year - 1).first()
        require(
            previous is not None,
            _("There is no plan of %(year)s to start from.") % {"year": year - 1},
            code="no_previous_plan",
        )
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
    # Meetings of a sub-group closed since last year are not planned again.
    bulk_create_with_history(
        [
            PlannedMeeting(
                workplan=plan,
                group_id=m.group_id,
                date=one_year_on(m.date),
                title_lo=m.title_lo,
                title_en=m.title_en,
            )
            for m in previous.planned_meetings.filter(group__is_active=True)
        ],
        PlannedMeeting,
    )
    bulk_create_with_history(
        [
            PlanStakeholder(
                workplan=plan,
                organisation_id=s.organisation_id,
                person_id=s.person_id,
                name=s.name,
                role_code=s.role_code,
                role_note=s.role_note,
            )
            for s in previous.stakeholders.all()
        ],
        PlanStakeholder,
    )
