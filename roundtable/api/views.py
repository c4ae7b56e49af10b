"""The public, read-only API: groups, organisations, results frameworks.

Anonymous by design: no authentication, the same answer for everyone, only public fields
(see serializers). Every list avoids a query per row (select_related / prefetch_related).
"""

import json

from django.db.models import Count, Prefetch, QuerySet
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework import filters

from roundtable.core.api import PublicReadOnlyViewSet
from roundtable.directory.models import Organisation
from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.groups.models import ChairTerm, Group

from . import serializers
from .filters import FrameworkFilter, FrameworkItemFilter, GroupFilter, OrganisationFilter


def group_queryset() -> QuerySet[Group]:
    items = FrameworkItem.objects.select_related("framework")
    return (
        Group.objects.active()
        .select_related("parent", "lead_ministry")
        .prefetch_related(
            Prefetch(
                "chair_terms",
                queryset=ChairTerm.objects.current().select_related("organisation", "person"),
                to_attr="api_chair_terms",
            ),
            Prefetch(
                "children",
                queryset=Group.objects.active().only("id", "code", "parent_id"),
                to_attr="api_children",
            ),
            "tor_documents",
            Prefetch("nsedp_outcomes", queryset=items),
            Prefetch("sdgs", queryset=items),
        )
    )


class GroupViewSet(PublicReadOnlyViewSet):
    """Round Table forums, Sector Working Groups and sub-SWGs, with who chairs them now."""

    serializer_class = serializers.GroupSerializer
    lookup_field = "code"
    filterset_class = GroupFilter

    def get_queryset(self) -> QuerySet[Group]:
        return group_queryset()


class OrganisationViewSet(PublicReadOnlyViewSet):
    """Ministries, development partners, NGOs and others taking part in the Round Table Process."""

    serializer_class = serializers.OrganisationSerializer
    filterset_class = OrganisationFilter
    filter_backends = [*PublicReadOnlyViewSet.filter_backends, filters.SearchFilter]
    search_fields = ["name_lo", "name_en", "acronym"]

    def get_queryset(self) -> QuerySet[Organisation]:
        # pk last: names may repeat, and pages must not overlap.
        return Organisation.objects.order_by("name_en", "name_lo", "pk")


class FrameworkViewSet(PublicReadOnlyViewSet):
    """Results frameworks: NSEDP periods, the SDGs, the Vientiane Declaration."""

    serializer_class = serializers.FrameworkSerializer
    lookup_field = "code"
    filterset_class = FrameworkFilter

    def get_queryset(self) -> QuerySet[Framework]:
        return Framework.objects.annotate(item_count=Count("items")).order_by("kind", "-start_year", "code")


class FrameworkItemViewSet(PublicReadOnlyViewSet):
    """Outcomes, outputs, goals, targets, principles and indicators of the results frameworks."""

    serializer_class = serializers.FrameworkItemSerializer
    filterset_class = FrameworkItemFilter

    def get_queryset(self) -> QuerySet[FrameworkItem]:
        return FrameworkItem.objects.select_related("framework", "parent").order_by(
            "framework__code", "sort_key", "pk"
        )


class DocsView(SpectacularSwaggerView):
    """Swagger UI served from our own static files (the sidecar), with no call to any other site.

    Swagger UI's default `validatorUrl` makes every visitor's browser load a badge from
    validator.swagger.io, handing it the schema's address: switched off here.
    """

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        ui_settings = {**spectacular_settings.SWAGGER_UI_SETTINGS, "validatorUrl": None}
        response.data["settings"] = json.dumps(ui_settings, indent=2)
        return response
