"""The scorecard across groups, as the pages, the XLSX export and the charts show it: the selected year's
table per kind of group (rows: groups; columns: obligations; totals of each), and the trend of the last ten
years. One build of the records for all of it (`checklists.build_scorecard`): a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext

from .charts import Chart, chart
from .checklists import (
    CHECKLIST_KINDS,
    Cell,
    Scorecard,
    build_scorecard,
    checklist_groups,
    checklist_obligations,
    totals,
)
from .items import Status
from .models import Obligation
from .rules import TemplateKind

TREND_YEARS = 10


@dataclass
class Filters:
    year: int
    kind: str = ""
    obligation: str = ""

    @property
    def kinds(self) -> tuple[str, ...]:
        return (self.kind,) if self.kind else CHECKLIST_KINDS

    def query(self, **changes) -> dict:
        values = {"year": self.year, "kind": self.kind, "obligation": self.obligation, **changes}
        return {k: v for k, v in values.items() if v}


@dataclass
class Row:
    group: object
    cells: list[Cell | None]
    totals: dict


@dataclass
class Table:
    kind: str
    label: str
    obligations: list[Obligation]
    rows: list[Row]
    column_totals: list[dict]
    totals: dict


@dataclass
class ScorecardView:
    filters: Filters
    card: Scorecard
    tables: list[Table]
    trend: list[tuple[int, dict]]
    obligation_choices: list[tuple[str, str]]
    charts: list[Chart] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.filters.year

    def cells(self) -> list[Cell]:
        return [cell for table in self.tables for row in table.rows for cell in row.cells if cell is not None]


def build_view(filters: Filters, *, public: bool, on: date | None = None) -> ScorecardView:
    on = on or timezone.localdate()
    year = filters.year
    first = year - TREND_YEARS + 1
    groups = checklist_groups(kinds=filters.kinds)
    every = checklist_obligations(first, year, kinds=filters.kinds, public=public)
    choices: dict[str, str] = {}
    for ob in every:
        choices.setdefault(ob.code, ob.task)
    if filters.obligation not in choices:
        filters.obligation = ""
    obligations = [ob for ob in every if not filters.obligation or ob.code == filters.obligation]
    card = build_scorecard(
        groups=groups, obligations=obligations, first_year=first, last_year=year, on=on, public=public
    )
    tables = []
    for kind in filters.kinds:
        columns = [ob for ob in obligations if ob.template.kind == kind and ob.applies_in(year)]
        kind_groups = [g for g in groups if g.kind == kind]
        if not columns or not kind_groups:
            continue
        rows = []
        for group in kind_groups:
            cells = [card.cell(group, ob, year) for ob in columns]
            rows.append(Row(group=group, cells=cells, totals=totals([c for c in cells if c])))
        column_totals = [totals([c for g in kind_groups if (c := card.cell(g, ob, year))]) for ob in columns]
        every_cell = [c for row in rows for c in row.cells if c]
        tables.append(
            Table(
                kind=kind,
                label=str(TemplateKind(kind).label),
                obligations=columns,
                rows=rows,
                column_totals=column_totals,
                totals=totals(every_cell),
            )
        )
    trend = []
    for y in card.years:
        summary = totals(card.year_cells(y))
        # The years before any group had a checklist (everything not applicable) say nothing.
        if summary["total"] and summary["counts"][Status.NA] < summary["total"]:
            trend.append((y, summary))
    view = ScorecardView(
        filters=filters, card=card, tables=tables, trend=trend, obligation_choices=sorted(choices.items())
    )
    view.charts = _charts(view)
    return view


def _charts(view: ScorecardView) -> list[Chart]:
    charts = [
        chart(
            gettext("Obligations by status, year by year"),
            "trend",
            [(str(y), s["counts"], s["on_time_share"], "") for y, s in view.trend],
        )
    ]
    for table in view.tables:
        charts.append(
            chart(
                gettext("%(groups)s in %(year)d: groups by status, per obligation")
                % {"groups": table.label, "year": view.year},
                f"ob-{table.kind}",
                [
                    (ob.task, t["counts"], t["on_time_share"], "")
                    for ob, t in zip(table.obligations, table.column_totals, strict=True)
                ],
            )
        )
    return charts
