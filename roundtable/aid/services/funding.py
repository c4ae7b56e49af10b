"""How a transaction's money is counted for the groups: the sectors it serves, then the mapping.

For one transaction of a funded type (commitment, disbursement, expenditure):
1. the share for Lao PDR: all of it or nothing when the transaction names its recipient country, else the
   activity's recipient-country percentage for Lao PDR;
2. the sectors: the transaction's own sector when it has one, else the activity's DAC 5-digit sectors with
   their percentages, else its DAC 3-digit ones; none of these: all unmapped;
3. each sector code to groups by the mapping: the code's own rows, else (a 5-digit code) its 3-digit
   category's; what the rows leave of 100 %, and codes without rows, go to the unmapped bucket.

The shares are fractions with 8 decimals; those of one transaction add up exactly to its share for Lao
PDR (the rounding left over goes to the largest part), so the groups and the unmapped bucket together give
back the transaction, to the cent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal

from ..codelists import DAC3, DAC5
from ..models import (
    FUNDED_TYPES,
    Activity,
    ActivitySector,
    FundingShare,
    SectorMapping,
    Transaction,
    settings_country,
)
from .bulk import Rows, delete_where

QUANTUM = Decimal("0.00000001")
ONE = Decimal(1)
HUNDRED = Decimal(100)


class MappingTable:
    """The sector-to-group mapping, read once: {code: [(group id, percentage)]}."""

    def __init__(self, rows: Iterable[tuple[str, int, Decimal]] | None = None):
        if rows is None:
            rows = SectorMapping.objects.values_list("code", "group_id", "percentage")
        self.by_code: dict[str, list[tuple[int, Decimal]]] = defaultdict(list)
        for code, group_id, percentage in rows:
            self.by_code[code].append((group_id, percentage))

    def groups_of(self, code: str) -> list[tuple[int | None, Decimal]]:
        """[(group id or None for unmapped, fraction 0–1)] for a DAC code, adding up to 1."""
        rows = self.by_code.get(code)
        if not rows and len(code) == 5:
            rows = self.by_code.get(code[:3])
        if not rows:
            return [(None, ONE)]
        parts = [(group_id, pct / HUNDRED) for group_id, pct in rows]
        left = ONE - sum((fraction for _g, fraction in parts), Decimal(0))
        if left > 0:
            parts.append((None, left))
        return parts


def sector_split(
    sectors: Iterable[tuple[str, str, Decimal | None]], own: tuple[str, str] | None = None
) -> list[tuple[str | None, Decimal]]:
    """[(DAC code or None, fraction)] that a transaction serves: its own sector, else the activity's DAC
    5-digit sectors, else its DAC 3-digit ones (vocabulary, code, percentage)."""
    if own and own[0] in (DAC5, DAC3) and own[1]:
        return [(own[1], ONE)]
    sectors = list(sectors)
    for vocabulary in (DAC5, DAC3):
        chosen = [(code, pct) for voc, code, pct in sectors if voc == vocabulary and code]
        if not chosen:
            continue
        if len(chosen) == 1:
            return [(chosen[0][0], ONE)]
        total = sum((pct or Decimal(0) for _c, pct in chosen), Decimal(0))
        if total <= 0:
            return [(code, ONE / len(chosen)) for code, _pct in chosen]
        # Percentages that miss 100 by a hair (33.33 × 3) are scaled to add up.
        return [(code, (pct or Decimal(0)) / total) for code, pct in chosen]
    return [(None, ONE)]


def group_fractions(
    split: list[tuple[str | None, Decimal]], mapping: MappingTable, lao_share: Decimal
) -> list[tuple[int | None, Decimal]]:
    """The transaction's shares by group (None: unmapped), adding up exactly to `lao_share`."""
    totals: dict[int | None, Decimal] = defaultdict(Decimal)
    for code, fraction in split:
        for group_id, part in mapping.groups_of(code) if code else [(None, ONE)]:
            totals[group_id] += fraction * part * lao_share
    target = lao_share.quantize(QUANTUM, ROUND_DOWN)
    rounded = {g: value.quantize(QUANTUM, ROUND_DOWN) for g, value in totals.items()}
    left = target - sum(rounded.values(), Decimal(0))
    if left and rounded:
        largest = max(rounded, key=lambda g: (rounded[g], g is not None))
        rounded[largest] += left
    return [(g, value) for g, value in rounded.items() if value > 0]


# A transaction as the counting reads it: (id, type, sector vocabulary, sector code, recipient country).
TxnRow = tuple[int, int, str, str, str]
SHARE_FIELDS = ("transaction", "activity", "group", "fraction")


def transaction_lao_share(recipient_country: str, activity_share: Decimal, country: str) -> Decimal:
    if recipient_country:
        return ONE if not country or recipient_country == country else Decimal(0)
    return activity_share


def share_rows(
    activity_id: int,
    activity_share: Decimal,
    sectors: list[tuple[str, str, Decimal | None]],
    transactions: Iterable[TxnRow],
    mapping: MappingTable,
    country: str | None = None,
) -> list[tuple[int, int, int | None, Decimal]]:
    """The FundingShare rows (transaction, activity, group, fraction) of an activity's transactions."""
    country = settings_country() if country is None else country
    rows = []
    base = None
    for txn_id, kind, vocabulary, code, recipient in transactions:
        if kind not in FUNDED_TYPES:
            continue
        lao = transaction_lao_share(recipient, activity_share, country)
        if lao <= 0:
            continue
        if code:
            split = sector_split(sectors, (vocabulary, code))
        else:
            base = base if base is not None else sector_split(sectors)
            split = base
        for group_id, fraction in group_fractions(split, mapping, lao):
            rows.append((txn_id, activity_id, group_id, fraction))
    return rows


def funding_rebuild(activity_ids: Iterable[int] | None = None, *, batch: int = 500) -> int:
    """Count the activities' transactions for the groups again (all activities: None), after the mapping
    changed. Runs in the caller's transaction. Returns how many shares there are now."""
    mapping = MappingTable()
    country = settings_country()
    activities = (
        Activity.objects.all() if activity_ids is None else Activity.objects.filter(pk__in=list(activity_ids))
    )
    ids = list(activities.order_by("pk").values_list("pk", flat=True))
    writer = Rows(FundingShare, SHARE_FIELDS)
    created = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        delete_where(FundingShare, "activity", chunk)
        sectors: dict[int, list] = defaultdict(list)
        for activity_id, vocabulary, code, pct in ActivitySector.objects.filter(
            activity_id__in=chunk
        ).values_list("activity_id", "vocabulary", "code", "percentage"):
            sectors[activity_id].append((vocabulary, code, pct))
        transactions: dict[int, list] = defaultdict(list)
        for row in Transaction.objects.filter(activity_id__in=chunk, type__in=FUNDED_TYPES).values_list(
            "activity_id", "pk", "type", "sector_vocabulary", "sector_code", "recipient_country"
        ):
            transactions[row[0]].append(row[1:])
        rows = []
        for activity_id, share in Activity.objects.filter(pk__in=chunk).values_list("pk", "lao_share"):
            rows += share_rows(
                activity_id, share, sectors[activity_id], transactions[activity_id], mapping, country
            )
        writer.insert(rows)
        created += len(rows)
    return created


def activities_with_code(code: str) -> list[int]:
    """The activities whose counting a mapping change of `code` can move: a DAC sector of theirs (or of one
    of their transactions) is the code, or falls in it (a 3-digit category)."""
    if len(code) == 3:
        sector = ActivitySector.objects.filter(vocabulary__in=(DAC5, DAC3), code__startswith=code)
        txn = Transaction.objects.filter(sector_vocabulary__in=(DAC5, DAC3), sector_code__startswith=code)
    else:
        sector = ActivitySector.objects.filter(vocabulary=DAC5, code=code)
        txn = Transaction.objects.filter(sector_vocabulary=DAC5, sector_code=code)
    ids = set(sector.values_list("activity_id", flat=True)) | set(txn.values_list("activity_id", flat=True))
    return sorted(ids)
