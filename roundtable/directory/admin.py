from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, Organisation, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_lo", "acronym", "kind", "country", "iati_identifier"]
    list_filter = ["kind", "country"]
    search_fields = ["name_en", "name_lo", "acronym", "iati_identifier"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_lo", "position", "organisation", "email"]
    list_filter = ["gender", "preferred_language", "organisation__kind"]
    list_select_related = ["organisation"]
    search_fields = ["name_en", "name_lo", "email", "organisation__acronym", "organisation__name_en"]
    autocomplete_fields = ["organisation", "user"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "group", "role", "organisation", "start_date", "end_date"]
    list_filter = ["role", "group"]
    list_select_related = ["person", "group", "organisation"]
    search_fields = ["person__name_en", "person__name_lo", "person__email", "group__code"]
    autocomplete_fields = ["person", "organisation"]
    date_hierarchy = "start_date"
