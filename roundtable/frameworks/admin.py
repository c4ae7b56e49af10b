from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Framework, FrameworkItem


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
