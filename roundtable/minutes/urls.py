from django.urls import path

from .views import action_points, editor, files, public, steps, work

app_name = "minutes"

urlpatterns = [
    path("", public.public_list, name="public_list"),
    path("work/", work.work, name="work"),
    path("actions/", action_points.action_points_all, name="action_points_all"),
    path("actions/<slug:code>/", action_points.action_points, name="action_points"),
    path("action-point/<int:pk>/", action_points.action_point, name="action_point"),
    path("<int:meeting_id>/", public.detail, name="detail"),
    path("<int:meeting_id>/start/", editor.start, name="start"),
    path("<int:meeting_id>/edit/", editor.edit, name="edit"),
    path("<int:meeting_id>/items/add/", editor.item_add, name="item_add"),
    path("<int:meeting_id>/items/<int:item_id>/", editor.item_edit, name="item_edit"),
    path("<int:meeting_id>/languages/add/", editor.language_add, name="language_add"),
    path("<int:meeting_id>/step/<str:step_name>/", steps.steps, name="steps"),
    path("<int:meeting_id>/<str:lang>/step/<str:step_name>/", steps.step, name="step"),
    path("<int:meeting_id>/<str:lang>/comment/", steps.comment, name="comment"),
    path("<int:meeting_id>/<str:lang>/signed/", files.signed_upload, name="signed_upload"),
    path("<int:meeting_id>/<str:lang>/signed.pdf", files.signed_pdf, name="signed_pdf"),
    path("<int:meeting_id>/<str:lang>/minutes.docx", files.export_docx, name="export_docx"),
    path("<int:meeting_id>/<str:lang>/minutes.pdf", files.export_pdf, name="export_pdf"),
]
