"""The funding figures the pages, the API and the exports show, read from the funding shares.

Every figure is a sum of (transaction value in USD or LAK) × (the share of the transaction counted there),
so the groups and the unmapped bucket add up to the transactions. "Committed" counts commitments,
"disbursed" disbursements and expenditures (`models.COMMITMENT_TYPES`, `DISBURSEMENT_TYPES`). A value
without an exchange rate is left out of the figures in that currency, and counted in `without_rate`.

An SWG's figures include those of its sub-SWGs (a code mapped to a sub-SWG is money for the sector too).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from roundtable.core.i18n import pick

from . import permissions
from .models import COMMITMENT_TYPES, DISBURSEMENT_TYPES, Activity, FundingShare, Source

CURRENCIES = ("usd", "lak")
_OUT = DecimalField(max_digits=32, decimal_places=10)


def currency_of(value: str | None) -> str:
    return value if value in CURRENCIES else "usd"


def amount(currency: str, prefix: str = ""):
    """The share's amount: transaction value × fraction (`prefix` when read from another model)."""
    return ExpressionWrapper(
        F(f"{prefix}transaction__value_{currency}") * F(f"{prefix}fraction"), output_field=_OUT
    )


def sums(currency: str, prefix: str = "") -> dict:
    value = amount(currency, prefix)
    return {
        "committed": Sum(value, filter=Q(**{f"{prefix}transaction__type__in": COMMITMENT_TYPES})),
        "disbursed": Sum(value, filter=Q(**{f"{prefix}transaction__type__in": DISBURSEMENT_TYPES})),
    }


def visible_shares(user) -> QuerySet[FundingShare]:
    """The shares of the activities the user may see (ODA database projects only for those allowed)."""
    shares = FundingShare.objects.all()
    if not permissions.can_view_oda_projects(user):
        shares = shares.filter(activity__source=Source.IATI)
    return shares


def group_scope(group) -> list[int]:
    """The group and, for an SWG, its sub-SWGs."""
    return [group.pk, *group.children.values_list("pk", flat=True)]


def _clean(row: dict) -> dict:
    for key in ("committed", "disbursed"):
        value = row.get(key)
        row[key] = value.quantize(Decimal("0.01")) if value is not None else Decimal(0)
    return row


def totals(shares: QuerySet, currency: str) -> dict:
    return _clean(shares.aggregate(**sums(currency)))


def by_year(shares: QuerySet, currency: str) -> list[dict]:
    rows = (
        shares.annotate(year=ExtractYear("transaction__date"))
        .values("year")
        .annotate(**sums(currency))
        .order_by("year")
    )
    return [_clean(dict(row)) for row in rows]


def by_partner(shares: QuerySet, currency: str) -> list[dict]:
    """Per partner (a directory organisation, or the name published when none matched), largest first."""
    rows = (
        shares.values(
            "activity__organisation", "activity__organisation__name_en", "activity__organisation__name_lo"
        )
        .annotate(
            **sums(currency),
            activities=Count("activity", distinct=True),
        )
        .order_by()
    )
    matched = [_clean(dict(row)) for row in rows if row["activity__organisation"] is not None]
    unmatched = (
        shares.filter(activity__organisation__isnull=True)
        .values("activity__reporting_org_name")
        .annotate(**sums(currency), activities=Count("activity", distinct=True))
        .order_by()
    )
    result = [
        {
            "organisation_id": row["activity__organisation"],
            "name_en": row["activity__organisation__name_en"],
            "name_lo": row["activity__organisation__name_lo"],
            "name": pick(row["activity__organisation__name_lo"], row["activity__organisation__name_en"]),
            "committed": row["committed"],
            "disbursed": row["disbursed"],
            "activities": row["activities"],
        }
        for row in matched
    ]
    result += [
        {
            "organisation_id": None,
            "name_en": row["activity__reporting_org_name"],
            "name_lo": "",
            "name": row["activity__reporting_org_name"],
            "committed": row["committed"],
            "disbursed": row["disbursed"],
            "activities": row["activities"],
        }
        for row in map(_clean, map(dict, unmatched))
    ]
    return sorted(result, key=lambda r: (-(r["committed"] + r["disbursed"]), r["name_en"] or ""))


def by_group(shares: QuerySet, currency: str) -> dict[int | None, dict]:
    """{group id (None: unmapped): {"committed", "disbursed", "activities"}} for the exact groups."""
    rows = (
        shares.values("group")
        .annotate(**sums(currency), activities=Count("activity", distinct=True))
        .order_by()
    )
    return {row["group"]: _clean(dict(row)) for row in rows}


def without_rate(shares: QuerySet, currency: str) -> int:
    """How many transactions the figures leave out for want of an exchange rate."""
    return (
        shares.filter(**{f"transaction__value_{currency}__isnull": True})
        .values("transaction")
        .distinct()
        .count()
    )


def years_of(shares: QuerySet) -> list[int]:
    return sorted(
        {
            y
            for y in shares.annotate(year=ExtractYear("transaction__date")).values_list("year", flat=True)
            if y
        },
        reverse=True,
    )


def activities_for(
    user, group_ids: list[int] | None, currency: str, *, year: int | None = None, text: str = ""
) -> QuerySet[Activity]:
    """The visible activities counted for these groups (None: the unmapped bucket), each with the amounts
    counted there (`committed`, `disbursed`), in `year` when given. One filter call: the sums read the same
    shares the filter kept."""
    condition: dict = (
        {"shares__group__isnull": True} if group_ids is None else {"shares__group__in": group_ids}
    )
    if year:
        condition["shares__transaction__date__year"] = year
    return (
        Activity.objects.visible_to(user)
        .search(text)
        .filter(**condition)
        .annotate(**sums(currency, prefix="shares__"))
        .select_related("organisation")
    )


@dataclass(frozen=True)
class Overview:
    rows: list[dict]  # one per SWG: {"group", "committed", "disbursed", "activities"}
    unmapped: dict
    total: dict
    without_rate: int


def overview(user, currency: str, year: int | None, groups) -> Overview:
    """The SWGs side by side (each with its sub-SWGs), the unmapped bucket and the total."""
    shares = visible_shares(user)
    if year:
        shares = shares.filter(transaction__date__year=year)
    exact = by_group(shares, currency)
    rows = []
    for group in groups:
        ids = [group.pk, *(child.pk for child in group.children.all())]
        parts = [exact[i] for i in ids if i in exact]
        rows.append(
            {
                "group": group,
                "committed": sum((p["committed"] for p in parts), Decimal(0)),
                "disbursed": sum((p["disbursed"] for p in parts), Decimal(0)),
            }
        )
    unmapped = exact.get(None, {"committed": Decimal(0), "disbursed": Decimal(0)})
    total = totals(shares, currency)
    return Overview(rows, unmapped, total, without_rate(shares, currency))
