from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Framework, FrameworkItem, Indicator, IndicatorValue


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "name_lo", "kind", "start_year", "end_year"]
    list_filter = ["kind"]
    search_fields = ["code", "name_en", "name_lo"]


@admin.register(FrameworkItem)
class FrameworkItemAdmin(SimpleHistoryAdmin):
    list_display = ["code", "framework", "level", "title_en", "title_lo"]
    list_filter = ["framework", "level"]
    list_select_related = ["framework"]
    search_fields = ["code", "title_en", "title_lo", "short_en", "short_lo"]
    raw_id_fields = ["parent"]
    ordering = ["framework", "sort_key"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["item", "owner_code", "baseline_year", "baseline_value", "target_year", "target_value"]
    list_filter = ["item__framework", "owner_code"]
    list_select_related = ["item__framework"]
    raw_id_fields = ["item"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "value", "state"]
    list_filter = ["state", "year"]
    list_select_related = ["indicator__item__framework"]
    raw_id_fields = ["indicator", "entered_by", "submitted_by", "reviewed_by"]
