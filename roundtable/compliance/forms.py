"""Forms of the compliance pages: the templates' editing (the RTP Secretariat), a hand tick (a secretariat),
and the scorecard's filters (read from the address, never trusted)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.core.api import YEAR_MAX, YEAR_MIN
from roundtable.workplans.querystring import whole_number

from .models import NOTE_MAX, ChecklistTemplate, Obligation
from .rules import TemplateKind
from .services import OBLIGATION_FIELDS, TEMPLATE_FIELDS


class RevisionMixin(forms.Form):
    # The revision the user loaded: a save from a stale page is refused (core.services.Conflict).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TemplateForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = ChecklistTemplate
        fields = TEMPLATE_FIELDS
        widgets = {
            "description_lo": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


class ObligationForm(forms.ModelForm):
    class Meta:
        model = Obligation
        fields = OBLIGATION_FIELDS
        widgets = {
            "guidance_lo": forms.Textarea(attrs={"rows": 3}),
            "guidance_en": forms.Textarea(attrs={"rows": 3}),
        }


class ObligationEditForm(RevisionMixin, ObligationForm):
    pass


class HandTickForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("What was done"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.FileField(label=_("Evidence (a document)"), required=False)
    evidence_url = forms.URLField(
        label=_("or a link to it"), required=False, max_length=500, assume_scheme="https"
    )

    def clean_done_on(self):
        day = self.cleaned_data["done_on"]
        if not YEAR_MIN <= day.year <= YEAR_MAX:
            raise forms.ValidationError(
                _("Give a date between %(first)s and %(last)s."), params={"first": YEAR_MIN, "last": YEAR_MAX}
            )
        return day

    def clean(self):
        data = super().clean()
        if not data.get("evidence") and not data.get("evidence_url"):
            raise forms.ValidationError(_("Attach a document or give a link as evidence."))
        return data


def read_year(value: str | None, default: int | None = None) -> int:
    """A year from the address (the platform's years), else this year."""
    year = whole_number(value, minimum=YEAR_MIN, maximum=YEAR_MAX)
    return year if year is not None else (default or timezone.localdate().year)


def read_kind(value: str | None) -> str:
    return value if value in TemplateKind.values else ""
