"""The administrator's view of the reports app (read and correct; the workflow goes through the pages)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CompiledReport, Cycle, CycleDocument, Milestone, ProgressReport, Recommendation


@admin.register(Cycle)
class CycleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "kind", "year", "held_on", "deadline", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["code", "theme_en", "theme_lo"]


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["cycle", "group", "status", "submitted_at", "published_at"]
    list_filter = ["status", "cycle"]
    readonly_fields = ["facts", "status", "submitted_at", "accepted_at", "published_at", "chair_approved_at"]


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["cycle", "number", "status"]
    list_filter = ["cycle", "status"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["cycle", "due_on", "title_en", "owner", "status"]
    list_filter = ["cycle", "status"]


admin.site.register(CycleDocument)
admin.site.register(CompiledReport)
