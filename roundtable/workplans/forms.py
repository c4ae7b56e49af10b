from __future__ import annotations

from django import forms
from django.db.models import Case, Q, When
from django.utils.translation import gettext_lazy as _

from roundtable.core.forms import DATE_HELP, PageDateInput
from roundtable.directory.models import Organisation
from roundtable.frameworks.models import FrameworkItem
from roundtable.groups.validators import RecordsChoiceField

from .models import Priority, StakeholderRole, WorkPlan, WorkPlanStep
from .querystring import whole_number, without_nul
from .services import HEADER_FIELDS, PRIORITY_ALL_FIELDS, nsedp_for_year


class RevisionMixin(forms.Form):
    # The revision the user loaded: a save from a stale page is refused (core.services.Conflict).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CreateForm(forms.Form):
    EMPTY = "empty"
    PREVIOUS = "previous"
    start = forms.ChoiceField(label=_("Start from"), widget=forms.RadioSelect, initial=EMPTY)

    def __init__(self, *args, previous: WorkPlan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(self.EMPTY, _("an empty plan"))]
        if previous is not None:
            choices.insert(
                0,
                (
                    self.PREVIOUS,
                    _("last year's plan (priorities and stakeholders copied, dates moved a year on)"),
                ),
            )
            self.fields["start"].initial = self.PREVIOUS
        self.fields["start"].choices = choices


class HeaderForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = WorkPlan
        fields = HEADER_FIELDS
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in HEADER_FIELDS}


class PickerField(RecordsChoiceField):
    """Framework items, shown by the template as checkboxes grouped under their parent (outcome, goal)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=FrameworkItem.objects.none(), required=False, **kwargs)


class PriorityForm(RevisionMixin, forms.ModelForm):
    nsedp_outputs = PickerField(label=_("NSEDP outputs"))
    sdg_targets = PickerField(label=_("SDG targets"))

    class Meta:
        model = Priority
        fields = PRIORITY_ALL_FIELDS
        widgets = {
            "description_lo": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "expected_results_lo": forms.Textarea(attrs={"rows": 3}),
            "expected_results_en": forms.Textarea(attrs={"rows": 3}),
            "start_date": PageDateInput(),
            "end_date": PageDateInput(),
            "partners": forms.SelectMultiple(attrs={"size": 8}),
        }
        field_classes = {"partners": RecordsChoiceField}

    def __init__(self, *args, plan: WorkPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for name in ("start_date", "end_date"):
            self.fields[name].help_text = DATE_HELP
        if not self.instance.pk:
            self.fields["revision"].required = False
            self.fields["revision"].initial = 1
        else:
            self.fields["revision"].initial = self.instance.revision
        organisations = Organisation.objects.order_by("name_en", "name_lo")
        self.fields["lead_organisation"].queryset = organisations
        self.fields["partners"].queryset = organisations
        linked = Q(pk__in=self.instance.nsedp_outputs.all()) if self.instance.pk else Q(pk__in=[])
        # The current NSEDP's outputs, plus any the priority already links (so that an edit keeps them).
        self.nsedp = nsedp_for_year(plan.year)
        outputs = FrameworkItem.objects.nsedp_outputs()
        if self.nsedp is not None:
            outputs = outputs.filter(Q(framework=self.nsedp) | linked)
        self.fields["nsedp_outputs"].queryset = outputs.select_related("framework", "parent")
        self.fields["sdg_targets"].queryset = FrameworkItem.objects.sdg_targets().select_related(
            "framework", "parent"
        )

    def picker(self, name: str) -> dict:
        """What the picker template shows for `name`: the items matching the filter `<name>_q` (code, title,
        or the outcome's/goal's title), grouped under their parent, checked as chosen; and the chosen items
        the filter hides, which the form still sends (hidden inputs), so filtering never drops a choice."""
        query = without_nul(self.data.get(f"{name}_q") or "").strip() if self.is_bound else ""
        chosen = {str(v) for v in (self[name].value() or [])}
        items = self.fields[name].queryset.order_by("framework__code", "sort_key")
        if query:
            items = items.filter(
                Q(code__startswith=query)
                | Q(title_lo__icontains=query)
                | Q(title_en__icontains=query)
                | Q(short_lo__icontains=query)
                | Q(short_en__icontains=query)
                | Q(parent__code=query)
                | Q(parent__title_lo__icontains=query)
                | Q(parent__title_en__icontains=query)
            )
        groups: dict = {}
        shown = set()
        for item in items:
            key = item.parent_id or 0
            entry = groups.setdefault(key, {"parent": item.parent, "items": [], "open": bool(query)})
            checked = str(item.pk) in chosen
            shown.add(str(item.pk))
            entry["items"].append((item, checked))
            entry["open"] = entry["open"] or checked
        # What the form sent is typed text: only the ids it can be are looked up.
        hidden_ids = [n for pk in chosen - shown if (n := whole_number(pk)) is not None]
        kept = (
            list(self.fields[name].queryset.filter(pk__in=hidden_ids).values_list("pk", flat=True))
            if hidden_ids
            else []
        )
        return {
            "name": name,
            "query": query,
            "groups": list(groups.values()),
            "count": len(shown),
            "kept": kept,
        }


# The framework pickers of the priority form (field names).
PICKERS = ("nsedp_outputs", "sdg_targets")


class MeetingForm(RevisionMixin, forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=None, empty_label=None)
    date = forms.DateField(label=_("Date"), widget=PageDateInput(), help_text=DATE_HELP)
    title_lo = forms.CharField(label=_("title (Lao)"), required=False, max_length=255)
    title_en = forms.CharField(label=_("title (English)"), required=False, max_length=255)

    field_order = ["date", "group", "title_lo", "title_en"]

    def __init__(self, *args, groups, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from roundtable.groups.models import Group

        # The plan's group and its sub-groups only: never another group's sub-group.
        # In the order given: the plan's group first, then its sub-groups.
        self.fields["group"].queryset = Group.objects.filter(pk__in=[g.pk for g in groups]).order_by(
            Case(*[When(pk=g.pk, then=position) for position, g in enumerate(groups)])
        )
        self.fields["revision"].required = editing


class StakeholderForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation from the directory"),
        queryset=Organisation.objects.order_by("name_en", "name_lo"),
        required=False,
    )
    name = forms.CharField(label=_("or a name not in the directory"), required=False, max_length=255)
    role_code = forms.ChoiceField(
        label=_("role in the sector"), required=False, choices=[("", "—"), *StakeholderRole.choices]
    )
    role_note = forms.CharField(label=_("role in the sector, in words"), required=False, max_length=255)


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=WorkPlanStep._meta.get_field("comment").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
