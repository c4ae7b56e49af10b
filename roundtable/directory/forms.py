"""Forms of the directory: organisations, people, the stakeholder list, imports."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Membership, MembershipRole, Organisation, OrganisationKind, Person
from .services import MEMBERSHIP_FIELDS, ORGANISATION_FIELDS, PERSON_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RevisionForm(forms.ModelForm):
    """A form on a record with a `revision`: the one the user loaded travels with the form, so that a save
    from a stale page is refused (core.services.Conflict). A new record has none."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["revision"]
        elif not self.is_bound:
            self.initial["revision"] = self.instance.revision

    @classmethod
    def again(cls, data, revision: int, **kwargs) -> RevisionForm:
        """The user's input once more, with the current revision: saving again, knowingly, overwrites."""
        data = data.copy()
        data["revision"] = str(revision)
        form = cls(data, **kwargs)
        form.is_valid()
        return form


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS

    def clean_country(self) -> str:
        return (self.cleaned_data.get("country") or "").strip().upper()


class PersonForm(RevisionForm):
    """A person's directory entry. The login account is linked in the administration, not here."""

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name_en", "name_lo")


class MembershipForm(RevisionForm):
    """Edit a place on a stakeholder list (the person and the group stay as they are)."""

    class Meta:
        model = Membership
        fields = MEMBERSHIP_FIELDS
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name_en", "name_lo")


class PersonChoiceField(forms.ModelChoiceField):
    """People by name and organisation: two people may share a name."""

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj} ({obj.organisation.short_name})" if obj.organisation else str(obj)


class StakeholderAddForm(forms.Form):
    """Add someone to a group's stakeholder list: an existing person, or a new one typed in the same form."""

    # Chosen among the search results the page shows as radio buttons (never a <select> of the whole
    # directory: it has thousands of people); any person's id is accepted, the form checks the rest.
    person = PersonChoiceField(
        label=_("Existing person"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    # The new person's fields; used only when no existing person is chosen.
    title = forms.CharField(label=_("title"), max_length=40, required=False)
    name_lo = forms.CharField(label=_("name (Lao)"), max_length=255, required=False)
    name_en = forms.CharField(label=_("name (English)"), max_length=255, required=False)
    position = forms.CharField(label=_("position"), max_length=255, required=False)
    person_organisation = forms.ModelChoiceField(
        label=_("organisation"), queryset=Organisation.objects.none(), required=False
    )
    email = forms.EmailField(label=_("email"), max_length=254, required=False)
    phone = forms.CharField(
        label=_("phone"), max_length=40, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    # The membership itself.
    role = forms.ChoiceField(label=_("role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    organisation = forms.ModelChoiceField(
        label=_("on behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Leave empty to use the person's own organisation."),
    )
    start_date = forms.DateField(label=_("start date"), required=False, widget=DATE_INPUT)

    NEW_PERSON_FIELDS = ("title", "name_lo", "name_en", "position", "email", "phone")

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        organisations = Organisation.objects.order_by("name_en", "name_lo")
        self.fields["person"].queryset = Person.objects.select_related("organisation")
        self.fields["person_organisation"].queryset = organisations
        self.fields["organisation"].queryset = organisations
        # The labels reuse the models' lower-case field names; a form shows them capitalised.
        for form_field in self.fields.values():
            form_field.label = capfirst(form_field.label)
        if not self.is_bound:
            self.initial.setdefault("start_date", timezone.localdate())

    def clean(self):
        data = super().clean()
        person = data.get("person")
        if person is None:
            if not (data.get("name_lo") or "").strip() and not (data.get("name_en") or "").strip():
                raise ValidationError(
                    _("Choose an existing person, or give the new person's name in Lao, in English, or both.")
                )
        elif any((data.get(name) or "") for name in self.NEW_PERSON_FIELDS):
            raise ValidationError(
                _("You chose an existing person and also filled in a new person: keep only one of the two.")
            )
        if person is not None and (
            Membership.objects.current().filter(person=person, group=self.group).exists()
        ):
            self.add_error("person", _("This person is already on the stakeholder list."))
        return data

    def new_person_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) or "" for name in self.NEW_PERSON_FIELDS}
        data["organisation"] = self.cleaned_data.get("person_organisation")
        return data


# A search is a few words: longer input is refused by the filter forms (and cut by the person picker).
SEARCH_MAX_LENGTH = 100


class StakeholderFilterForm(forms.Form):
    STATUS_CHOICES = [("current", _("Current")), ("ended", _("Ended")), ("all", _("All"))]

    q = forms.CharField(label=_("Search"), max_length=SEARCH_MAX_LENGTH, required=False)
    role = forms.ChoiceField(
        label=_("role"), choices=[("", _("All roles")), *MembershipRole.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", _("All kinds")), *OrganisationKind.choices],
        required=False,
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search"})


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=SEARCH_MAX_LENGTH, required=False)
    kind = forms.ChoiceField(
        label=_("kind"), choices=[("", _("All kinds")), *OrganisationKind.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search"})


class ImportForm(forms.Form):
    KIND_CHOICES = [("organisations", _("Organisations")), ("people", _("People"))]

    kind = forms.ChoiceField(label=_("What the file holds"), choices=KIND_CHOICES, initial="people")
    file = forms.FileField(label=_("File (CSV or XLSX)"), max_length=200)

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        if group is not None:
            # Into a stakeholder list only people make sense.
            self.fields["kind"].choices = [("people", _("People"))]
