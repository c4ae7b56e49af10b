from django.urls import path

from . import views

app_name = "aid"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("groups/<slug:code>/", views.group_aid, name="group"),
    path("groups/<slug:code>/priorities/", views.priority_links, name="priorities"),
    path("groups/<slug:code>/priorities/<int:pk>/unlink/", views.priority_unlink, name="priority_unlink"),
    path("partners/review/", views.review, name="review"),
    path("partners/<int:pk>/", views.partner_aid, name="partner"),
    path("activities/", views.activity_list, name="activities"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("unmapped/", views.unmapped, name="unmapped"),
    path("mapping/", views.mapping, name="mapping"),
    path("mapping/code/", views.mapping_code, name="mapping_code"),
    path("mapping/defaults/", views.mapping_seed, name="mapping_seed"),
    path("mapping/<str:code>/", views.mapping_edit, name="mapping_edit"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("rates/", views.rates, name="rates"),
    path("oda/", views.oda_uploads, name="oda"),
    path("oda/<int:pk>/", views.oda_detail, name="oda_detail"),
    path("export/activities.<str:fmt>", views.export_activities, name="export_activities"),
    path("export/funding.<str:fmt>", views.export_funding, name="export_funding"),
]
