"""Checks of typed input that the structure and the work plans share.

- Dates: a date field accepts anything from year 1 to 9999, and the day after 31 December 9999 (a term's
  end plus one day, a plan's dates moved a year on) is an OverflowError: a typed 9999-12-31 used to be a 500.
  The forms and the models of the structure and the work plans accept the years the API's filters accept.
- Ids: a choice of several records sent as a number no database can hold (twenty digits) reached SQLite as
  an OverflowError from Django's own ModelMultipleChoiceField; it is an invalid choice like any other.

Shared by nature: kept in this app until core has a home for it (next to core.api's YEAR_MIN/YEAR_MAX).
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from roundtable.core.api import YEAR_MAX, YEAR_MIN

# The largest id any database of the platform gives (a signed 64-bit integer, BigAutoField).
MAX_ID = 2**63 - 1


def validate_record_date(value: date | None) -> None:
    if value is not None and not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s."),
            code="date_out_of_range",
            params={"first": YEAR_MIN, "last": YEAR_MAX},
        )


def is_id(value) -> bool:
    """Whether `value` (typed text or a number) is a whole number a database id can be."""
    text = str(value).strip()
    return text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID)) and 0 < int(text) <= MAX_ID


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several records by id, where a value that no id can be is an invalid choice (not a 500)."""

    def _check_values(self, value):
        if self.to_field_name is None and isinstance(value, list | tuple):
            for pk in value:
                if pk not in (None, "") and not is_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)
