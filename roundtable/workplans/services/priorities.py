"""The plan's priority programmes/projects: add, change (with conflict detection), remove, reorder."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from roundtable.core.i18n import require_text

from ..models import Priority, WorkPlan
from .common import (
    PRIORITY_FIELDS,
    PRIORITY_M2M,
    EditConflict,
    locked_plan,
    nsedp_for_year,
    remove_part,
    require_editable,
)
from .conflicts import priority_changes


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


def _save_priority(priority: Priority, data: dict) -> Priority:
    for field in PRIORITY_FIELDS:
        if field in data:
            setattr(priority, field, data[field])
    require_text(priority, "title", _("Give the title in Lao, in English, or both."))
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
    current = locked_plan(plan.pk)
    require_editable(actor, current)
    _check_priority_links(current, data.get("nsedp_outputs", []), data.get("sdg_targets", []))
    last = current.priorities.aggregate(m=Max("order"))["m"]
    priority = _save_priority(Priority(workplan=current, order=(last or 0) + 1), data)
    _set_links(priority, data)
    priority.save()  # a historical record with the links (see priority_update)
    return priority


@transaction.atomic
def priority_update(*, priority: Priority, actor, data: dict, revision: int) -> Priority:
    """Save a priority; refused with EditConflict when someone saved it since `revision`."""
    plan = locked_plan(priority.workplan_id)
    require_editable(actor, plan)
    current = Priority.objects.select_for_update().get(pk=priority.pk)
    if current.revision != revision:
        raise EditConflict(priority_changes(current, revision))
    _check_priority_links(
        plan,
        data.get("nsedp_outputs", []),
        data.get("sdg_targets", []),
        already=current.nsedp_outputs.all(),
    )
    current.revision += 1
    _save_priority(current, data)
    _set_links(current, data)
    # One more historical record, now with the links, so a later conflict diff sees them at this revision.
    current.save()
    return current


@transaction.atomic
def priority_delete(*, priority: Priority, actor) -> None:
    remove_part(priority, actor)


@transaction.atomic
def priority_move(*, priority: Priority, actor, direction: str) -> None:
    """Move a priority one place up or down (a relative move: two people reordering never lose a change)."""
    if direction not in {"up", "down"}:
        raise ValidationError(_("Move a priority up or down."))
    plan = locked_plan(priority.workplan_id)
    require_editable(actor, plan)
    ordered = list(plan.priorities.order_by("order", "id"))
    index = next(i for i, p in enumerate(ordered) if p.pk == priority.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.order != position:
            Priority.objects.filter(pk=item.pk).update(order=position)
