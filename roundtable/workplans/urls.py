from django.urls import path

from . import views

app_name = "workplans"

plan = "<slug:code>/<int:year>/"

urlpatterns = [
    path("", views.public_list, name="public_list"),
    path("overview/", views.overview_current, name="overview_current"),
    path("overview/<int:year>/", views.overview, name="overview"),
    path("<slug:code>/", views.group_plans, name="group"),
    path(plan, views.detail, name="detail"),
    path(plan + "new/", views.create, name="create"),
    path(plan + "edit/", views.edit_header, name="edit"),
    path(plan + "priorities/add/", views.priority_add, name="priority_add"),
    path(plan + "priorities/picker/<slug:name>/", views.picker, name="picker"),
    path(plan + "priorities/<int:pk>/", views.priority_edit, name="priority_edit"),
    path(plan + "priorities/<int:pk>/delete/", views.priority_delete, name="priority_delete"),
    path(plan + "priorities/<int:pk>/move/", views.priority_move, name="priority_move"),
    path(plan + "meetings/", views.meetings, name="meetings"),
    path(plan + "meetings/<int:pk>/", views.meeting_edit, name="meeting_edit"),
    path(plan + "meetings/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path(plan + "stakeholders/", views.stakeholders, name="stakeholders"),
    path(plan + "stakeholders/import/", views.stakeholders_import, name="stakeholders_import"),
    path(plan + "stakeholders/<int:pk>/delete/", views.stakeholder_delete, name="stakeholder_delete"),
    path(plan + "step/<slug:action>/", views.step, name="step"),
    path(plan + "versions/", views.versions, name="versions"),
    path(plan + "export.<str:fmt>", views.export, name="export"),
]
