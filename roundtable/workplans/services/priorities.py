"""The plan's priority programmes/projects: add, change (with conflict detection), remove, reorder."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from roundtable.core.services import lock, model_update

from ..models import Priority, WorkPlan
from .common import (
    PRIORITY_ALL_FIELDS,
    PRIORITY_FIELDS,
    PRIORITY_M2M,
    locked_plan,
    nsedp_for_year,
    remove_part,
    require_editable,
)


def _check_priority_links(plan: WorkPlan, nsedp_outputs, sdg_targets, already=()) -> None:
    """Outputs of the NSEDP of the plan's year and SDG targets only. An output of another NSEDP that the
    priority links already (copied, or linked before a new NSEDP was loaded) may stay."""
    kept = {item.pk for item in already}
    nsedp = nsedp_for_year(plan.year)
    for item in nsedp_outputs:
        if item.framework.kind != "nsedp" or item.level != "output":
            raise ValidationError({"nsedp_outputs": _("Choose NSEDP outputs only.")})
        if nsedp is not None and item.framework_id != nsedp.pk and item.pk not in kept:
            raise ValidationError(
                {
                    "nsedp_outputs": _("Choose outputs of the NSEDP of %(year)s (%(nsedp)s).")
                    % {"year": plan.year, "nsedp": nsedp.name}
                }
            )
    if any(item.framework.kind != "sdg" or item.level != "target" for item in sdg_targets):
        raise ValidationError({"sdg_targets": _("Choose SDG targets only.")})


@transaction.atomic
def priority_create(*, plan: WorkPlan, actor, data: dict) -> Priority:
    current = locked_plan(plan)
    require_editable(actor, current)
    _check_priority_links(current, data.get("nsedp_outputs", []), data.get("sdg_targets", []))
    last = current.priorities.aggregate(m=Max("order"))["m"]
    priority = Priority(workplan=current, order=(last or 0) + 1)
    for field in PRIORITY_FIELDS:
        if field in data:
            setattr(priority, field, data[field])
    priority.full_clean()  # the priority's own rules (Priority.clean)
    priority.save()
    for field in PRIORITY_M2M:
        if field in data:
            getattr(priority, field).set(data[field])  # each set() is a historical record with the links
    return priority


@transaction.atomic
def priority_update(*, priority: Priority, actor, data: dict, revision: int) -> Priority:
    """Save a priority; Conflict when someone saved it since `revision` (with what changed, links too)."""
    plan = locked_plan(priority.workplan)
    require_editable(actor, plan)
    current = lock(priority, revision, PRIORITY_ALL_FIELDS)
    _check_priority_links(
        plan,
        data.get("nsedp_outputs", []),
        data.get("sdg_targets", []),
        already=current.nsedp_outputs.all(),
    )
    model_update(current, data, fields=PRIORITY_ALL_FIELDS)
    return current


@transaction.atomic
def priority_delete(*, priority: Priority, actor) -> None:
    remove_part(priority, actor)


@transaction.atomic
def priority_move(*, priority: Priority, actor, direction: str) -> None:
    """Move a priority one place up or down (a relative move: two people reordering never lose a change)."""
    if direction not in {"up", "down"}:
        raise ValidationError(_("Move a priority up or down."))
    plan = locked_plan(priority.workplan)
    require_editable(actor, plan)
    ordered = list(plan.priorities.order_by("order", "id"))
    index = next(i for i, p in enumerate(ordered) if p.pk == priority.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    # Saved one by one (not a queryset update): each new place is in the priority's audit history.
    for position, item in enumerate(ordered, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order", "updated_at"])
