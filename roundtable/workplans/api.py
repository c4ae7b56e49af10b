"""The public API of work plans: published plans only, with priorities, framework links, planned
meetings, the public page and the export links. Registered through core.api.register_route
(at `/api/v1/workplans/`)."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch, QuerySet
from rest_framework import serializers

from roundtable.core.api import CodeFilter, PublicReadOnlyViewSet, YearFilter, register_route
from roundtable.core.links import page_url
from roundtable.frameworks.models import FrameworkItem
from roundtable.groups.models import Group

from .models import PlannedMeeting, Priority, WorkPlan
from .services import PRIORITY_ALL_FIELDS


class FrameworkLinkSerializer(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework.code")

    class Meta:
        model = FrameworkItem
        fields = ["framework", "code", "title_lo", "title_en"]


class OrganisationNameSerializer(serializers.Serializer):
    name_lo = serializers.CharField()
    name_en = serializers.CharField()
    acronym = serializers.CharField()


class PrioritySerializer(serializers.ModelSerializer):
    lead_organisation = OrganisationNameSerializer(allow_null=True)
    partners = OrganisationNameSerializer(many=True)
    nsedp_outputs = FrameworkLinkSerializer(many=True)
    sdg_targets = FrameworkLinkSerializer(many=True)

    class Meta:
        model = Priority
        fields = ["order", *PRIORITY_ALL_FIELDS]


class PlannedMeetingSerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="group.code")

    class Meta:
        model = PlannedMeeting
        fields = ["group", "date", "title_lo", "title_en"]


class WorkPlanSerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="group.code")
    group_name_lo = serializers.CharField(source="group.name_lo")
    group_name_en = serializers.CharField(source="group.name_en")
    priorities = PrioritySerializer(many=True)
    planned_meetings = PlannedMeetingSerializer(many=True)
    url = serializers.SerializerMethodField(help_text="The public page, in Lao.")
    url_en = serializers.SerializerMethodField(help_text="The public page, in English.")
    exports = serializers.SerializerMethodField(help_text="DOCX, XLSX and PDF in Lao.")
    exports_en = serializers.SerializerMethodField(help_text="DOCX, XLSX and PDF in English.")

    class Meta:
        model = WorkPlan
        fields = [
            "id",
            "group",
            "group_name_lo",
            "group_name_en",
            "year",
            "status",
            "sector_strategy_lo",
            "sector_strategy_en",
            "context_lo",
            "context_en",
            "published_at",
            "priorities",
            "planned_meetings",
            "url",
            "url_en",
            "exports",
            "exports_en",
        ]

    def _url(self, plan: WorkPlan, lang: str) -> str:
        return page_url(self.context.get("request"), "workplans:detail", [plan.group.code, plan.year], lang)

    def _exports(self, plan: WorkPlan, lang: str) -> dict[str, str]:
        request = self.context.get("request")
        return {
            fmt: page_url(request, "workplans:export", [plan.group.code, plan.year, fmt], lang)
            for fmt in ("docx", "xlsx", "pdf")
        }

    def get_url(self, plan: WorkPlan) -> str:
        return self._url(plan, "lo")

    def get_url_en(self, plan: WorkPlan) -> str:
        return self._url(plan, "en")

    def get_exports(self, plan: WorkPlan) -> dict[str, str]:
        return self._exports(plan, "lo")

    def get_exports_en(self, plan: WorkPlan) -> dict[str, str]:
        return self._exports(plan, "en")


class WorkPlanFilter(django_filters.FilterSet):
    # Every group, active or not: a retired group's published plans stay published.
    group = CodeFilter("group", queryset=Group.objects.all(), help_text="Group code, e.g. health")
    year = YearFilter(help_text="The plan's year.")

    class Meta:
        model = WorkPlan
        fields = ["group", "year"]


class WorkPlanViewSet(PublicReadOnlyViewSet):
    """Published annual work plans (drafts are never here). Filter with `?year=` and `?group=`.

    A bad filter value answers 400 naming the parameter: a year outside 1900–2200 or not a number, a
    group code that names no group (core.api's rule for every endpoint).
    """

    serializer_class = WorkPlanSerializer
    filterset_class = WorkPlanFilter

    def get_queryset(self) -> QuerySet[WorkPlan]:
        priorities = Priority.objects.select_related("lead_organisation").prefetch_related(
            "partners", "nsedp_outputs__framework", "sdg_targets__framework"
        )
        return (
            WorkPlan.objects.published()
            .select_related("group")
            .prefetch_related(
                Prefetch("priorities", queryset=priorities),
                Prefetch("planned_meetings", queryset=PlannedMeeting.objects.select_related("group")),
            )
            .order_by("-year", "group__order", "group__code")
        )


register_route("workplans", WorkPlanViewSet, basename="workplan")
