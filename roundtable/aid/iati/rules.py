"""The IATI standard's rules that the schema does not check, applied to one parsed activity.

Each rule gives problems with the element and line to fix:
- an identifier, and exactly one reporting organisation;
- dates in order (planned start before planned end, actual start before actual end, budget periods);
- percentages that add up to 100: the sectors of each vocabulary, the recipient countries and regions;
- a currency for every value (its own or the activity's default);
- codes that exist in their codelist (currencies, countries, DAC sectors, transaction types, statuses).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..codelists import codelist
from .activity import ParsedActivity
from .problems import Problem

HUNDRED = Decimal(100)
# Percentages published with two decimals (33.33 three times) may miss 100 by a hair.
TOLERANCE = Decimal("0.05")
STATUSES = {1, 2, 3, 4, 5, 6}
# Small codelists the platform knows by heart (the models' choices).
KNOWN = {
    "TransactionType": {str(n) for n in range(1, 14)},
    "BudgetType": {"1", "2"},
    "BudgetStatus": {"1", "2"},
    "OrganisationRole": {"1", "2", "3", "4"},
}
IDENTIFIER_MAX = 255


def check(activity: ParsedActivity) -> list[Problem]:
    problems = list(activity.problems)
    problems += _identity(activity)
    problems += _dates(activity)
    problems += _percentages(activity)
    problems += _currencies(activity)
    problems += _codes(activity)
    return problems


def _identity(activity: ParsedActivity) -> list[Problem]:
    problems = []
    if not activity.identifier:
        problems.append(Problem("identifier_missing", line=activity.line, element="iati-identifier"))
    elif len(activity.identifier) > IDENTIFIER_MAX:
        problems.append(
            Problem("identifier_long", {"max": IDENTIFIER_MAX}, line=activity.line, element="iati-identifier")
        )
    if len(activity.reporting_orgs) != 1:
        problems.append(
            Problem(
                "reporting_org_count",
                {"count": len(activity.reporting_orgs)},
                line=activity.line,
                element="reporting-org",
            )
        )
    return problems


def _dates(activity: ParsedActivity) -> list[Problem]:
    problems = []
    for which, start, end in (("planned", 1, 3), ("actual", 2, 4)):
        first, last = activity.dates.get(start), activity.dates.get(end)
        if first and last and last < first:
            problems.append(
                Problem(
                    "dates_order",
                    {"which": which, "start_date": first.isoformat(), "end_date": last.isoformat()},
                    line=activity.line,
                    element="activity-date",
                )
            )
    for budget in activity.budgets:
        if budget.period_start and budget.period_end and budget.period_end < budget.period_start:
            problems.append(
                Problem(
                    "dates_order",
                    {
                        "which": "budget",
                        "start_date": budget.period_start.isoformat(),
                        "end_date": budget.period_end.isoformat(),
                    },
                    line=budget.line,
                    element="budget",
                )
            )
    return problems


def _sum_problem(entries: list[tuple[Decimal | None, int]], params: dict, element: str) -> Problem | None:
    """Several entries: each needs a percentage and together 100. One: 100 or none."""
    if not entries:
        return None
    line = entries[0][1]
    given = [pct for pct, _line in entries if pct is not None]
    if len(entries) > 1 and len(given) < len(entries):
        return Problem("percentages_missing", params, line=line, element=element)
    if given:
        total = sum(given, Decimal(0))
        if abs(total - HUNDRED) > TOLERANCE:
            return Problem(
                "percentages", {**params, "total": f"{total.normalize():f}"}, line=line, element=element
            )
    return None


def _percentages(activity: ParsedActivity) -> list[Problem]:
    problems = []
    by_vocabulary: dict[str, list] = defaultdict(list)
    for sector in activity.sectors:
        by_vocabulary[sector.vocabulary].append((sector.percentage, sector.line))
    for vocabulary, entries in by_vocabulary.items():
        problem = _sum_problem(entries, {"what": "sector", "vocabulary": vocabulary}, "sector")
        if problem:
            problems.append(problem)
    recipients = [
        (Decimal(r["percentage"]) if r["percentage"] is not None else None, activity.line)
        for r in (*activity.recipient_countries, *activity.recipient_regions)
    ]
    problem = _sum_problem(recipients, {"what": "recipient"}, "recipient-country")
    if problem:
        problems.append(problem)
    return problems


def _currencies(activity: ParsedActivity) -> list[Problem]:
    problems = []
    values = [(b.value, b.line, "budget") for b in activity.budgets]
    values += [(t.value, t.line, "transaction") for t in activity.transactions]
    for value, line, element in values:
        if value is not None and not value.currency:
            problems.append(Problem("currency_missing", line=line, element=element))
    return problems


def _codes(activity: ParsedActivity) -> list[Problem]:
    problems = []
    seen = set()
    for list_name, code, line, element in activity.codes:
        if (list_name, code, line) in seen:
            continue
        seen.add((list_name, code, line))
        known = code in KNOWN[list_name] if list_name in KNOWN else code in codelist(list_name)
        if not known:
            problems.append(
                Problem("codelist", {"code": code, "codelist": list_name}, line=line, element=element)
            )
    if activity.status is not None and activity.status not in STATUSES:
        problems.append(
            Problem(
                "codelist",
                {"code": str(activity.status), "codelist": "ActivityStatus"},
                line=activity.line,
                element="activity-status",
            )
        )
    return problems
