"""ODA to a group's sector for its progress report (found by roundtable.reports.facts: this app is below the
reports in the layers, so it offers the function rather than importing the reports).

Public data only (IATI): a progress report is published, and the projects of the national ODA database are
not public records."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from . import figures


def _source(lang: str) -> str:
    with translation.override(lang):
        return _(
            "IATI data published by the development partners, counted for the groups by the sector mapping"
        )


YEARS = 5  # the reporting year and the four before it: the trend beside the year's figures


def oda_facts(group, year: int, on: date | None = None) -> dict | None:
    """Committed and disbursed in USD in `year` for the group (an SWG with its sub-SWGs), by partner, and
    by year over the reporting year and the four before it; None when nothing is counted for it in `year`."""
    scope = figures.visible_shares(None).filter(group__in=figures.group_scope(group))
    shares = scope.filter(transaction__date__year=year)
    totals = figures.totals(shares, "usd")
    if not totals["committed"] and not totals["disbursed"]:
        return None
    partners = figures.by_partner(shares, "usd")
    years = {
        row["year"]: row
        for row in figures.by_year(
            scope.filter(transaction__date__year__gt=year - YEARS, transaction__date__year__lte=year), "usd"
        )
    }
    return {
        "currency": "USD",
        "committed": float(totals["committed"]),
        "disbursed": float(totals["disbursed"]),
        "years": [
            {
                "year": y,
                "committed": float(years[y]["committed"]) if y in years else 0.0,
                "disbursed": float(years[y]["disbursed"]) if y in years else 0.0,
            }
            for y in range(year - YEARS + 1, year + 1)
        ],
        **{f"source_{lang}": _source(lang) for lang in ("lo", "en")},
        "partners": [
            {
                "name_lo": p["name_lo"] or p["name_en"] or "",
                "name_en": p["name_en"] or p["name_lo"] or "",
                "committed": float(p["committed"]),
                "disbursed": float(p["disbursed"]),
            }
            for p in partners
        ],
    }


REPORT_FACTS = {"oda": oda_facts}
