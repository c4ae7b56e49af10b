"""Spreadsheet safety for every export (CSV and XLSX): user text never runs as a formula.

A spreadsheet program reads a cell that starts with "=", "+", "-", "@", a tab or a carriage return as a
formula (OWASP, "CSV injection"): `=HYPERLINK("http://…")`, `+cmd|…`, `@SUM(…)`. A person's position or a
priority's title is typed by users, so every export writes its cells through this module:

- CSV: `safe_cell(value)` puts a single quote before such text ("'=1+1"), which the programs show as text.
- XLSX: `write_cell(sheet, row, column, value)` writes text as a string cell (never a formula: openpyxl makes
  one of any string starting with "="), with Excel's "quote prefix" style on risky text so that editing the
  cell does not turn it into a formula either.

Numbers, dates and booleans are not user text: they stay what they are, typed. `write_cell` gives a date
cell the ISO date format (DATE_FORMAT) and a moment the local date and time (a spreadsheet has no time zone:
an aware datetime is written in the site's zone), and a Decimal amount two decimals with grouping
(AMOUNT_FORMAT). An amount goes in its own cell, its currency code in the next one: never "1,200 USD" as text.

`unguard(text)` is the inverse for imports: it takes off the quote that `safe_cell` added, and only that
one, so that an exported file imported back gives the same text
("-Phone" → "'-Phone" → "-Phone"; "'=x" → "''=x" → "'=x").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

# What a spreadsheet program reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# Excel keeps at most this many characters in a cell (and reports a damaged file beyond).
XLSX_MAX_CELL_CHARS = 32767
# Characters an XLSX file (XML 1.0) cannot hold: openpyxl refuses them with an exception.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Number formats of typed cells (Excel's codes; LibreOffice reads them).
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
AMOUNT_FORMAT = "#,##0.00"


def needs_guard(text: str) -> bool:
    """Would a spreadsheet read this text as a formula, or is it text that starts with our quote before one?

    Quotes at the start count as part of the guard: "'=x" needs one too, so that `unguard` can tell the
    quote an export added from one that a user typed.
    """
    return text.lstrip(QUOTE)[:1] in FORMULA_STARTS


def safe_cell(value: Any) -> Any:
    """A CSV cell: risky text behind a single quote; anything that is not text as it is."""
    if isinstance(value, str) and needs_guard(value):
        return QUOTE + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


def unguard(text: str) -> str:
    """Undo `safe_cell` on a cell read back from a file: one leading quote, only before a formula start."""
    if text[:1] == QUOTE and needs_guard(text):
        return text[1:]
    return text


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: no XML-illegal control characters, no more than Excel keeps."""
    return _ILLEGAL_XML.sub("", text)[:XLSX_MAX_CELL_CHARS]


def write_cell(sheet, row: int, column: int, value: Any):
    """Put `value` in the cell of an openpyxl sheet, text as text (never a formula or an error code).

    Returns the cell, for the caller's font and alignment.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        text = xlsx_text(value)
        risky = needs_guard(text)
        if risky and text.startswith(QUOTE):
            # A typed quote before a formula start: keep it, as `unguard` will take one off on import.
            text = QUOTE + text
        cell.value = text
        # openpyxl infers "f" (formula) for "=…" and "e" (error) for "#N/A" and the like: this is text.
        cell.data_type = "s"
        if risky:
            # Excel's "text, even when edited" flag (what typing a leading ' sets); LibreOffice reads it too.
            cell.quotePrefix = True
    elif isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(timezone.localtime(value))
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, Decimal):
        cell.value = value
        cell.number_format = AMOUNT_FORMAT
    else:
        cell.value = value
    return cell
