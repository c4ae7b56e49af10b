"""The forms of the reports app. Text fields carry their model's max length (the browser and the form
both enforce it); a save from a stale page is refused by the service (the hidden revision)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from roundtable.core.uploads import validate_document
from roundtable.directory.models import Organisation
from roundtable.groups.models import Group, GroupKind
from roundtable.meetings.models import Meeting

from .models import (
    Cycle,
    CycleDocument,
    Milestone,
    PriorityProgress,
    PriorityStatus,
    ProgressReport,
    Recommendation,
    RecommendationFollowUp,
    RecommendationStatus,
    SubgroupNote,
    default_deadline,
)
from .services import (
    CYCLE_FIELDS,
    FOLLOW_UP_FIELDS,
    MILESTONE_FIELDS,
    NOTE_FIELDS,
    PRIORITY_FIELDS,
    RECOMMENDATION_FIELDS,
    TEXT_FIELDS,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def textareas(fields, rows: int = 5) -> dict:
    return {f: forms.Textarea(attrs={"rows": rows}) for f in fields}


class RevisionMixin(forms.Form):
    # The revision the user loaded: a save from a stale page is refused (core.services.Conflict).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class CycleForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = Cycle
        fields = CYCLE_FIELDS
        widgets = {
            "held_on": DATE,
            "deadline": DATE,
            "groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = (
            Group.objects.active().filter(kind=GroupKind.SWG).order_by("order", "code")
        )
        self.fields["groups"].help_text = _("Sub-SWGs report inside their SWG's report. Empty: every SWG.")
        self.fields["secretariat"].queryset = Organisation.objects.government().order_by("name_en", "name_lo")
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(group__kind=GroupKind.FORUM).select_related("group").order_by("-start")
        )
        self.fields["deadline"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("deadline") and data.get("held_on"):
            data["deadline"] = default_deadline(data["held_on"])
        return data


class TextForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = TEXT_FIELDS
        widgets = textareas(TEXT_FIELDS, rows=6)


class PriorityProgressForm(RevisionMixin, forms.ModelForm):
    status = forms.ChoiceField(label=_("Status"), choices=[("", "—"), *PriorityStatus.choices], required=True)

    class Meta:
        model = PriorityProgress
        fields = PRIORITY_FIELDS
        widgets = textareas(["reason_lo", "reason_en"], rows=3) | textareas(["narrative_lo", "narrative_en"])

    def clean(self):
        data = super().clean()
        if data.get("status") == PriorityStatus.BEHIND and not (
            (data.get("reason_lo") or "").strip() or (data.get("reason_en") or "").strip()
        ):
            self.add_error("reason_lo", _("Say why the priority is behind schedule."))
        return data

    def _post_clean(self):
        # The service validates the row (with its report and priority); the form checks its own fields.
        pass


class FollowUpForm(RevisionMixin, forms.ModelForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *RecommendationStatus.choices], required=True
    )

    class Meta:
        model = RecommendationFollowUp
        fields = FOLLOW_UP_FIELDS
        widgets = textareas(["text_lo", "text_en"])

    def _post_clean(self):
        pass


class SubgroupNoteForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = SubgroupNote
        fields = NOTE_FIELDS
        widgets = textareas(NOTE_FIELDS)

    def _post_clean(self):
        pass


class StepForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = CycleDocument
        fields = ["title", "kind", "language", "milestone", "file"]

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = cycle.milestones.order_by("due_on")
        self.fields["language"].choices = [("", _("both or none")), *settings.LANGUAGES]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document(upload)
        return upload

    def _post_clean(self):
        pass


class RecommendationForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = RECOMMENDATION_FIELDS
        widgets = {**textareas(["text_lo", "text_en"], rows=4), "groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = (
            Group.objects.active().exclude(kind=GroupKind.SUBSWG).order_by("kind", "order", "code")
        )
        self.fields["number"].required = False

    def clean(self):
        data = super().clean()
        if not ((data.get("text_lo") or "").strip() or (data.get("text_en") or "").strip()):
            self.add_error("text_lo", _("Give the recommendation in Lao, in English, or both."))
        return data

    def _post_clean(self):
        pass


class MilestoneForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = MILESTONE_FIELDS
        widgets = {"due_on": DATE, **textareas(["description_lo", "description_en"], rows=3)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            Group.objects.active().exclude(kind=GroupKind.SUBSWG).order_by("kind", "order", "code")
        )
        self.fields["owner"].empty_label = _("RTP Secretariat")
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(group__kind=GroupKind.FORUM).select_related("group").order_by("-start")
        )

    def clean(self):
        data = super().clean()
        if not ((data.get("title_lo") or "").strip() or (data.get("title_en") or "").strip()):
            self.add_error("title_lo", _("Give the title in Lao, in English, or both."))
        return data

    def _post_clean(self):
        pass


class RecommendationFilterForm(forms.Form):
    cycle = forms.ModelChoiceField(
        label=_("Round Table meeting"), queryset=Cycle.objects.none(), required=False, to_field_name="code"
    )
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=Group.objects.none(), required=False, to_field_name="code"
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all")), *RecommendationStatus.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = (
            Cycle.objects.public().filter(recommendations__isnull=False).distinct()
        )
        self.fields["group"].queryset = (
            Group.objects.filter(recommendations__isnull=False).distinct().order_by("order", "code")
        )


class TrackerFilterForm(forms.Form):
    ALL, MISSING, LATE, WAITING = "", "missing", "late", "waiting"
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (ALL, _("every group")),
            (MISSING, _("reports not submitted")),
            (LATE, _("late reports")),
            (WAITING, _("reports waiting for the RTP Secretariat")),
        ],
    )
