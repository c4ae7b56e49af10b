"""Access helpers: load a meeting or a document for the request's user, or refuse (404/403).

The public must not learn that an internal meeting exists, so what a user may not see is a 404;
what they may see but not change is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Meeting, MeetingDocument


def meeting_for_viewer(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "group", "group__parent", "chair_person", "chair_person__organisation"
        ),
        pk=pk,
    )
    if not permissions.can_view(request.user, meeting):
        raise Http404
    return meeting


def meeting_for_manager(request: HttpRequest, pk: int) -> Meeting:
    meeting = meeting_for_viewer(request, pk)
    if not permissions.can_manage(request.user, meeting):
        raise PermissionDenied
    return meeting


def document_for_reader(request: HttpRequest, pk: int) -> MeetingDocument:
    document = get_object_or_404(MeetingDocument.objects.select_related("meeting", "meeting__group"), pk=pk)
    if not permissions.can_view_document(request.user, document):
        raise Http404
    return document
