"""Public, read-only API of the results frameworks (registered at /api/v1/frameworks/ and
/api/v1/framework-items/ through core.api.register_route).

A bad filter value answers 400 naming the parameter (core.api's rule): a kind or level not in its list,
a framework or parent-item code that names nothing.
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from roundtable.core.api import CodeFilter, PublicReadOnlyViewSet, page_fields, register_route
from roundtable.core.links import absolute

from .models import Framework, FrameworkItem


class FrameworkItemRefSerializer(serializers.ModelSerializer):
    """An item as other records link to it (a group's NSEDP outcomes and SDGs)."""

    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)
    url, url_en = page_fields("frameworks:detail", "framework.code", fragment="code")

    class Meta:
        model = FrameworkItem
        fields = ["framework", "code", "title_lo", "title_en", "url", "url_en"]


class FrameworkSerializer(serializers.ModelSerializer):
    item_count = serializers.IntegerField(read_only=True)
    items = serializers.SerializerMethodField(help_text="The framework's items in the API.")
    url, url_en = page_fields("frameworks:detail", "code")

    class Meta:
        model = Framework
        fields = [
            "code",
            "kind",
            "name_lo",
            "name_en",
            "start_year",
            "end_year",
            "description_lo",
            "description_en",
            "source_lo",
            "source_en",
            "item_count",
            "items",
            "url",
            "url_en",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_items(self, framework: Framework) -> str:
        # The API's URL names are its public contract, as the pages' are (`frameworks:detail`).
        path = reverse("api:frameworkitem-list")
        return absolute(self.context.get("request"), f"{path}?framework={framework.code}")


class FrameworkItemSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="Code of the parent item."
    )
    url, url_en = page_fields("frameworks:detail", "framework.code", fragment="code")

    class Meta:
        model = FrameworkItem
        fields = [
            "id",
            "framework",
            "code",
            "level",
            "parent",
            "title_lo",
            "title_en",
            "short_lo",
            "short_en",
            "illustrative",
            "url",
            "url_en",
        ]


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


class FrameworkViewSet(PublicReadOnlyViewSet):
    """Results frameworks: NSEDP periods, the SDGs, the Vientiane Declaration."""

    serializer_class = FrameworkSerializer
    lookup_field = "code"
    filterset_class = FrameworkFilter

    def get_queryset(self) -> QuerySet[Framework]:
        return Framework.objects.annotate(item_count=Count("items")).order_by("kind", "-start_year", "code")


class FrameworkItemViewSet(PublicReadOnlyViewSet):
    """Outcomes, outputs, goals, targets, principles and indicators of the results frameworks."""

    serializer_class = FrameworkItemSerializer
    filterset_class = FrameworkItemFilter

    def get_queryset(self) -> QuerySet[FrameworkItem]:
        return FrameworkItem.objects.select_related("framework", "parent").order_by(
            "framework__code", "sort_key", "pk"
        )


register_route("frameworks", FrameworkViewSet, basename="framework")
register_route("framework-items", FrameworkItemViewSet, basename="frameworkitem")

# The indicators' monitoring publishes its own endpoint (/api/v1/indicators/).
from . import indicator_api  # noqa: E402, F401
