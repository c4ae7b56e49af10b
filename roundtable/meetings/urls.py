from django.urls import path

from .views import agenda, answer, calendar, documents, meetings, participants

app_name = "meetings"

urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("new/", meetings.create, name="create"),
    path("<int:pk>/", meetings.detail, name="detail"),
    path("<int:pk>/edit/", meetings.edit, name="edit"),
    path("<int:pk>/state/", meetings.change_state, name="state"),
    path("<int:pk>/agenda/add/", agenda.item_form, name="agenda_add"),
    path("<int:pk>/agenda/<int:item_pk>/edit/", agenda.item_form, name="agenda_edit"),
    path("<int:pk>/agenda/<int:item_pk>/delete/", agenda.item_delete, name="agenda_delete"),
    path("<int:pk>/agenda/<int:item_pk>/move/", agenda.item_move, name="agenda_move"),
    path("<int:pk>/documents/add/", documents.upload, name="document_add"),
    path("documents/<int:pk>/", documents.download, name="document"),
    path("documents/<int:pk>/delete/", documents.delete, name="document_delete"),
    path("<int:pk>/invite/", participants.invite, name="invite"),
    path("<int:pk>/participants/", participants.participants, name="participants"),
    path("<int:pk>/participants/attendance/", participants.record_attendance, name="attendance"),
    path("<int:pk>/participants/walk-in/", participants.walk_in, name="walk_in"),
    path("<int:pk>/participants.pdf", participants.sheet_pdf, name="sheet_pdf"),
    path("<int:pk>/participants.docx", participants.sheet_docx, name="sheet_docx"),
    path("answer/<str:token>/", answer.answer, name="answer"),
    path("calendar/", calendar.month, name="calendar"),
    path("calendar/list/", calendar.agenda_list, name="calendar_list"),
    path("calendar/my-link/", calendar.feed_link, name="feed_link"),
    path("calendar/my-link/reset/", calendar.feed_reset, name="feed_reset"),
]
