from django.urls import path

from . import views

app_name = "minutes"

urlpatterns = [
    path("", views.public_list, name="public_list"),
    path("work/", views.work, name="work"),
    path("actions/", views.action_points_all, name="action_points_all"),
    path("actions/<slug:code>/", views.action_points, name="action_points"),
    path("action-point/<int:pk>/", views.action_point, name="action_point"),
    path("<int:meeting_id>/", views.detail, name="detail"),
    path("<int:meeting_id>/start/", views.start, name="start"),
    path("<int:meeting_id>/edit/", views.edit, name="edit"),
    path("<int:meeting_id>/items/add/", views.item_add, name="item_add"),
    path("<int:meeting_id>/items/<int:item_id>/", views.item_edit, name="item_edit"),
    path("<int:meeting_id>/languages/add/", views.language_add, name="language_add"),
    path("<int:meeting_id>/<str:lang>/step/<str:step_name>/", views.step, name="step"),
    path("<int:meeting_id>/<str:lang>/comment/", views.comment, name="comment"),
    path("<int:meeting_id>/<str:lang>/signed/", views.signed_upload, name="signed_upload"),
    path("<int:meeting_id>/<str:lang>/signed.pdf", views.signed_pdf, name="signed_pdf"),
    path("<int:meeting_id>/<str:lang>/minutes.docx", views.export_docx, name="export_docx"),
    path("<int:meeting_id>/<str:lang>/minutes.pdf", views.export_pdf, name="export_pdf"),
]
