"""Filters of the groups, organisations and frameworks endpoints: a code that names nothing is a 400
(core.api's rule for every endpoint)."""

import django_filters

from roundtable.core.api import CodeFilter
from roundtable.directory.models import Organisation
from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.groups.models import Group


class GroupFilter(django_filters.FilterSet):
    parent = CodeFilter("parent", queryset=Group.objects.all(), help_text="Code of the parent SWG.")

    class Meta:
        model = Group
        fields = ["kind", "forum_kind", "parent"]


class OrganisationFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(help_text="ISO 3166 code of the country, e.g. JP.")

    class Meta:
        model = Organisation
        fields = ["kind", "country"]


class FrameworkFilter(django_filters.FilterSet):
    class Meta:
        model = Framework
        fields = ["kind"]


class FrameworkItemFilter(django_filters.FilterSet):
    framework = CodeFilter("framework", queryset=Framework.objects.all(), help_text="Code of the framework.")
    # An item code repeats across frameworks (goal 3, outcome 3): known if any framework has it.
    parent = CodeFilter("parent", queryset=FrameworkItem.objects.all(), help_text="Code of the parent item.")

    class Meta:
        model = FrameworkItem
        fields = ["framework", "level", "parent"]
