"""Every write of the compliance app: the templates and obligations (the RTP Secretariat), hand ticks (a
group's secretariat). Each checks its own permission, takes plain data, validates before saving, and keeps
the audit history (simple-history); editing a template from a stale page is refused with what changed."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.core.services import Refused, lock, model_update, require
from roundtable.core.uploads import validate_document

from . import permissions
from .models import ChecklistTemplate, HandTick, Obligation

TEMPLATE_FIELDS = ["name_lo", "name_en", "description_lo", "description_en"]
OBLIGATION_FIELDS = [
    "code",
    "order",
    "task_lo",
    "task_en",
    "guidance_lo",
    "guidance_en",
    "responsible",
    "rule",
    "event",
    "proof",
    "due_month",
    "due_day",
    "count",
    "days",
    "weeks",
    "valid_years",
    "is_public",
    "first_year",
    "last_year",
]


@transaction.atomic
def template_update(*, template: ChecklistTemplate, actor, data: dict, revision: int | None) -> list[str]:
    """Change a template's name and description; returns the changed fields."""
    require(permissions.can_edit_templates(actor))
    template = lock(template, revision, TEMPLATE_FIELDS)
    return model_update(template, data, fields=TEMPLATE_FIELDS)


@transaction.atomic
def obligation_create(*, template: ChecklistTemplate, actor, data: dict) -> Obligation:
    """Add an obligation to a template (every group of its kind has it from its first year)."""
    require(permissions.can_edit_templates(actor))
    obligation = Obligation(template=template, **{k: v for k, v in data.items() if k in OBLIGATION_FIELDS})
    if Obligation.objects.filter(template=template, code=obligation.code).exists():
        raise ValidationError({"code": _("This template has an obligation with this code already.")})
    obligation.full_clean()
    obligation.save()
    return obligation


@transaction.atomic
def obligation_update(*, obligation: Obligation, actor, data: dict, revision: int | None) -> list[str]:
    """Change an obligation. Past years are built with the obligation as it is now: to change a rule from a
    year on, retire the obligation (its last year) and add a new one."""
    require(permissions.can_edit_templates(actor))
    obligation = lock(obligation, revision, OBLIGATION_FIELDS)
    code = data.get("code", obligation.code)
    if (
        code != obligation.code
        and Obligation.objects.filter(template=obligation.template, code=code).exists()
    ):
        raise ValidationError({"code": _("This template has an obligation with this code already.")})
    return model_update(obligation, data, fields=OBLIGATION_FIELDS)


@transaction.atomic
def hand_tick_add(
    *,
    group,
    obligation: Obligation,
    year: int,
    item_key: str,
    actor,
    done_on: date,
    note: str,
    evidence=None,
    evidence_url: str = "",
) -> HandTick:
    """Tick an item by hand: when it was done, what was done, and a document or a link as evidence.

    Refused for an obligation that a record proves (its status comes from the records), for a day in the
    future, and for an item ticked already (withdraw that tick first)."""
    require(permissions.can_tick(actor, group, obligation))
    if group.kind != obligation.template.kind or not obligation.applies_in(year):
        raise Refused(
            _("This obligation is not on this group's checklist for this year."), code="not_on_checklist"
        )
    if not _is_tickable_item(group, obligation, year, item_key):
        raise Refused(_("This item is not on this group's checklist."), code="no_such_item")
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The day it was done cannot be in the future.")})
    if evidence:
        validate_document(evidence)
    tick = HandTick(
        group=group,
        obligation=obligation,
        year=year,
        item_key=item_key,
        done_on=done_on,
        note=note.strip(),
        evidence=evidence or "",
        evidence_url=evidence_url.strip(),
        ticked_by=actor,
    )
    tick.full_clean(exclude=["group", "obligation", "ticked_by"], validate_unique=False)
    try:
        with transaction.atomic():
            tick.save()
    except IntegrityError as exc:
        raise Refused(_("This item is ticked already."), code="already_ticked") from exc
    return tick


def _is_tickable_item(group, obligation: Obligation, year: int, item_key: str) -> bool:
    """The item is one the checklist of the year has for this obligation (not a key made up in a request)."""
    from .checklists import group_checklist

    cell = group_checklist(group, year).cell(group, obligation, year)
    return cell is not None and any(item.key == item_key and item.tickable for item in cell.items)


@transaction.atomic
def hand_tick_withdraw(*, tick: HandTick, actor) -> None:
    """Take a hand tick back (the item is open again). The audit history keeps the tick, and its evidence
    file stays in storage: what was claimed, and on what evidence, remains on record."""
    require(permissions.can_withdraw_tick(actor, tick))
    tick.delete()
