"""Public, read-only API of the organisations (registered at /api/v1/organisations/ through
core.api.register_route). Organisations only: people and their contacts are never published here.

A bad filter value answers 400 naming the parameter (core.api's rule): a kind not in its list.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from rest_framework import filters, serializers

from roundtable.core.api import PublicReadOnlyViewSet, page_fields, register_route

from .models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    url, url_en = page_fields("directory:organisation", "pk")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name_lo",
            "name_en",
            "acronym",
            "kind",
            "country",
            "website",
            "iati_identifier",
            "url",
            "url_en",
        ]


class OrganisationRefSerializer(serializers.ModelSerializer):
    """An organisation as other records name it (a group's lead ministry, a chair)."""

    url, url_en = page_fields("directory:organisation", "pk")

    class Meta:
        model = Organisation
        fields = ["id", "name_lo", "name_en", "acronym", "url", "url_en"]


class OrganisationFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(help_text="ISO 3166 code of the country, e.g. JP.")

    class Meta:
        model = Organisation
        fields = ["kind", "country"]


class OrganisationViewSet(PublicReadOnlyViewSet):
    """Ministries, development partners, NGOs and others taking part in the Round Table Process."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    filter_backends = [*PublicReadOnlyViewSet.filter_backends, filters.SearchFilter]
    search_fields = ["name_lo", "name_en", "acronym"]

    def get_queryset(self) -> QuerySet[Organisation]:
        # pk last: names may repeat, and pages must not overlap.
        return Organisation.objects.order_by("name_en", "name_lo", "pk")


register_route("organisations", OrganisationViewSet, basename="organisation")
