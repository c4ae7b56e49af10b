"""The administrator's view of the checklists (read and correct; the pages do the work)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ChecklistTemplate, HandTick, Obligation, ReminderDigest, ReminderLog


class ObligationInline(admin.TabularInline):
    model = Obligation
    extra = 0
    fields = ["order", "code", "task_en", "task_lo", "responsible", "rule", "proof", "is_public"]


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "name_en", "name_lo"]
    inlines = [ObligationInline]


@admin.register(Obligation)
class ObligationAdmin(SimpleHistoryAdmin):
    list_display = [
        "template",
        "order",
        "code",
        "task_en",
        "rule",
        "proof",
        "is_public",
        "first_year",
        "last_year",
    ]
    list_filter = ["template", "rule", "proof", "is_public"]


@admin.register(HandTick)
class HandTickAdmin(SimpleHistoryAdmin):
    list_display = ["group", "obligation", "item_key", "done_on", "ticked_by"]
    list_filter = ["obligation__template"]


@admin.register(ReminderDigest)
class ReminderDigestAdmin(admin.ModelAdmin):
    list_display = ["day", "recipient", "email", "language", "job"]
    readonly_fields = ["day", "recipient", "email", "language", "job"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["digest", "group", "obligation", "item_key", "offset", "due_on"]
    list_filter = ["offset"]
