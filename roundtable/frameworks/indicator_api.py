"""Public, read-only API of the indicators' monitoring: `/api/v1/indicators/`, each monitored indicator with
its unit, baseline, target, source, owner and its published values only (a draft, a submitted, returned
or accepted value is never here). Registered through core.api.register_route (imported by api.py)."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from rest_framework import serializers

from roundtable.core.api import CodeFilter, PublicReadOnlyViewSet, page_fields, register_route

from .indicator_models import Indicator, IndicatorValue
from .models import Framework


class PublishedValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["year", "value", "note", "published_at"]


class IndicatorSerializer(serializers.ModelSerializer):
    framework = serializers.CharField(
        source="item.framework.code", read_only=True, help_text="Code of the framework."
    )
    code = serializers.CharField(source="item.code", read_only=True, help_text="Code of the indicator item.")
    title_lo = serializers.CharField(source="item.title_lo", read_only=True)
    title_en = serializers.CharField(source="item.title_en", read_only=True)
    owner = serializers.SerializerMethodField(
        help_text="Code of the group that reports the values; null: the RTP Secretariat."
    )
    values = PublishedValueSerializer(
        source="published_values", many=True, read_only=True, help_text="The published yearly values."
    )
    url, url_en = page_fields("frameworks:indicator", "item.framework.code", "item.code")

    class Meta:
        model = Indicator
        fields = [
            "id",
            "framework",
            "code",
            "title_lo",
            "title_en",
            "unit_lo",
            "unit_en",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
            "source_lo",
            "source_en",
            "owner",
            "illustrative",
            "values",
            "url",
            "url_en",
        ]

    def get_owner(self, indicator: Indicator) -> str | None:
        return indicator.owner_code or None


class KnownOwnerField(forms.CharField):
    """An owner's code that some indicator has: a mistyped code must not look like "owns nothing"."""

    def run_validators(self, value: str) -> None:
        super().run_validators(value)
        if value and not Indicator.objects.filter(owner_code=value).exists():
            raise ValidationError("No indicator is owned by “%(value)s”.", params={"value": value})


class OwnerFilter(django_filters.CharFilter):
    field_class = KnownOwnerField


class IndicatorFilter(django_filters.FilterSet):
    framework = CodeFilter(
        "item__framework", queryset=Framework.objects.all(), help_text="Code of the framework."
    )
    owner = OwnerFilter(field_name="owner_code", help_text="Code of the group that owns the indicator.")

    class Meta:
        model = Indicator
        fields = ["framework", "owner"]


class IndicatorViewSet(PublicReadOnlyViewSet):
    """Monitored indicators (the Vientiane Declaration's GPEDC indicators): baseline, target, owner and the
    published yearly values."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter

    def get_queryset(self) -> QuerySet[Indicator]:
        published = IndicatorValue.objects.published().order_by("year")
        return (
            Indicator.objects.select_related("item__framework")
            .prefetch_related(Prefetch("values", queryset=published, to_attr="published_values"))
            .order_by("item__framework__code", "item__sort_key", "pk")
        )


register_route("indicators", IndicatorViewSet, basename="indicator")
