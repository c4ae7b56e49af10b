from django import forms
from django.core.exceptions import ValidationError
from django.forms import Form
from django.utils.translation import gettext_lazy as _

# The pages' short date layout (roundtable.formats: d/m/Y in both languages, which DATE_INPUT_FORMATS and
# DATETIME_INPUT_FORMATS read back, ISO dates too).
DATE_LAYOUT = "%d/%m/%Y"
DATETIME_LAYOUT = "%d/%m/%Y %H:%M"
DATE_HELP = _("Day/month/year, for example 31/01/2026.")


class PageDateInput(forms.DateInput):
    """A date written as the page writes dates (day/month/year), in a text field: a browser's own date
    field shows the browser's language and layout (month/day/year in many), not the page's. ISO dates
    are still read (DATE_INPUT_FORMATS)."""

    input_type = "text"

    def __init__(self, attrs=None, **kwargs):
        attrs = {"placeholder": _("dd/mm/yyyy"), "autocomplete": "off", "size": 10, **(attrs or {})}
        super().__init__(attrs=attrs, format=DATE_LAYOUT)


class PageDateTimeInput(forms.DateTimeInput):
    """A day and a time as the page writes them (31/01/2026 09:00, 24 hours), in a text field, for the
    same reason as PageDateInput; ISO moments (2026-01-31T09:00) are still read."""

    input_type = "text"

    def __init__(self, attrs=None, **kwargs):
        attrs = {"placeholder": _("dd/mm/yyyy hh:mm"), "autocomplete": "off", "size": 16, **(attrs or {})}
        super().__init__(attrs=attrs, format=DATETIME_LAYOUT)


def add_service_error(form: Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else at the top.

    (`form.add_error(None, error)` alone raises when the service names a field the form does not show.)
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
