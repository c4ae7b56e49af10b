from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.core.i18n import localized
from roundtable.core.search import providers

FIRST_YEAR = 2000


class SearchForm(forms.Form):
    """The search page's query and filters (a GET form: the page works without JavaScript)."""

    q = forms.CharField(label=_("Search for"), required=False, max_length=200)
    type = forms.ChoiceField(label=_("Type"), required=False)
    group = forms.ChoiceField(label=_("Group"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, groups=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {g.code: g for g in groups}
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        self.fields["type"].choices = [("", _("All types"))] + [(p.name, p.label) for p in providers()]
        self.fields["group"].choices = [("", _("All groups"))] + [
            (g.code, localized(g, "name")) for g in groups
        ]
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", _("Any year"))] + [
            (y, str(y)) for y in range(this_year + 1, FIRST_YEAR - 1, -1)
        ]

    def group_ids(self) -> list[int]:
        """The chosen group and its sub-groups."""
        code = self.cleaned_data.get("group")
        group = self.groups.get(code) if code else None
        if group is None:
            return []
        return [group.pk, *(g.pk for g in self.groups.values() if g.parent_id == group.pk)]
