"""Meeting documents: upload (the secretariat) and download through a permission check (everyone allowed)."""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import permissions, services
from ..access import document_for_reader, meeting_for_manager
from ..forms import DocumentForm


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        meeting=meeting,
        initial={"agenda_item": request.GET.get("item")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(
                actor=request.user,
                meeting=meeting,
                upload=data["file"],
                title=data["title"],
                visibility=data["visibility"],
                language=data["language"],
                agenda_item=data["agenda_item"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("The document is added."))
            return redirect(meeting.get_absolute_url() + "#documents")
    status = 400 if form.errors else 200
    return render(request, "meetings/document_form.html", {"form": form, "meeting": meeting}, status=status)


def download(request: HttpRequest, pk: int) -> FileResponse:
    document = document_for_reader(request, pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=os.path.basename(document.file.name))
    # Non-public papers must not linger in shared caches.
    response["Cache-Control"] = (
        "public, max-age=3600" if document.visibility == "public" else "private, no-store"
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation page (the meeting's "Remove" links here; no JavaScript needed); POST: remove."""
    document = document_for_reader(request, pk)
    if not permissions.can_manage(request.user, document.meeting):
        raise PermissionDenied
    meeting = document.meeting
    if request.method == "GET":
        return render(
            request, "meetings/document_confirm_delete.html", {"meeting": meeting, "document": document}
        )
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document is removed."))
    return redirect(meeting.get_absolute_url() + "#documents")
