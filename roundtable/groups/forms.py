from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from roundtable.core.forms import PageDateInput
from roundtable.core.uploads import validate_document
from roundtable.directory.models import Organisation, Person
from roundtable.frameworks.models import FrameworkItem

from .models import ChairRole, ChairTerm, Group, TermsOfReference
from .validators import RecordsChoiceField, validate_record_date


class DateField(forms.DateField):
    """A date of the structure: typed as a date, within the years a record may have."""

    default_validators = [validate_record_date]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", PageDateInput())
        super().__init__(**kwargs)


class FrameworkItemsField(RecordsChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: FrameworkItem) -> str:
        return obj.label


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.acronym})" if obj.acronym else obj.name


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        if obj.organisation_id:
            return f"{obj.name} – {obj.organisation.short_name}"
        return obj.name


class GroupProfileForm(forms.ModelForm):
    """What a group's own secretariat may change: names, mandate, lead ministry, framework links."""

    # The revision the user loaded: a save from a stale form is refused (core.services.Conflict).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    lead_ministry = OrganisationField(
        label=capfirst(_("lead ministry")),
        queryset=Organisation.objects.government().order_by("name_en"),
        required=False,
    )
    nsedp_outcomes = FrameworkItemsField(
        label=capfirst(_("NSEDP outcomes")),
        queryset=FrameworkItem.objects.nsedp_outcomes()
        .select_related("framework")
        .order_by("framework", "sort_key"),
        required=False,
    )
    sdgs = FrameworkItemsField(
        label=capfirst(_("SDGs")),
        queryset=FrameworkItem.objects.sdg_goals()
        .select_related("framework")
        .order_by("framework", "sort_key"),
        required=False,
    )

    class Meta:
        model = Group
        fields = ["name_lo", "name_en", "mandate_lo", "mandate_en", "lead_ministry", "nsedp_outcomes", "sdgs"]
        widgets = {
            "mandate_lo": forms.Textarea(attrs={"rows": 5}),
            "mandate_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:  # a new group has no revision to check
            del self.fields["revision"]


class GroupForm(GroupProfileForm):
    """The RTP Secretariat's form: the profile plus the group's place in the structure."""

    parent = forms.ModelChoiceField(
        label=capfirst(_("parent SWG")),
        queryset=Group.objects.swgs().order_by("order", "code"),
        required=False,
    )

    class Meta(GroupProfileForm.Meta):
        fields = ["kind", "forum_kind", "code", "parent", "order", "is_active", *GroupProfileForm.Meta.fields]


class TermsOfReferenceForm(forms.ModelForm):
    class Meta:
        model = TermsOfReference
        fields = ["file", "title", "language", "version", "issued_on"]
        widgets = {"issued_on": PageDateInput()}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document(upload)
        return upload


def _people():
    return Person.objects.select_related("organisation").order_by("name_en", "name_lo")


class ChairTermForm(forms.Form):
    role = forms.ChoiceField(label=capfirst(_("role")), choices=ChairRole.choices)
    organisation = OrganisationField(
        label=capfirst(_("organisation")), queryset=Organisation.objects.order_by("name_en")
    )
    person = PersonField(label=capfirst(_("representative")), queryset=_people(), required=False)
    start_date = DateField(label=capfirst(_("start of term")))
    planned_end = DateField(
        label=capfirst(_("planned end of term")),
        required=False,
        help_text=_("Left empty for a co-chair: the start plus the usual co-chair term."),
    )
    ended_on = DateField(
        label=capfirst(_("ended on")),
        required=False,
        help_text=_("Only to record a past term in the history."),
    )


class ChairTermEndForm(forms.Form):
    ended_on = DateField(label=capfirst(_("last day of the term")))
    reason = forms.CharField(
        label=capfirst(_("reason")),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=ChairTerm._meta.get_field("end_reason").max_length,
    )


class ChairTermChangeForm(forms.Form):
    organisation = OrganisationField(
        label=capfirst(_("new organisation")), queryset=Organisation.objects.order_by("name_en")
    )
    person = PersonField(label=capfirst(_("new representative")), queryset=_people(), required=False)
    start_date = DateField(
        label=capfirst(_("start of the new term")),
        help_text=_("The current term ends the day before."),
    )
    planned_end = DateField(
        label=capfirst(_("planned end of the new term")),
        required=False,
        help_text=_("Left empty for a co-chair: the start plus the usual co-chair term."),
    )
    reason = forms.CharField(
        label=capfirst(_("reason for the change")),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=ChairTerm._meta.get_field("change_reason").max_length,
    )
