from __future__ import annotations

import os
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from roundtable.core.api import YEAR_MAX, YEAR_MIN
from roundtable.directory.models import Organisation
from roundtable.groups.models import Group

from . import permissions
from .services.oda import FIELDS, oda_max_bytes
from .services.runs import iati_max_upload_bytes

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def _check_size(upload, limit: int) -> None:
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": upload.name})
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s); the limit is %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )


class IatiUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("IATI activity files (XML)"),
        help_text=_("One or more files in IATI version 2.01 to 2.03. They are imported in the background."),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if not files:
            raise ValidationError(_("Choose at least one file."))
        if len(files) > MAX_FILES:
            raise ValidationError(_("At most %(n)d files at once.") % {"n": MAX_FILES})
        for upload in files:
            if os.path.splitext(upload.name or "")[1].lower() != ".xml":
                raise ValidationError(_("“%(name)s” is not an XML file (.xml).") % {"name": upload.name})
            _check_size(upload, iati_max_upload_bytes())
        return files


class CsvUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def __init__(self, *args, max_bytes: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes or oda_max_bytes()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if os.path.splitext(upload.name or "")[1].lower() != ".csv":
            raise ValidationError(_("Upload a CSV file (.csv)."))
        _check_size(upload, self.max_bytes)
        return upload


class OdaColumnsForm(forms.Form):
    """One choice of column per field of the platform."""

    def __init__(self, *args, header: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —")), *((column, column) for column in header)]
        for name, label, required in FIELDS:
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=required)

    def columns(self) -> dict[str, str]:
        return {name: column for name, column in self.cleaned_data.items() if column}


class MappingRowForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none(), required=False)
    percentage = forms.DecimalField(
        label=_("Percentage"),
        max_digits=5,
        decimal_places=2,
        required=False,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = (
            Group.objects.filter(kind__in=permissions.FUNDED_KINDS).select_related("parent").in_tree_order()
        )

    def clean(self):
        data = super().clean()
        if data.get("group") and data.get("percentage") is None:
            self.add_error("percentage", _("Give the percentage."))
        if data.get("percentage") is not None and not data.get("group"):
            self.add_error("group", _("Choose the group."))
        return data


MappingRowFormSet = forms.formset_factory(MappingRowForm, extra=0, min_num=3, max_num=10, validate_max=True)


class PartnerDecisionForm(forms.Form):
    NONE = "none"
    ref = forms.CharField(widget=forms.HiddenInput, required=False, max_length=150)
    name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    organisation = forms.ChoiceField(label=_("Directory organisation"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name_en", "name_lo")
        self.fields["organisation"].choices = [
            ("", _("— choose —")),
            (self.NONE, _("Not in the directory (take it off the list)")),
            *(
                (str(org.pk), f"{org.name} ({org.acronym})" if org.acronym else org.name)
                for org in organisations
            ),
        ]

    def clean(self):
        data = super().clean()
        if not data.get("ref") and not data.get("name"):
            raise ValidationError(_("Nothing to decide on."))
        return data

    def chosen(self) -> Organisation | None:
        value = self.cleaned_data["organisation"]
        if value == self.NONE:
            return None
        return Organisation.objects.get(pk=int(value))


class PriorityLinkForm(forms.Form):
    priority = forms.ChoiceField(label=_("Priority"))
    activity = forms.ChoiceField(label=_("Activity that funds it"))

    def __init__(self, *args, priorities, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.priority_objects = {str(p.pk): p for p in priorities}
        self.activity_objects = {str(a.pk): a for a in activities}
        self.fields["priority"].choices = [
            (key, f"{p.workplan.year} · {p.title}") for key, p in self.priority_objects.items()
        ]
        self.fields["activity"].choices = [
            (key, f"{a.title} ({a.partner_name})") for key, a in self.activity_objects.items()
        ]


class FilterForm(forms.Form):
    """The filters of the activity lists (GET): every bad value is simply no filter."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)
    currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("usd", "USD"), ("lak", "LAK")], initial="usd"
    )

    def value(self, name: str):
        if not self.is_bound:
            return None
        self.is_valid()
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None
