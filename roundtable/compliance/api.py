"""The public scorecard as open data: `/api/v1/compliance/?year=Y` (registered through core.api).

One entry per active SWG and sub-SWG, with each public obligation of its checklist for the year: its
status, its due date and the date it was done, and the items behind it (a quarter, a meeting, a reporting
cycle). Only obligations proved by public facts are here, computed from public records only (public
meetings, published minutes and work plans, progress reports published with their cycle), so that the
facts agree with `/api/v1/meetings/`, `/api/v1/minutes/`, `/api/v1/workplans/` and `/api/v1/reports/`.
When the setting `ROUNDTABLE["PUBLIC_SCORECARD"]` is off, the list is empty and every detail is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from roundtable.core.api import KnownCodeField, PublicReadOnlyViewSet, YearFilter, register_route
from roundtable.core.links import page_url
from roundtable.groups.models import Group

from . import permissions
from .checklists import (
    Cell,
    build_scorecard,
    checklist_groups_queryset,
    checklist_obligations,
    with_established,
)
from .items import Status
from .models import Obligation
from .rules import Responsible, Rule, TemplateKind


@dataclass
class GroupYear:
    group: Group
    year: int
    cells: list[Cell]


class ItemSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="The item: the year (2026), a quarter (2026-Q1), a meeting "
        "(meeting:<id of /api/v1/meetings/>), "
        "a reporting cycle (cycle:<code of /api/v1/cycles/>)."
    )
    due = serializers.DateField(help_text="The day it is due by.")
    done = serializers.DateField(allow_null=True, help_text="The day it was done (null: not done).")
    status = serializers.ChoiceField(choices=Status.choices)
    days_late = serializers.IntegerField(help_text="Days late: of the doing, or so far when overdue.")


class ObligationStatusSerializer(serializers.Serializer):
    code = serializers.CharField(source="obligation.code")
    task_lo = serializers.CharField(source="obligation.task_lo")
    task_en = serializers.CharField(source="obligation.task_en")
    responsible = serializers.ChoiceField(source="obligation.responsible", choices=Responsible.choices)
    rule = serializers.ChoiceField(source="obligation.rule", choices=Rule.choices)
    status = serializers.ChoiceField(
        choices=Status.choices, help_text="The worst status of its items (n.a. when it has none)."
    )
    due = serializers.SerializerMethodField(help_text="The due day of its first open item, else of its last.")
    done = serializers.SerializerMethodField(help_text="The day its last item was done, once all are done.")
    items = ItemSerializer(many=True)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_due(self, cell: Cell):
        open_items = [i for i in cell.items if i.is_open]
        if open_items:
            return min(i.due for i in open_items).isoformat()
        dues = [i.due for i in cell.items]
        return max(dues).isoformat() if dues else None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_done(self, cell: Cell):
        judged = [i for i in cell.items if i.status != Status.NA]
        if not judged or any(i.done is None for i in judged):
            return None
        return max(i.done for i in judged).isoformat()


class GroupComplianceSerializer(serializers.Serializer):
    group = serializers.CharField(source="group.code", help_text="Code of the group.")
    group_name_lo = serializers.CharField(source="group.name_lo")
    group_name_en = serializers.CharField(source="group.name_en")
    kind = serializers.ChoiceField(source="group.kind", choices=TemplateKind.choices)
    year = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="The public scorecard of the year, in Lao.")
    url_en = serializers.SerializerMethodField(help_text="The public scorecard of the year, in English.")
    obligations = ObligationStatusSerializer(source="cells", many=True)

    def _url(self, row: GroupYear, lang: str) -> str:
        return page_url(self.context.get("request"), "compliance:public", [], lang) + f"?year={row.year}"

    @extend_schema_field(serializers.URLField())
    def get_url(self, row: GroupYear) -> str:
        return self._url(row, "lo")

    @extend_schema_field(serializers.URLField())
    def get_url_en(self, row: GroupYear) -> str:
        return self._url(row, "en")


def _unchanged(queryset, name, value):
    return queryset


class KnownCodeFilter(django_filters.CharFilter):
    """A code that must name at least one record of `queryset` (else 400), as core.api's CodeFilter."""

    field_class = KnownCodeField


class ComplianceFilter(django_filters.FilterSet):
    year = YearFilter(method=_unchanged, help_text="The year of the checklists (this year when not given).")
    group = KnownCodeFilter(
        field_name="code",
        queryset=Group.objects.all(),
        help_text="Code of the group, e.g. health.",
    )
    kind = django_filters.ChoiceFilter(
        field_name="kind", choices=TemplateKind.choices, help_text="SWGs (swg) or sub-SWGs (subswg)."
    )
    obligation = KnownCodeFilter(
        method=_unchanged,
        queryset=Obligation.objects.public(),
        help_text="Code of a public obligation, e.g. meetings: only its status.",
    )

    class Meta:
        model = Group
        fields = ["year", "group", "kind", "obligation"]


class ComplianceViewSet(PublicReadOnlyViewSet):
    """Public compliance scorecard of every active SWG and sub-SWG for a year (`?year=`, this year by
    default), filtered by `?group=`, `?kind=` and `?obligation=`. A bad filter value answers 400 naming the
    parameter (core.api's rule for every endpoint)."""

    serializer_class = GroupComplianceSerializer
    filterset_class = ComplianceFilter
    lookup_field = "code"
    # The detail is named as the list's rows name the group: `/api/v1/compliance/{group}/`.
    lookup_url_kwarg = "group"

    def get_queryset(self) -> QuerySet[Group]:
        if not permissions.public_scorecard_enabled():
            return Group.objects.none()
        return checklist_groups_queryset()

    def _year(self) -> int:
        # The filter set validated it already (filter_queryset runs first): an int within the bounds.
        value = (self.request.query_params.get("year") or "").strip()
        return int(value) if value else timezone.localdate().year

    def _rows(self, groups) -> list[GroupYear]:
        groups = with_established(groups)
        year = self._year()
        code = (self.request.query_params.get("obligation") or "").strip()
        obligations = checklist_obligations(year, year, public=True, codes=[code] if code else None)
        card = build_scorecard(
            groups=groups, obligations=obligations, first_year=year, last_year=year, public=True
        )
        return [GroupYear(group=g, year=year, cells=card.group_cells(g, year)) for g in groups]

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = self._rows(page if page is not None else queryset)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        group = self.get_object()
        return Response(self.get_serializer(self._rows([group])[0]).data)


register_route("compliance", ComplianceViewSet, basename="compliance")
