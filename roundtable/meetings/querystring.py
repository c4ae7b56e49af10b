"""Numbers and months read from the query string (or any typed text) without trusting it.

`str.isdigit()` is not enough: "²" is a digit to it and not to `int()`, and a number of twenty digits is
one that SQLite cannot bind. The years are the platform's (core.api's YEAR_MIN to YEAR_MAX, which the API's
filters accept): a meeting, a list filter or a calendar month outside them falls back, or is a form error.

Shared by nature (the work plans read years the same way): to move to core when it has a home for it.
"""

from __future__ import annotations

from datetime import date

from roundtable.core.api import YEAR_MAX, YEAR_MIN

# The largest id any database of the platform gives (a signed 64-bit integer, BigAutoField).
MAX_ID = 2**63 - 1


def whole_number(value: str | None, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """The whole number `value` spells (ASCII digits, blanks around allowed), within [minimum, maximum];
    None for anything else, an empty value included."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(maximum)):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def is_year(year: int) -> bool:
    """A year a meeting may be in (the platform's years: YEAR_MIN to YEAR_MAX)."""
    return YEAR_MIN <= year <= YEAR_MAX


def year(value: str | None) -> int | None:
    """A year a meeting may be in, or None."""
    return whole_number(value, minimum=YEAR_MIN, maximum=YEAR_MAX)


def month(value: str | None) -> date | None:
    """'YYYY-MM' → the first day of that month, in a year a meeting may be in; None for anything else."""
    parts = (value or "").strip().split("-")
    if len(parts) != 2:
        return None
    y, m = year(parts[0]), whole_number(parts[1], minimum=1, maximum=12)
    if y is None or m is None:
        return None
    return date(y, m, 1)


def text(value: str | None) -> str:
    """Typed text with its NUL characters removed: PostgreSQL refuses them in any string it is given."""
    return (value or "").replace("\x00", "")
