"""The public API of the Round Table meetings: `/api/v1/cycles/` (open and published cycles, with their
road map, recommendations and, once published, the compiled report in both languages) and
`/api/v1/reports/` (published progress reports of published cycles only, with their frozen facts and links
to every export in both languages). Registered through core.api.register_route."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from roundtable.core.api import CodeFilter, PublicReadOnlyViewSet, YearFilter, page_fields, register_route
from roundtable.core.links import page_url
from roundtable.groups.models import Group

from .models import (
    Cycle,
    CycleKind,
    CycleStatus,
    Milestone,
    PriorityProgress,
    ProgressReport,
    Recommendation,
    RecommendationFollowUp,
    SubgroupNote,
)

EXPORT_SCHEMA = {
    "type": "object",
    "properties": {"pdf": {"type": "string", "format": "uri"}, "docx": {"type": "string", "format": "uri"}},
}


def _exports(request, viewname: str, args: list, lang: str) -> dict[str, str]:
    return {fmt: page_url(request, viewname, [*args, fmt], lang) for fmt in ("pdf", "docx")}


class MilestoneSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField(
        help_text="Code of the group or forum; null: the RTP Secretariat."
    )

    class Meta:
        model = Milestone
        fields = ["due_on", "title_lo", "title_en", "description_lo", "description_en", "owner", "status"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_owner(self, milestone: Milestone) -> str | None:
        return milestone.owner.code if milestone.owner_id else None


class RecommendationSerializer(serializers.ModelSerializer):
    groups = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "number", "text_lo", "text_en", "groups", "status"]


class CycleSerializer(serializers.ModelSerializer):
    title_lo = serializers.SerializerMethodField()
    title_en = serializers.SerializerMethodField()
    secretariat = serializers.SerializerMethodField(help_text="The secretariat's name in English (then Lao).")
    groups = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Codes of the groups that report."
    )
    milestones = MilestoneSerializer(many=True)
    recommendations = RecommendationSerializer(many=True)
    url, url_en = page_fields("reports:cycle", "code")
    compiled = serializers.SerializerMethodField(
        help_text="The compiled report in Lao (null until published)."
    )
    compiled_en = serializers.SerializerMethodField(
        help_text="The compiled report in English (null until published)."
    )

    class Meta:
        model = Cycle
        fields = [
            "code",
            "kind",
            "number",
            "title_lo",
            "title_en",
            "year",
            "held_on",
            "venue",
            "theme_lo",
            "theme_en",
            "secretariat",
            "deadline",
            "status",
            "published_at",
            "groups",
            "milestones",
            "recommendations",
            "url",
            "url_en",
            "compiled",
            "compiled_en",
        ]

    def get_title_lo(self, cycle: Cycle) -> str:
        return cycle.title_in("lo")

    def get_title_en(self, cycle: Cycle) -> str:
        return cycle.title_in("en")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_secretariat(self, cycle: Cycle) -> str | None:
        org = cycle.secretariat
        return (org.name_en or org.name_lo) if org else None

    def _compiled(self, cycle: Cycle, lang: str):
        compiled = getattr(cycle, "compiled", None)
        if not cycle.is_published or compiled is None or not compiled.file_for("pdf", lang):
            return None
        return _exports(self.context.get("request"), "reports:compiled", [cycle.code], lang)

    @extend_schema_field({**EXPORT_SCHEMA, "nullable": True})
    def get_compiled(self, cycle: Cycle):
        return self._compiled(cycle, "lo")

    @extend_schema_field({**EXPORT_SCHEMA, "nullable": True})
    def get_compiled_en(self, cycle: Cycle):
        return self._compiled(cycle, "en")


class CycleFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=CycleKind.choices, help_text="rtim or hlrtm.")
    year = YearFilter(help_text="The year the meeting reports on.")
    status = django_filters.ChoiceFilter(
        choices=[(CycleStatus.OPEN, "open"), (CycleStatus.PUBLISHED, "published")],
        help_text="open (reports being prepared) or published.",
    )

    class Meta:
        model = Cycle
        fields = ["kind", "year", "status"]


class CycleViewSet(PublicReadOnlyViewSet):
    """Round Table meetings being prepared (open) or held and published; cycles in preparation are never
    here. Filter with `?kind=`, `?year=` (the reporting year) and `?status=`. Look one up by its `code`.

    A bad filter value answers 400 naming the parameter (core.api's rule for every endpoint)."""

    serializer_class = CycleSerializer
    filterset_class = CycleFilter
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Cycle]:
        return (
            Cycle.objects.public()
            .select_related("secretariat", "compiled")
            .prefetch_related(
                "groups",
                Prefetch(
                    "milestones", queryset=Milestone.objects.select_related("owner").order_by("due_on", "id")
                ),
                Prefetch(
                    "recommendations",
                    queryset=Recommendation.objects.prefetch_related("groups").order_by("number"),
                ),
            )
            .order_by("-held_on", "code")
        )


class PriorityProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = PriorityProgress
        fields = [
            "order",
            "title_lo",
            "title_en",
            "status",
            "reason_lo",
            "reason_en",
            "narrative_lo",
            "narrative_en",
        ]


class FollowUpSerializer(serializers.ModelSerializer):
    recommendation = serializers.IntegerField(
        source="recommendation_id", help_text="Id of the recommendation."
    )
    meeting = serializers.CharField(
        source="recommendation.cycle.code", help_text="Code of its Round Table meeting."
    )

    class Meta:
        model = RecommendationFollowUp
        fields = ["recommendation", "meeting", "status", "text_lo", "text_en"]


class SubgroupSerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="group.code")

    class Meta:
        model = SubgroupNote
        fields = ["group", "text_lo", "text_en"]


class ReportSerializer(serializers.ModelSerializer):
    cycle = serializers.CharField(source="cycle.code", help_text="Code of the cycle (Round Table meeting).")
    group = serializers.CharField(source="group.code")
    group_name_lo = serializers.CharField(source="group.name_lo")
    group_name_en = serializers.CharField(source="group.name_en")
    year = serializers.IntegerField(source="cycle.year", help_text="The year reported on.")
    priorities = PriorityProgressSerializer(many=True)
    follow_ups = FollowUpSerializer(many=True)
    subgroups = SubgroupSerializer(many=True, source="subgroup_notes")
    facts = serializers.JSONField(
        help_text="The platform's numbers as they were at submission: meetings per quarter, attendance, "
        "minutes on time, action points, work plans, ODA (null until aid data exists)."
    )
    url, url_en = page_fields("reports:report", "cycle.code", "group.code")
    exports = serializers.SerializerMethodField(help_text="PDF and DOCX in Lao.")
    exports_en = serializers.SerializerMethodField(help_text="PDF and DOCX in English.")

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "cycle",
            "group",
            "group_name_lo",
            "group_name_en",
            "year",
            "status",
            "overview_lo",
            "overview_en",
            "challenges_lo",
            "challenges_en",
            "messages_lo",
            "messages_en",
            "next_priorities_lo",
            "next_priorities_en",
            "priorities",
            "follow_ups",
            "subgroups",
            "facts",
            "submitted_at",
            "accepted_at",
            "published_at",
            "url",
            "url_en",
            "exports",
            "exports_en",
        ]

    @extend_schema_field(EXPORT_SCHEMA)
    def get_exports(self, report: ProgressReport) -> dict[str, str]:
        return _exports(
            self.context.get("request"), "reports:export", [report.cycle.code, report.group.code], "lo"
        )

    @extend_schema_field(EXPORT_SCHEMA)
    def get_exports_en(self, report: ProgressReport) -> dict[str, str]:
        return _exports(
            self.context.get("request"), "reports:export", [report.cycle.code, report.group.code], "en"
        )


class ReportFilter(django_filters.FilterSet):
    cycle = CodeFilter("cycle", queryset=Cycle.objects.all(), help_text="Code of the cycle, e.g. rtim-2025.")
    group = CodeFilter("group", queryset=Group.objects.all(), help_text="Group code, e.g. health.")
    year = YearFilter(field_name="cycle__year", help_text="The year reported on.")

    class Meta:
        model = ProgressReport
        fields = ["cycle", "group", "year"]


class ReportViewSet(PublicReadOnlyViewSet):
    """Published progress reports of published Round Table meetings (drafts, submitted, returned and accepted
    reports are never here). Filter with `?cycle=`, `?group=` and `?year=`.

    A bad filter value answers 400 naming the parameter (core.api's rule for every endpoint)."""

    serializer_class = ReportSerializer
    filterset_class = ReportFilter

    def get_queryset(self) -> QuerySet[ProgressReport]:
        return (
            ProgressReport.objects.published()
            .select_related("cycle", "group")
            .prefetch_related(
                "priorities",
                Prefetch(
                    "follow_ups",
                    queryset=RecommendationFollowUp.objects.select_related("recommendation__cycle"),
                ),
                Prefetch("subgroup_notes", queryset=SubgroupNote.objects.select_related("group")),
            )
            .order_by("-cycle__held_on", "group__order", "group__code")
        )


register_route("cycles", CycleViewSet, basename="cycle")
register_route("reports", ReportViewSet, basename="report")
