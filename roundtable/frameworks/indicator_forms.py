"""Forms of the indicators' monitoring: a yearly value (its owner), a review step, an indicator's profile
(the RTP Secretariat)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from roundtable.core.api import YEAR_MAX, YEAR_MIN
from roundtable.core.uploads import validate_document

from .indicator_models import NOTE_MAX, VALUE_DIGITS, VALUE_PLACES, Indicator
from .owners import owner_directory


class ValueForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where the value comes from and what it means."),
    )
    evidence = forms.FileField(
        label=_("Evidence (a document)"),
        required=False,
        help_text=_("The document the value is taken from. Needed before the value is submitted."),
    )

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            try:
                validate_document(upload)
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return upload


class NewValueForm(ValueForm):
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    field_order = ["year", "value", "note", "evidence"]


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), max_length=NOTE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class IndicatorForm(forms.ModelForm):
    owner_code = forms.ChoiceField(label=_("Owner"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "unit_lo",
            "unit_en",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
            "source_lo",
            "source_en",
            "owner_code",
            "illustrative",
        ]
        widgets = {
            "source_lo": forms.Textarea(attrs={"rows": 2}),
            "source_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("RTP Secretariat")), *owner_directory().choices()]
        current = self.instance.owner_code
        if current and current not in dict(choices):
            choices.append((current, current))  # a code no active group has now: keep it visible
        self.fields["owner_code"].choices = choices
