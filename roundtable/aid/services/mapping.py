"""Editing the mapping of DAC sector codes to groups (the RTP Secretariat), and seeding its default."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roundtable.core.services import require
from roundtable.groups.models import Group

from .. import permissions
from ..codelists import codelist
from ..default_mapping import DEFAULT_MAPPING
from ..models import SectorMapping
from .funding import activities_with_code, funding_rebuild

HUNDRED = Decimal(100)


def check_code(code: str) -> str:
    code = (code or "").strip()
    if len(code) == 5 and code in codelist("Sector"):
        return code
    if len(code) == 3 and code in codelist("SectorCategory"):
        return code
    raise ValidationError(
        {"code": _("“%(code)s” is not a DAC sector code (5 digits) or category (3 digits).") % {"code": code}}
    )


@transaction.atomic
def mapping_set(*, actor, code: str, rows: list[tuple[Group, Decimal]]) -> list[SectorMapping]:
    """The groups a code counts for, with their percentages (adding up to at most 100: the rest is
    unmapped); no rows: the code is unmapped (or follows its category). Counts the code's activities
    again in the same transaction, so the figures never show a half-applied change."""
    require(permissions.can_edit_mapping(actor))
    code = check_code(code)
    seen = set()
    for group, percentage in rows:
        if group.kind not in permissions.FUNDED_KINDS:
            raise ValidationError(
                _("Only Sector Working Groups and their sub-groups receive sector funding.")
            )
        if group.pk in seen:
            raise ValidationError(_("Each group once per code."))
        seen.add(group.pk)
        if not (Decimal(0) < percentage <= HUNDRED):
            raise ValidationError(_("Each percentage is more than 0 and at most 100."))
    if sum((pct for _g, pct in rows), Decimal(0)) > HUNDRED:
        raise ValidationError(_("The percentages of one code add up to at most 100."))
    current = {m.group_id: m for m in SectorMapping.objects.select_for_update().filter(code=code)}
    wanted = {group.pk: (group, pct) for group, pct in rows}
    for group_id, mapping in current.items():
        if group_id not in wanted:
            mapping._history_user = actor
            mapping.delete()
    result = []
    for group_id, (group, pct) in wanted.items():
        mapping = current.get(group_id) or SectorMapping(code=code, group=group)
        if mapping.pk is None or mapping.percentage != pct:
            mapping.percentage = pct
            mapping._history_user = actor
            mapping.full_clean()
            mapping.save()
        result.append(mapping)
    funding_rebuild(activities_with_code(code))
    return result


@transaction.atomic
def mapping_seed_defaults(*, actor=None) -> int:
    """Add the default mapping for the codes that have no row yet, for the groups that exist (a sub-SWG
    that does not exist gives its row to its SWG). Counts every activity again. Returns the rows added.

    `actor` None: the demo or the command line."""
    if actor is not None:
        require(permissions.can_edit_mapping(actor))
    groups = {g.code: g for g in Group.objects.filter(kind__in=permissions.FUNDED_KINDS)}
    mapped = set(SectorMapping.objects.values_list("code", flat=True).distinct())
    added = 0
    for code, rows in DEFAULT_MAPPING.items():
        if code in mapped:
            continue
        parts: dict[int, tuple[Group, Decimal]] = {}
        for group_code, pct in rows:
            group = groups.get(group_code) or groups.get(group_code.split("-", 1)[0])
            if group is None:
                continue
            previous = parts.get(group.pk, (group, Decimal(0)))[1]
            parts[group.pk] = (group, previous + Decimal(pct))
        for group, pct in parts.values():
            mapping = SectorMapping(code=code, group=group, percentage=min(pct, HUNDRED))
            mapping._history_user = actor
            mapping.save()
            added += 1
    if added:
        funding_rebuild()
    return added
