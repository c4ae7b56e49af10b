from django.urls import path

from .views import imports, organisations, people, stakeholders

app_name = "directory"

urlpatterns = [
    path("organisations/", organisations.organisation_list, name="organisations"),
    path("organisations/new/", organisations.organisation_create, name="organisation_add"),
    path("organisations/export/", organisations.organisations_export, name="organisations_export"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path("people/", people.person_list, name="people"),
    path("people/new/", people.person_create, name="person_add"),
    path("people/export/", people.people_export, name="people_export"),
    path("people/<int:pk>/", people.person_detail, name="person"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("groups/<slug:code>/stakeholders/", stakeholders.stakeholder_list, name="stakeholders"),
    path("groups/<slug:code>/stakeholders/add/", stakeholders.stakeholder_add, name="stakeholder_add"),
    path(
        "groups/<slug:code>/stakeholders/export/",
        stakeholders.stakeholders_export,
        name="stakeholders_export",
    ),
    path("groups/<slug:code>/stakeholders/import/", imports.import_upload, name="stakeholders_import"),
    path("memberships/<int:pk>/edit/", stakeholders.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", stakeholders.membership_end, name="membership_end"),
    path("import/", imports.import_upload, name="import"),
    path("import/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/cancel/", imports.import_cancel, name="import_cancel"),
]
