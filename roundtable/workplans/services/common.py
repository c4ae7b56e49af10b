"""What the work-plan services share: the editable fields, the errors they raise, and the guards every
write passes through (the actor's role, the plan's state, a row lock on the plan)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

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
    "funding_source",
]
PRIORITY_M2M = ["partners", "nsedp_outputs", "sdg_targets"]
PRIORITY_FIELDS = [f for f in PRIORITY_ALL_FIELDS if f not in PRIORITY_M2M]
MEETING_FIELDS = ["group", "date", "title_lo", "title_en"]


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


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this with this work plan."))


def locked_plan(plan_id: int) -> WorkPlan:
    # Row lock on PostgreSQL so that two saves of the same plan are serialised (SQLite locks the database).
    return WorkPlan.objects.select_for_update().select_related("group").get(pk=plan_id)


def require_editable(actor, plan: WorkPlan) -> None:
    """The actor is the group's secretariat (else PermissionDenied) and the plan is in its hands (else
    ValidationError with a message for the user)."""
    require(permissions.may_edit_group_plans(actor, plan.group))
    if not plan.is_editable:
        raise ValidationError(
            _("The plan is “%(status)s”: it can be changed only as a draft or when returned.")
            % {"status": plan.get_status_display()}
        )


def remove_part(part, actor) -> None:
    """Delete a priority, planned meeting or stakeholder of a plan still in the secretariat's hands
    (the caller is atomic: the plan stays locked until the deletion is done)."""
    require_editable(actor, locked_plan(part.workplan_id))
    part.delete()
