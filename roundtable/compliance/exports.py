"""The scorecard as an XLSX workbook: the year's table, every item behind it, and the trend.

Every cell goes through `core.spreadsheets.write_cell` and is typed: years, counts and days as numbers, due
and done days as dates, the share on time as a fraction shown as a percentage, text as text (never a
formula). The public scorecard's workbook holds only its public obligations.
"""

from __future__ import annotations

import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from roundtable.core.spreadsheets import write_cell

from .items import Status
from .scorecards import ScorecardView

DATE_FORMAT = "yyyy-mm-dd"
STATUSES = [Status.DONE, Status.LATE, Status.OVERDUE, Status.DUE, Status.NA]


def _header(sheet, row: int, values: list) -> None:
    bold = Font(bold=True)
    for column, value in enumerate(values, start=1):
        write_cell(sheet, row, column, value).font = bold


def _write_date(sheet, row: int, column: int, value: date | None) -> None:
    cell = write_cell(sheet, row, column, value)
    if value is not None:
        cell.number_format = DATE_FORMAT


def _write_share(sheet, row: int, column: int, share: int | None) -> None:
    cell = write_cell(sheet, row, column, None if share is None else share / 100)
    cell.number_format = "0%"


def workbook(view: ScorecardView, *, public: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Scorecard")[:31]
    title = _("Public compliance scorecard") if public else _("Compliance scorecard")
    write_cell(sheet, 1, 1, title).font = Font(bold=True, size=13)
    write_cell(sheet, 2, 1, _("Year"))
    write_cell(sheet, 2, 2, view.year)
    write_cell(sheet, 3, 1, _("As of"))
    _write_date(sheet, 3, 2, view.card.on)
    status_labels = [str(Status(s).label) for s in STATUSES]
    row = 5
    for table in view.tables:
        write_cell(sheet, row, 1, table.label).font = Font(bold=True)
        row += 1
        _header(
            sheet,
            row,
            [
                _("Group"),
                _("Code"),
                *[ob.task for ob in table.obligations],
                *status_labels,
                _("Done on time (%)"),
            ],
        )
        row += 1
        for entry in table.rows:
            write_cell(sheet, row, 1, entry.group.name)
            write_cell(sheet, row, 2, entry.group.code)
            column = 3
            for cell in entry.cells:
                write_cell(sheet, row, column, cell.status_label if cell else "")
                column += 1
            for status in STATUSES:
                write_cell(sheet, row, column, entry.totals["counts"][status])
                column += 1
            _write_share(sheet, row, column, entry.totals["on_time_share"])
            row += 1
        write_cell(sheet, row, 1, _("Done on time (%)")).font = Font(bold=True)
        for column, summary in enumerate(table.column_totals, start=3):
            _write_share(sheet, row, column, summary["on_time_share"])
        row += 2

    items = book.create_sheet(_("Items")[:31])
    _header(
        items,
        1,
        [
            _("Year"),
            _("Group code"),
            _("Group"),
            _("Obligation code"),
            _("Task"),
            _("Item"),
            _("Due"),
            _("Done"),
            _("Status"),
            _("Days late"),
        ],
    )
    row = 2
    for cell in view.cells():
        for item in cell.items:
            write_cell(items, row, 1, cell.year)
            write_cell(items, row, 2, cell.group.code)
            write_cell(items, row, 3, cell.group.name)
            write_cell(items, row, 4, cell.obligation.code)
            write_cell(items, row, 5, cell.obligation.task)
            write_cell(items, row, 6, item.label)
            _write_date(items, row, 7, item.due)
            _write_date(items, row, 8, item.done)
            write_cell(items, row, 9, item.status_label)
            write_cell(items, row, 10, item.days_late)
            row += 1

    trend = book.create_sheet(_("Trend")[:31])
    _header(trend, 1, [_("Year"), *status_labels, _("Done on time (%)")])
    for row, (year, summary) in enumerate(view.trend, start=2):
        write_cell(trend, row, 1, year)
        for column, status in enumerate(STATUSES, start=2):
            write_cell(trend, row, column, summary["counts"][status])
        _write_share(trend, row, len(STATUSES) + 2, summary["on_time_share"])

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
