"""What the Round Table meetings add to the site-wide search (core.search): each meeting (cycle), each
progress report with its parts, and each recommendation.

Visibility is the pages' own: a cycle and its recommendations are public once the cycle is open (a cycle in
preparation is found by nobody: the RTP Secretariat has its list); a progress report is public once
published with its cycle (`permissions.can_view_report` for an anonymous visitor); before that, whoever
`can_view_unpublished_of` lets know the group's reports finds it (the grant "reports.unpublished").
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from roundtable.core.search import ANONYMOUS, Document, SearchProvider, join, register_provider, urls

from . import permissions
from .models import (
    Cycle,
    PriorityProgress,
    ProgressReport,
    Recommendation,
    RecommendationFollowUp,
    SubgroupNote,
)


def _in_both(fn) -> tuple[str, str]:
    values = []
    for lang in ("lo", "en"):
        with translation.override(lang):
            values.append(fn(lang))
    return values[0], values[1]


class CycleProvider(SearchProvider):
    name = "reports.cycle"
    label = _("Round Table meeting")
    model = Cycle
    order = 60

    def documents(self, cycle: Cycle) -> list[Document]:
        if not cycle.is_public:
            return []
        url_lo, url_en = urls("reports:cycle", cycle.code)
        title_lo, title_en = _in_both(lambda lang: cycle.title)
        return [
            Document(
                title_lo=title_lo,
                title_en=title_en,
                body_lo=join(cycle.theme_lo, cycle.venue),
                body_en=join(cycle.theme_en, cycle.venue),
                date=cycle.held_on,
                url_lo=url_lo,
                url_en=url_en,
                public=True,
            )
        ]


class ProgressReportProvider(SearchProvider):
    name = "reports.report"
    label = _("Progress report")
    model = ProgressReport
    order = 61
    grants = {"reports.unpublished": permissions.can_view_unpublished_of}
    watches = {
        Cycle: lambda cycle: cycle.reports.values_list("pk", flat=True),
        PriorityProgress: lambda row: [row.report_id],
        RecommendationFollowUp: lambda row: [row.report_id],
        SubgroupNote: lambda row: [row.report_id],
    }

    def records(self):
        return ProgressReport.objects.select_related("cycle", "group").prefetch_related(
            "priorities", "follow_ups", "subgroup_notes"
        )

    def documents(self, report: ProgressReport) -> list[Document]:
        url_lo, url_en = urls("reports:report", report.cycle.code, report.group.code)

        def title(lang: str) -> str:
            group = (
                (report.group.name_lo or report.group.name_en)
                if lang == "lo"
                else (report.group.name_en or report.group.name_lo)
            )
            return gettext("Progress report: %(group)s, %(cycle)s") % {
                "group": group,
                "cycle": report.cycle.title,
            }

        title_lo, title_en = _in_both(title)

        def body(lang: str) -> str:
            parts = [
                getattr(report, f"{field}_{lang}")
                for field in ("overview", "challenges", "messages", "next_priorities")
            ]
            for row in report.priorities.all():
                parts += [
                    getattr(row, f"title_{lang}"),
                    getattr(row, f"narrative_{lang}"),
                    getattr(row, f"reason_{lang}"),
                ]
            parts += [getattr(row, f"text_{lang}") for row in report.follow_ups.all()]
            parts += [getattr(row, f"text_{lang}") for row in report.subgroup_notes.all()]
            return join(*parts)

        when = report.published_at or report.submitted_at or report.updated_at
        return [
            Document(
                title_lo=title_lo,
                title_en=title_en,
                body_lo=body("lo"),
                body_en=body("en"),
                group_id=report.group_id,
                date=timezone.localdate(when) if when else report.cycle.held_on,
                url_lo=url_lo,
                url_en=url_en,
                public=permissions.can_view_report(ANONYMOUS, report),
                access="reports.unpublished",
            )
        ]


class RecommendationProvider(SearchProvider):
    name = "reports.recommendation"
    label = _("Recommendation")
    model = Recommendation
    order = 62
    watches = {Cycle: lambda cycle: cycle.recommendations.values_list("pk", flat=True)}

    def records(self):
        return Recommendation.objects.select_related("cycle")

    def documents(self, recommendation: Recommendation) -> list[Document]:
        cycle = recommendation.cycle
        if not cycle.is_public:
            return []
        url_lo, url_en = urls("reports:cycle", cycle.code, fragment=f"recommendation-{recommendation.pk}")
        title_lo, title_en = _in_both(
            lambda lang: (
                gettext("Recommendation %(number)s of the %(meeting)s")
                % {"number": recommendation.number, "meeting": cycle.title}
            )
        )
        return [
            Document(
                title_lo=title_lo,
                title_en=title_en,
                body_lo=recommendation.text_lo or recommendation.text_en,
                body_en=recommendation.text_en or recommendation.text_lo,
                date=cycle.held_on,
                url_lo=url_lo,
                url_en=url_en,
                public=True,
            )
        ]


register_provider(CycleProvider())
register_provider(ProgressReportProvider())
register_provider(RecommendationProvider())
