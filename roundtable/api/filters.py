import django_filters

from roundtable.directory.models import Organisation
from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.groups.models import Group


class GroupFilter(django_filters.FilterSet):
    parent = django_filters.CharFilter(field_name="parent__code", help_text="Code of the parent SWG.")

    class Meta:
        model = Group
        fields = ["kind", "forum_kind", "parent"]


class OrganisationFilter(django_filters.FilterSet):
    class Meta:
        model = Organisation
        fields = ["kind", "country"]


class FrameworkFilter(django_filters.FilterSet):
    class Meta:
        model = Framework
        fields = ["kind"]


class FrameworkItemFilter(django_filters.FilterSet):
    framework = django_filters.CharFilter(field_name="framework__code", help_text="Code of the framework.")
    parent = django_filters.CharFilter(field_name="parent__code", help_text="Code of the parent item.")

    class Meta:
        model = FrameworkItem
        fields = ["framework", "level", "parent"]
