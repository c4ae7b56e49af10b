"""The public API of the aid data (registered through core.api.register_route):

- `/api/v1/aid/activities/`: the activities published in IATI for Lao PDR, with their sectors, the groups
  they are counted for and their committed and disbursed totals in USD; filters `group`, `year`, `partner`,
  `sector`, `province`, `search`.
- `/api/v1/aid/funding/`: the funding figures, one row per group (none: not mapped to a group), year and
  partner, in USD and LAK; filters `group` (an SWG with its sub-SWGs), `year`, `partner`.

IATI data only: the projects of the national ODA database are not public. A bad filter value answers 400
naming the parameter (core.api's rule).
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import ExtractYear
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny

from roundtable.core.api import (
    CodeFilter,
    PublicPagination,
    PublicReadOnlyViewSet,
    PublicSchema,
    YearFilter,
    page_fields,
    register_route,
)
from roundtable.directory.api import OrganisationRefSerializer
from roundtable.directory.models import Organisation
from roundtable.groups.models import Group

from . import figures
from .models import Activity, ActivitySector, FundingShare, Location, Source, Transaction
from .permissions import FUNDED_KINDS
from .provinces import PROVINCES

AMOUNT = {"max_digits": 24, "decimal_places": 2, "coerce_to_string": False, "allow_null": True}


def _groups():
    return Group.objects.filter(kind__in=FUNDED_KINDS)


def _scope(code: str) -> list[int]:
    group = _groups().filter(code=code).first()
    return figures.group_scope(group) if group else []


class SectorSerializer(serializers.ModelSerializer):
    percentage = serializers.DecimalField(
        max_digits=6, decimal_places=2, coerce_to_string=False, allow_null=True
    )

    class Meta:
        model = ActivitySector
        fields = ["vocabulary", "code", "percentage", "name"]


class ReportingOrgSerializer(serializers.Serializer):
    ref = serializers.CharField(source="reporting_org_ref", help_text="IATI organisation identifier.")
    name = serializers.CharField(source="reporting_org_name")
    type = serializers.CharField(source="reporting_org_type", help_text="IATI OrganisationType code.")


class ActivitySerializer(serializers.ModelSerializer):
    reporting_org = ReportingOrgSerializer(source="*", read_only=True)
    partner = OrganisationRefSerializer(source="organisation", read_only=True, allow_null=True)
    sectors = SectorSerializer(many=True, read_only=True)
    groups = serializers.SerializerMethodField(help_text="Codes of the groups the activity is counted for.")
    provinces = serializers.SerializerMethodField(help_text="ISO 3166-2 codes of its provinces.")
    committed_usd = serializers.DecimalField(
        source="committed", **AMOUNT, help_text="Committed for Lao PDR, USD."
    )
    disbursed_usd = serializers.DecimalField(
        source="disbursed", **AMOUNT, help_text="Disbursed for Lao PDR, USD."
    )
    url, url_en = page_fields("aid:activity", "pk")

    class Meta:
        model = Activity
        fields = [
            "id",
            "identifier",
            "title_lo",
            "title_en",
            "titles",
            "status",
            "planned_start",
            "actual_start",
            "planned_end",
            "actual_end",
            "reporting_org",
            "partner",
            "recipient_countries",
            "sectors",
            "groups",
            "provinces",
            "committed_usd",
            "disbursed_usd",
            "last_updated",
            "url",
            "url_en",
        ]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_groups(self, activity: Activity) -> list[str]:
        return sorted({share.group.code for share in activity.counted_shares if share.group_id})

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_provinces(self, activity: Activity) -> list[str]:
        return sorted({location.province for location in activity.locations.all() if location.province})


class ActivityFilter(django_filters.FilterSet):
    group = CodeFilter(
        "shares__group",
        queryset=_groups(),
        method="filter_group",
        help_text="Code of a group (an SWG includes its sub-SWGs), e.g. health.",
    )
    year = YearFilter(method="filter_year", help_text="Activities with a transaction in this year.")
    partner = django_filters.ModelChoiceFilter(
        field_name="organisation",
        queryset=Organisation.objects.all(),
        help_text="Id of the partner in the directory (/api/v1/organisations/).",
    )
    sector = django_filters.CharFilter(
        method="filter_sector", max_length=5, help_text="A DAC sector code (5 digits) or category (3 digits)."
    )
    province = django_filters.ChoiceFilter(
        method="filter_province",
        choices=[(code, code) for code in PROVINCES],
        help_text="ISO 3166-2 code, e.g. LA-SV.",
    )
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Words of the title or identifier."
    )

    class Meta:
        model = Activity
        fields = ["group", "year", "partner", "sector", "province", "search"]

    # Each filter tests existence (no join): the totals summed over the shares stay right.
    def filter_group(self, queryset, name, value):
        if not value:
            return queryset
        shares = FundingShare.objects.filter(activity=OuterRef("pk"), group__in=_scope(value))
        return queryset.filter(Exists(shares))

    def filter_year(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(Exists(Transaction.objects.filter(activity=OuterRef("pk"), date__year=value)))

    def filter_sector(self, queryset, name, value):
        if not value:
            return queryset
        sectors = ActivitySector.objects.filter(activity=OuterRef("pk"), vocabulary__in=("1", "2"))
        sectors = sectors.filter(code__startswith=value) if len(value) == 3 else sectors.filter(code=value)
        return queryset.filter(Exists(sectors))

    def filter_province(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Location.objects.filter(activity=OuterRef("pk"), province=value)))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class ActivityViewSet(PublicReadOnlyViewSet):
    """Aid activities for Lao PDR published in IATI by the development partners, by identifier. Totals are
    for Lao PDR, in USD at the rate of each transaction's month (a transaction without a rate is left out of
    them)."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter

    def get_queryset(self) -> QuerySet[Activity]:
        return (
            Activity.objects.filter(source=Source.IATI)
            .select_related("organisation")
            .prefetch_related(
                "sectors",
                "locations",
                Prefetch(
                    "shares",
                    queryset=FundingShare.objects.filter(group__isnull=False).select_related("group"),
                    to_attr="counted_shares",
                ),
            )
            .annotate(**figures.sums("usd", prefix="shares__"))
            .order_by("identifier")
        )


class FundingRowSerializer(serializers.Serializer):
    group = serializers.CharField(
        allow_null=True, help_text="Code of the group; null: not mapped to a group."
    )
    group_name_lo = serializers.CharField(allow_null=True)
    group_name_en = serializers.CharField(allow_null=True)
    year = serializers.IntegerField()
    partner_id = serializers.IntegerField(
        allow_null=True, help_text="Id in /api/v1/organisations/, if matched."
    )
    partner_name_lo = serializers.CharField(allow_null=True)
    partner_name_en = serializers.CharField(allow_null=True)
    committed_usd = serializers.DecimalField(**AMOUNT)
    disbursed_usd = serializers.DecimalField(**AMOUNT)
    committed_lak = serializers.DecimalField(**AMOUNT)
    disbursed_lak = serializers.DecimalField(**AMOUNT)
    activities = serializers.IntegerField()


class FundingFilter(django_filters.FilterSet):
    group = CodeFilter(
        "group",
        queryset=_groups(),
        method="filter_group",
        help_text="Code of a group: an SWG gives its rows and its sub-SWGs' (their sum is its total).",
    )
    year = YearFilter(method="filter_year", help_text="The year of the transactions.")
    partner = django_filters.ModelChoiceFilter(
        field_name="activity__organisation",
        queryset=Organisation.objects.all(),
        help_text="Id of the partner in the directory (/api/v1/organisations/).",
    )

    class Meta:
        model = FundingShare
        fields = ["group", "year", "partner"]

    def filter_group(self, queryset, name, value):
        return queryset.filter(group__in=_scope(value)) if value else queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(transaction__date__year=value) if value is not None else queryset


class FundingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Committed and disbursed funding per group, year and partner, in USD and LAK: the figures of the aid
    pages. Summing the rows of `?group=health` gives the Health SWG's total (its sub-SWGs included); rows
    without a group are the money not mapped to any group."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    pagination_class = PublicPagination
    filter_backends = PublicReadOnlyViewSet.filter_backends
    schema = PublicSchema()
    serializer_class = FundingRowSerializer
    filterset_class = FundingFilter

    def get_queryset(self) -> QuerySet[FundingShare]:
        return FundingShare.objects.filter(activity__source=Source.IATI)

    def filter_queryset(self, queryset):
        shares = super().filter_queryset(queryset)
        return (
            shares.annotate(year=ExtractYear("transaction__date"))
            .values(
                "year",
                "group",
                "activity__organisation",
                "activity__reporting_org_name",
            )
            .annotate(
                **{f"{key}_usd": value for key, value in figures.sums("usd").items()},
                **{f"{key}_lak": value for key, value in figures.sums("lak").items()},
                activities=Count("activity", distinct=True),
            )
            .order_by("year", "group", "activity__organisation", "activity__reporting_org_name")
        )

    def get_serializer(self, instance=None, *args, **kwargs):
        if instance is not None:
            instance = self._rows(instance)
        return super().get_serializer(instance, *args, **kwargs)

    def _rows(self, rows) -> list[dict]:
        rows = list(rows)
        groups = Group.objects.in_bulk({r["group"] for r in rows if r["group"]})
        organisations = Organisation.objects.in_bulk(
            {r["activity__organisation"] for r in rows if r["activity__organisation"]}
        )
        result = []
        for row in rows:
            group = groups.get(row["group"])
            organisation = organisations.get(row["activity__organisation"])
            result.append(
                {
                    "group": group.code if group else None,
                    "group_name_lo": group.name_lo if group else None,
                    "group_name_en": group.name_en if group else None,
                    "year": row["year"],
                    "partner_id": organisation.pk if organisation else None,
                    "partner_name_lo": organisation.name_lo if organisation else None,
                    "partner_name_en": organisation.name_en
                    if organisation
                    else row["activity__reporting_org_name"],
                    "committed_usd": row["committed_usd"],
                    "disbursed_usd": row["disbursed_usd"],
                    "committed_lak": row["committed_lak"],
                    "disbursed_lak": row["disbursed_lak"],
                    "activities": row["activities"],
                }
            )
        return result


register_route("aid/activities", ActivityViewSet, basename="aid-activity")
register_route("aid/funding", FundingViewSet, basename="aid-funding")
