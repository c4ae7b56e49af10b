from django.urls import path

from .views import cycles, planning, reports

app_name = "reports"

cycle = "<slug:code>/"
report = cycle + "reports/<slug:group>/"

urlpatterns = [
    path("", cycles.cycle_list, name="cycles"),
    path("recommendations/", planning.recommendations, name="recommendations"),
    path("new/", cycles.cycle_create, name="cycle_create"),
    path(cycle, cycles.cycle_detail, name="cycle"),
    path(cycle + "edit/", cycles.cycle_edit, name="cycle_edit"),
    path(cycle + "open/", cycles.cycle_open, name="cycle_open"),
    path(cycle + "publish/", cycles.cycle_publish, name="cycle_publish"),
    path(cycle + "tracker/", cycles.tracker, name="tracker"),
    path(cycle + "tracker/<slug:group>/remind/", cycles.remind, name="remind"),
    path(cycle + "compile/", cycles.compile_view, name="compile"),
    path(cycle + "compiled.<str:fmt>", cycles.compiled_download, name="compiled"),
    path(cycle + "documents/", cycles.documents, name="documents"),
    path(cycle + "documents/<int:pk>/", cycles.document_download, name="document"),
    path(cycle + "documents/<int:pk>/delete/", cycles.document_delete, name="document_delete"),
    path(cycle + "recommendations/new/", planning.recommendation_create, name="recommendation_create"),
    path(cycle + "recommendations/<int:pk>/", planning.recommendation_edit, name="recommendation_edit"),
    path(cycle + "road-map/", planning.roadmap, name="roadmap"),
    path(cycle + "road-map/new/", planning.milestone_create, name="milestone_create"),
    path(cycle + "road-map/<int:pk>/", planning.milestone_edit, name="milestone_edit"),
    path(cycle + "road-map/<int:pk>/delete/", planning.milestone_delete, name="milestone_delete"),
    path(report, reports.detail, name="report"),
    path(report + "start/", reports.start, name="start"),
    path(report + "edit/", reports.edit_text, name="edit"),
    path(report + "facts/", reports.facts, name="facts"),
    path(report + "priorities/<int:pk>/", reports.edit_priority, name="priority"),
    path(report + "follow-up/<int:pk>/", reports.edit_follow_up, name="follow_up"),
    path(report + "sub-swg/<slug:sub>/", reports.edit_subgroup, name="subgroup"),
    path(report + "step/<slug:name>/", reports.step, name="step"),
    path(report + "versions/", reports.versions, name="versions"),
    path(report + "versions/compare/", reports.version_compare, name="version_compare"),
    path(report + "report.<str:fmt>", reports.export, name="export"),
]
