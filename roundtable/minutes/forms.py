from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.core.api import YEAR_MAX, YEAR_MIN
from roundtable.core.forms import PageDateInput
from roundtable.core.uploads import validate_document
from roundtable.directory.models import Organisation, Person
from roundtable.groups.models import Group

from .models import COMMENT_MAX, NOTE_MAX, ActionPoint, ActionStatus, Decision, MinutesItem

PDF_ONLY = {".pdf": {"application/pdf"}}
YEAR_REFUSED = _("Not a year of meetings: showing all years.")


def lock_languages(form: forms.BaseForm, locked: set[str]) -> None:
    """Disable the fields of languages whose version the chair has approved: their text may not change.

    A disabled field keeps its initial value whatever is posted, so a locked text cannot be altered.
    """
    for name, field in form.fields.items():
        if any(name.endswith(f"_{lang}") for lang in locked):
            field.disabled = True
            field.help_text = _("Approved: this language can no longer be changed.")


class StartForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages of the minutes"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        initial=["lo"],
        help_text=_("Each language version is approved and published on its own."),
    )


class RevisionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)


class ItemForm(forms.ModelForm):
    revision = RevisionField()

    class Meta:
        model = MinutesItem
        fields = ["title_lo", "title_en", "discussion_lo", "discussion_en"]
        widgets = {
            "discussion_lo": forms.Textarea(attrs={"rows": 6}),
            "discussion_en": forms.Textarea(attrs={"rows": 6}),
        }


class AddItemForm(forms.Form):
    revision = RevisionField()
    title_lo = forms.CharField(label=_("title (Lao)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("title (English)"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("title_lo") or "").strip() and not (data.get("title_en") or "").strip():
            raise ValidationError(_("Give the title in Lao, in English, or both."))
        return data


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text_lo", "text_en"]
        widgets = {"text_lo": forms.Textarea(attrs={"rows": 2}), "text_en": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        empty = not (data.get("text_lo") or "").strip() and not (data.get("text_en") or "").strip()
        if self.has_changed() and not self.cleaned_data.get("DELETE") and empty:
            raise ValidationError(_("Write the decision in Lao, in English, or both."))
        return data


class ActionPointForm(forms.ModelForm):
    class Meta:
        model = ActionPoint
        fields = ["what_lo", "what_en", "responsible_organisation", "responsible_person", "due_date"]
        widgets = {
            "what_lo": forms.Textarea(attrs={"rows": 2}),
            "what_en": forms.Textarea(attrs={"rows": 2}),
            "due_date": PageDateInput(),
        }

    def __init__(self, *args, group: Group | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].queryset = Organisation.objects.order_by("name_en", "name_lo")
        people = Person.objects.select_related("organisation").order_by("name_en", "name_lo")
        if group is not None:
            people = people.in_group(group)
        self.fields["responsible_person"].queryset = people

    def clean(self):
        data = super().clean()
        if self.has_changed() and not self.cleaned_data.get("DELETE"):
            if not (data.get("what_lo") or "").strip() and not (data.get("what_en") or "").strip():
                raise ValidationError(_("Write the action in Lao, in English, or both."))
            if not data.get("responsible_organisation") and not data.get("responsible_person"):
                raise ValidationError(_("Name the responsible organisation or person."))
        return data


# Rows of one agenda item: generous for real minutes, and a bound on the work a typed TOTAL_FORMS asks for
# (each row is a form with the lists of organisations and people to render).
MAX_ROWS = 50


class ItemRowsFormSet(BaseModelFormSet):
    default_error_messages = {"too_many_forms": _("At most %(num)d rows in one agenda item.")}


DecisionFormSet = modelformset_factory(
    Decision,
    form=DecisionForm,
    formset=ItemRowsFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)
ActionPointFormSet = modelformset_factory(
    ActionPoint,
    form=ActionPointForm,
    formset=ItemRowsFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)


class CirculateForm(forms.Form):
    comments_until = forms.DateField(label=_("Comments until"), widget=PageDateInput())
    comment = forms.CharField(
        label=_("Note"), required=False, max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_comments_until(self):
        value = self.cleaned_data["comments_until"]
        if value < timezone.localdate():
            raise ValidationError(_("The date for comments cannot be in the past."))
        return value


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    early = forms.BooleanField(label=_("Approve before the comments deadline"), required=False)


class StepsForm(forms.Form):
    """One step for every language version that stands at it (the step's page, the editor's circulation):
    a version can be held back; circulation takes one comments deadline for all of them (after the
    meeting); the approval asks, before that deadline, that the approver says so."""

    hold_back = forms.MultipleChoiceField(
        label=_("Hold back"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A version ticked here stays where it is; the others take the step."),
    )

    def __init__(self, *args, step, versions, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        from . import services

        self.step = step
        languages = [(v.language, services.language_name(v.language)) for v in versions]
        if len(languages) > 1:
            self.fields["hold_back"].choices = languages
        else:
            del self.fields["hold_back"]
        if step.needs_date:
            self.earliest = services.earliest_comments_until(meeting)
            self.fields["comments_until"] = forms.DateField(
                label=_("Comments until"),
                widget=PageDateInput(),
                initial=services.default_comments_until(meeting),
                help_text=_("The same date for every language; after the meeting."),
            )
        today = timezone.localdate()
        if step.waits_for_comments and any(v.comments_until and today <= v.comments_until for v in versions):
            self.fields["early"] = forms.BooleanField(
                label=_("Approve before the comments deadline"),
                required=False,
                help_text=_("Comments are still welcome; tick to approve now all the same."),
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comments (required)") if step.needs_comment else _("Comment"),
            required=step.needs_comment,
            max_length=COMMENT_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def clean_comments_until(self):
        value = self.cleaned_data["comments_until"]
        if value < self.earliest:
            raise ValidationError(
                _("Comments must be welcome until a day after the meeting, and not in the past.")
            )
        return value


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=COMMENT_MAX
    )


class SignedPdfForm(forms.Form):
    file = forms.FileField(label=_("Signed PDF"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document(upload, allowed=PDF_ONLY)
        return upload


class ActionPointStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=NOTE_MAX
    )


class ActionPointFilterForm(forms.Form):
    SHOW_CHOICES = [("", _("All")), ("open", _("Open")), ("overdue", _("Overdue"))]
    show = forms.ChoiceField(label=_("Show"), choices=SHOW_CHOICES, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *ActionStatus.choices], required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Any"),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.all()
        )


class PublicListFilterForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=Group.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("All groups"),
    )
    # Any year a meeting may be in is accepted (a year without minutes lists none); the menu offers the years
    # with minutes. Anything else (0, 10000, a word) is said on the page, which then lists all years.
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        widget=forms.Select,
        error_messages={
            "invalid": YEAR_REFUSED,
            "min_value": YEAR_REFUSED,
            "max_value": YEAR_REFUSED,
        },
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.active().order_by("kind", "order", "code")
        self.fields["year"].widget.choices = [("", _("All years"))] + [(y, str(y)) for y in years]
