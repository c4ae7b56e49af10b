from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.core.forms import PageDateTimeInput
from roundtable.core.i18n import localized
from roundtable.directory.models import Gender, Organisation, Person

from . import querystring
from .models import REASON_MAX, AgendaItem, Meeting, MeetingDocument, Response, Visibility
from .services import EDITABLE_FIELDS, STEPS


def _day_bound(value: datetime, bound: time) -> datetime:
    """The same Vientiane date as `value`, at `bound` (00:00 or 23:59)."""
    return timezone.make_aware(datetime.combine(timezone.localtime(value).date(), bound))


class MeetingForm(forms.ModelForm):
    """Times are read and shown in Asia/Vientiane (the site's time zone), whatever the browser's zone.

    An all-day meeting keeps only the dates: it runs from 00:00 of the first day to 23:59 of the last.
    """

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    online_link = forms.URLField(label=_("online link"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        # The fields meeting_update accepts: one list, so that the form never offers one it drops.
        fields = list(EDITABLE_FIELDS)
        widgets = {"start": PageDateTimeInput(), "end": PageDateTimeInput()}
        help_texts = {
            "start": _("Vientiane time."),
            "end": _("Vientiane time. A meeting over several days ends on its last day."),
            "all_day": _("Only the dates count: shown without times, as a whole-day calendar event."),
        }

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            # As the page writes it (core.forms.PageDateTimeInput), and ISO moments.
            self.fields[name].input_formats = [
                "%d/%m/%Y %H:%M",
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
                "%Y-%m-%d %H:%M:%S",
            ]
        people = Person.objects.select_related("organisation").order_by("name_en", "name_lo")
        if group is not None:
            people = people.filter(memberships__group__in=[group.pk, group.parent_id or group.pk]).distinct()
        self.fields["chair_person"].queryset = people
        self.fields["chair_person"].label_from_instance = lambda p: (
            f"{p.name} ({p.organisation.short_name})" if p.organisation else p.name
        )
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision

    def clean(self):
        # The title and the order of start and end are the model's rules (Meeting.clean), checked after this.
        data = super().clean()
        if data.get("all_day") and data.get("start") and data.get("end"):
            data["start"] = _day_bound(data["start"], time(0, 0))
            data["end"] = _day_bound(data["end"], time(23, 59))
        return data


class StateForm(forms.Form):
    """The step to take, named by the state it leads to (services.STEPS gives the choices, labelled)."""

    state = forms.ChoiceField(
        label=_("New state"), choices=[(step.target, step.label) for step in STEPS.values()]
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the meeting is postponed or cancelled; sent to the invitees."),
    )

    def __init__(self, *args, steps=None, **kwargs):
        """`steps`: the steps the person may take from the meeting's state now (only those are offered)."""
        super().__init__(*args, **kwargs)
        if steps is not None:
            self.fields["state"].choices = [(step.target, step.label) for step in steps]

    def clean(self):
        data = super().clean()
        needs_reason = any(s.needs_reason for s in STEPS.values() if s.target == data.get("state"))
        if needs_reason and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the meeting is postponed or cancelled."))
        return data


class AgendaItemForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AgendaItem
        fields = ["title_lo", "title_en", "presenter", "duration_minutes", "priority"]

    def __init__(self, *args, priorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = (
            priorities if priorities is not None else self.fields["priority"].queryset.none()
        )
        self.fields["priority"].label_from_instance = lambda p: f"{p.order}. {p.title}"
        self.fields["priority"].help_text = _("From the group's work plan of the meeting's year.")
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision

    # The title rule is the model's (AgendaItem.clean), which the form runs when it validates.


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word, Excel, PowerPoint or an image."))
    visibility = forms.ChoiceField(
        label=_("Who may read it"), choices=Visibility.choices, initial=Visibility.MEMBERS
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", "—"), *MeetingDocument._meta.get_field("language").choices],
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["agenda_item"].queryset = meeting.agenda_items.all()
            self.fields["agenda_item"].label_from_instance = lambda i: f"{i.order}. {i.title}"


class PeopleField(forms.ModelMultipleChoiceField):
    """People chosen by id. An id no database holds (twenty digits, "²") is a form error: SQLite cannot
    even bind it in the `IN (...)` query that checks the choice."""

    def _check_values(self, value):
        for pk in value:
            if querystring.whole_number(str(pk)) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class InviteForm(forms.Form):
    stakeholders = forms.BooleanField(
        label=_("Invite the group's stakeholder list"), required=False, initial=True
    )
    people = PeopleField(
        label=_("Also invite these people from the directory"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    # The people outside the group's stakeholder list whom the page listed and the sender then confirmed.
    outside_confirmed = PeopleField(
        queryset=Person.objects.none(), required=False, widget=forms.MultipleHiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.select_related("organisation").order_by(
            "name_en", "name_lo"
        )
        self.fields["outside_confirmed"].queryset = Person.objects.all()
        self.fields["people"].label_from_instance = lambda p: (
            f"{p.name} ({p.organisation.short_name})" if p.organisation else p.name
        )


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(r.value, r.label) for r in (Response.ATTEND, Response.DECLINE, Response.SUBSTITUTE)],
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Name of the substitute"), max_length=255, required=False)
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, required=False)

    def clean(self):
        data = super().clean()
        if data.get("response") == Response.SUBSTITUTE and not (data.get("name") or "").strip():
            self.add_error("name", _("Give the name of the substitute."))
        return data


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    organisation_name = forms.CharField(
        label=_("Organisation (if not in the list)"), max_length=255, required=False
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name_en", "name_lo")
        self.fields["organisation"].label_from_instance = lambda o: localized(o, "name")
