"""Exchange rates: the monthly table, loading it from CSV, and converting values to USD and LAK.

A value converts at the rates of its value date's month: USD = value ÷ (units of its currency per USD),
LAK = USD × (kip per USD). The rates used are stored beside the figures. Without the rate of that month the
figure stays empty and the month is reported: a rate is never taken from another month.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from roundtable.core.services import require
from roundtable.core.spreadsheets import unguard

from .. import permissions
from ..codelists import currencies
from ..models import Budget, ExchangeRate, Transaction

CENT = Decimal("0.01")
USD, LAK = "USD", "LAK"
RATES_MAX_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class Converted:
    value_usd: Decimal | None
    value_lak: Decimal | None
    usd_rate: Decimal | None
    lak_rate: Decimal | None
    # The (currency, month) rates that were missing.
    missing: tuple[tuple[str, date], ...] = ()


class RateTable:
    """The monthly rates, read once (an import converts thousands of values)."""

    def __init__(self, rates: dict[tuple[str, date], Decimal] | None = None):
        if rates is None:
            rates = {(r.currency, r.month): r.per_usd for r in ExchangeRate.objects.all()}
        self.rates = rates
        self._pairs: dict[tuple[str, date], tuple] = {}

    def rate(self, currency: str, month: date) -> Decimal | None:
        if currency == USD:
            return Decimal(1)
        return self.rates.get((currency, month))

    def convert(self, amount: Decimal, currency: str, value_date: date | None) -> Converted:
        if value_date is None:
            return Converted(None, None, None, None)
        month = value_date.replace(day=1)
        pair = self._pairs.get((currency, month))
        if pair is None:
            usd_rate, lak_rate = self.rate(currency, month), self.rate(LAK, month)
            missing = tuple(
                dict.fromkeys((c, month) for c, r in ((currency, usd_rate), (LAK, lak_rate)) if r is None)
            )
            pair = self._pairs[(currency, month)] = (usd_rate, lak_rate, missing)
        usd_rate, lak_rate, missing = pair
        value_usd = (amount / usd_rate).quantize(CENT, ROUND_HALF_UP) if usd_rate else None
        if currency == LAK:
            value_lak = amount.quantize(CENT, ROUND_HALF_UP)
        elif value_usd is not None and lak_rate:
            value_lak = (amount / usd_rate * lak_rate).quantize(CENT, ROUND_HALF_UP)
        else:
            value_lak = None
        return Converted(value_usd, value_lak, usd_rate, lak_rate, missing)


def apply(target, converted: Converted) -> None:
    """Put the figures on a Budget or Transaction (not saved)."""
    target.value_usd = converted.value_usd
    target.value_lak = converted.value_lak
    target.usd_rate = converted.usd_rate
    target.lak_rate = converted.lak_rate


def missing_summary(counter: Counter) -> list[dict]:
    """[{"currency", "month", "count"}] for SourceFile.missing_rates, by month then currency."""
    return [
        {"currency": currency, "month": month.strftime("%Y-%m"), "count": n}
        for (currency, month), n in sorted(counter.items(), key=lambda item: (item[0][1], item[0][0]))
    ]


def missing_rates() -> list[dict]:
    """Every (currency, month) that values lack a rate for, with how many values: what to load next."""
    counter: Counter = Counter()
    table = RateTable()
    for model in (Transaction, Budget):
        rows = (
            model.objects.filter(
                Q(value_usd__isnull=True) | Q(value_lak__isnull=True), value_date__isnull=False
            )
            .values_list("currency", "value_date")
            .iterator()
        )
        for currency, value_date in rows:
            month = value_date.replace(day=1)
            for needed in {currency, LAK}:
                if table.rate(needed, month) is None:
                    counter[(needed, month)] += 1
    return missing_summary(counter)


# --- loading the table -----------------------------------------------------------------------------


@dataclass
class RatesFile:
    rows: list[tuple[str, date, Decimal, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_rates_csv(data: bytes) -> RatesFile:
    """Rows `currency,month,per_usd[,source]` (month `YYYY-MM`; units of the currency per US dollar), with
    a header line. Every error is listed with its line; nothing is loaded while there is one."""
    result = RatesFile()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(_("The file is not in UTF-8. Save it as “CSV UTF-8” and upload it again."))
        return result
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error as error:
        result.errors.append(_("The CSV file cannot be read (%(error)s).") % {"error": error})
        return result
    lines = [(n, cells) for n, cells in enumerate(lines, start=1) if any(c.strip() for c in cells)]
    if not lines:
        result.errors.append(_("The file has no rows."))
        return result
    header = [c.strip().lower() for c in lines[0][1]]
    needed = ["currency", "month", "per_usd"]
    if any(name not in header for name in needed):
        result.errors.append(
            _("The first line must name the columns currency, month and per_usd (and optionally source).")
        )
        return result
    if len(lines) - 1 > RATES_MAX_ROWS:
        result.errors.append(_("The file has more than %(n)s rows.") % {"n": RATES_MAX_ROWS})
        return result
    known = currencies()
    seen: dict[tuple[str, date], int] = {}
    for number, cells in lines[1:]:
        values = {name: unguard(cells[i].strip()) if i < len(cells) else "" for i, name in enumerate(header)}
        currency = values["currency"].upper()
        if currency not in known:
            result.errors.append(
                _("Line %(line)s: “%(code)s” is not a currency code.") % {"line": number, "code": currency}
            )
            continue
        try:
            year, month = (int(part) for part in values["month"][:7].split("-"))
            first = date(year, month, 1)
        except ValueError:
            result.errors.append(
                _("Line %(line)s: the month “%(month)s” is not of the form YYYY-MM.")
                % {"line": number, "month": values["month"]}
            )
            continue
        try:
            rate = Decimal(values["per_usd"].replace(",", ""))
        except InvalidOperation:
            rate = Decimal(0)
        if not rate.is_finite() or rate <= 0 or rate >= Decimal("1e13"):
            result.errors.append(
                _("Line %(line)s: the rate “%(rate)s” is not a positive number.")
                % {"line": number, "rate": values["per_usd"]}
            )
            continue
        if (currency, first) in seen:
            result.errors.append(
                _("Line %(line)s: %(currency)s %(month)s is already on line %(first)s.")
                % {
                    "line": number,
                    "currency": currency,
                    "month": first.strftime("%Y-%m"),
                    "first": seen[(currency, first)],
                }
            )
            continue
        seen[(currency, first)] = number
        result.rows.append((currency, first, rate, values.get("source", "")[:200]))
    return result


@transaction.atomic
def rates_import(*, actor, data: bytes, source: str = "") -> dict:
    """Load the rates of a CSV file (all or nothing), then convert again every value of the months whose
    rates are new or changed. Returns {"created", "updated", "unchanged", "reconverted"}.

    `actor` None is the command line or the demo (the person at the console answers for it)."""
    if actor is not None:
        require(permissions.can_manage_rates(actor))
    parsed = read_rates_csv(data)
    if parsed.errors:
        raise ValidationError(parsed.errors)
    return rates_store(parsed.rows, source=source)


def rates_store(rows: list[tuple[str, date, Decimal, str]], *, source: str = "") -> dict:
    existing = {(r.currency, r.month): r for r in ExchangeRate.objects.all()}
    created, updated, unchanged = [], [], 0
    changed: dict[date, set[str]] = defaultdict(set)
    for currency, month, rate, row_source in rows:
        current = existing.get((currency, month))
        if current is None:
            created.append(
                ExchangeRate(currency=currency, month=month, per_usd=rate, source=row_source or source)
            )
        elif current.per_usd != rate:
            current.per_usd = rate
            current.source = row_source or source or current.source
            current.save()  # one by one: each change of a rate is in the audit history
            updated.append(current)
        else:
            unchanged += 1
            continue
        changed[month].add(currency)
    for rate in created:
        rate.save()
    reconverted = reconvert(changed)
    return {
        "created": len(created),
        "updated": len(updated),
        "unchanged": unchanged,
        "reconverted": reconverted,
    }


def reconvert(changed: dict[date, set[str]]) -> int:
    """Convert again the values of these months and currencies (a change of the kip rate touches every
    value of its month). Returns how many values were converted again."""
    if not changed:
        return 0
    table = RateTable()
    count = 0
    for model in (Transaction, Budget):
        condition = Q()
        for month, codes in changed.items():
            end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            in_month = Q(value_date__gte=month, value_date__lt=end)
            condition |= in_month if LAK in codes else in_month & Q(currency__in=codes)
        batch = []
        for row in model.objects.filter(condition).only("pk", "value", "currency", "value_date").iterator():
            apply(row, table.convert(row.value, row.currency, row.value_date))
            batch.append(row)
            if len(batch) >= 1000:
                model.objects.bulk_update(batch, ["value_usd", "value_lak", "usd_rate", "lak_rate"])
                count += len(batch)
                batch = []
        if batch:
            model.objects.bulk_update(batch, ["value_usd", "value_lak", "usd_rate", "lak_rate"])
            count += len(batch)
    return count
