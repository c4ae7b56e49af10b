from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, ExchangeRate, ImportRun, PartnerMatch, SectorMapping, SourceFile


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["identifier", "source", "title_en", "reporting_org_name", "organisation", "imported_at"]
    list_filter = ["source", "status"]
    search_fields = ["identifier", "title_en", "title_lo", "reporting_org_name"]
    raw_id_fields = ["organisation", "source_file"]
    # Activities are written by the imports: the admin shows them, the import pages and commands change them.
    readonly_fields = [f.name for f in Activity._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(SectorMapping)
class SectorMappingAdmin(SimpleHistoryAdmin):
    list_display = ["code", "group", "percentage"]
    search_fields = ["code", "group__code"]
    list_select_related = ["group"]

    def has_change_permission(self, request, obj=None):
        # Through the mapping page, which counts the activities again.
        return False

    has_add_permission = has_delete_permission = lambda self, request, obj=None: False


@admin.register(ExchangeRate)
class ExchangeRateAdmin(SimpleHistoryAdmin):
    list_display = ["currency", "month", "per_usd", "source"]
    list_filter = ["currency"]

    def has_change_permission(self, request, obj=None):
        # Through the rates page, which converts the values again.
        return False

    has_add_permission = has_delete_permission = lambda self, request, obj=None: False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "via", "started_by", "created_at"]


@admin.register(SourceFile)
class SourceFileAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "activities", "lao_activities", "refused_activities", "read_at"]
    list_filter = ["status"]


@admin.register(PartnerMatch)
class PartnerMatchAdmin(SimpleHistoryAdmin):
    list_display = ["ref", "name_key", "organisation", "decided_by", "decided_at"]
