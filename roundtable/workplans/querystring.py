"""Numbers read from the query string (or any other typed text) without trusting it.

`str.isdigit()` is not enough: "²" is a digit to it and not to `int()`, and a number of twenty digits is
one that SQLite cannot bind. Every page that reads a year, an id or a version number from the address
reads it here, and falls back (or says so) when there is none it can use.

Shared by nature: kept in this app until core has a home for it (core.querystring).
"""

from __future__ import annotations

from roundtable.groups.validators import MAX_ID

from .models import FIRST_YEAR, LAST_YEAR


def whole_number(value: str | None, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """The whole number `value` spells (ASCII digits, surrounding blanks allowed), within
    [minimum, maximum]; None for anything else, an empty value included."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(maximum)):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def plan_year(value: str | None) -> int | None:
    """A year a work plan may be for (FIRST_YEAR to LAST_YEAR), or None."""
    return whole_number(value, minimum=FIRST_YEAR, maximum=LAST_YEAR)


def without_nul(text: str) -> str:
    """Typed text with its NUL characters removed: PostgreSQL refuses them in any string it is given."""
    return text.replace("\x00", "")
