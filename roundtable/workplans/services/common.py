"""What the work-plan services share: the editable fields and the guards every write passes through (the
actor's role, the plan's state, a row lock on the plan). Refusals and stale saves raise core's `Refused`
and `Conflict` (roundtable.core.services), like every other app's services."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from roundtable.core.services import lock, require
from roundtable.frameworks.models import Framework

from .. import permissions
from ..models import WorkPlan

HEADER_FIELDS = ["sector_strategy_lo", "sector_strategy_en", "context_lo", "context_en"]
# Every field the secretariat gives a priority, in the template's order (the form and the API show them so).
PRIORITY_ALL_FIELDS = [
    "title_lo",
    "title_en",
    "description_lo",
    "description_en",
    "lead_organisation",
    "partners",
    "nsedp_outputs",
    "sdg_targets",
    "expected_results_lo",
    "expected_results_en",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "funding_source_lo",
    "funding_source_en",
]
PRIORITY_M2M = ["partners", "nsedp_outputs", "sdg_targets"]
PRIORITY_FIELDS = [f for f in PRIORITY_ALL_FIELDS if f not in PRIORITY_M2M]
MEETING_FIELDS = ["group", "date", "title_lo", "title_en"]


def nsedp_for_year(year: int) -> Framework | None:
    """The NSEDP whose period covers the year (else the latest one): priorities link to its outputs."""
    nsedps = Framework.objects.filter(kind="nsedp")
    return (
        nsedps.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year").first()
        or nsedps.order_by("-start_year", "code").first()
    )


def one_year_on(day: date | None) -> date | None:
    """The same day a year later (28 February for 29 February). A date of the last year a date can have
    stays as it is: the copy's validation then says it is out of range, where moving it would overflow."""
    if day is None or day.year >= date.max.year:
        return day
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def locked_plan(plan: WorkPlan, revision: int | None = None) -> WorkPlan:
    """The plan, row-locked for the transaction so that two saves of it are serialised (core.services.lock);
    Conflict when `revision` is given and someone saved the plan since."""
    return lock(plan, revision, HEADER_FIELDS)


def require_role(allowed: bool) -> None:
    require(allowed, _("You may not do this with this work plan."))


def require_editable(actor, plan: WorkPlan) -> None:
    """The actor is the group's secretariat and the plan is in its hands (else Refused, with a message for
    the user: "not_allowed" or "wrong_state")."""
    require_role(permissions.may_edit_group_plans(actor, plan.group))
    require(
        plan.is_editable,
        _("The plan is “%(status)s”: it can be changed only as a draft or when returned.")
        % {"status": plan.get_status_display()},
        code="wrong_state",
    )


def remove_part(part, actor) -> None:
    """Delete a priority, planned meeting or stakeholder of a plan still in the secretariat's hands
    (the caller is atomic: the plan stays locked until the deletion is done)."""
    require_editable(actor, locked_plan(part.workplan))
    part.delete()
