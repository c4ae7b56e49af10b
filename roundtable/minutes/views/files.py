"""Files of the minutes: the signed PDF (upload and download) and the DOCX/PDF exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import exports, permissions, services
from ..access import detail_url, version_for_reader
from ..document import build_document
from ..forms import SignedPdfForm


@login_required
@require_POST
def signed_upload(request: HttpRequest, meeting_id: int, lang: str) -> HttpResponse:
    minutes, version = version_for_reader(request, meeting_id, lang)
    form = SignedPdfForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(detail_url(meeting_id, lang))
    try:
        services.minutes_signed_pdf_attach(
            version=version, actor=request.user, upload=form.cleaned_data["file"]
        )
    except services.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The signed PDF is attached."))
    return redirect(detail_url(meeting_id, lang))


def signed_pdf(request: HttpRequest, meeting_id: int, lang: str) -> FileResponse:
    """The signed PDF, through this permission check (public only once that version is published)."""
    minutes, version = version_for_reader(request, meeting_id, lang)
    if not version.signed_pdf:
        raise Http404
    response = FileResponse(
        version.signed_pdf.open("rb"),
        content_type="application/pdf",
        filename=f"minutes-{meeting_id}-{lang}-signed.pdf",
    )
    if not version.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


def _export(request: HttpRequest, meeting_id: int, lang: str, kind: str) -> HttpResponse:
    minutes, version = version_for_reader(request, meeting_id, lang)
    document = build_document(
        minutes, lang, with_names=permissions.can_view_unpublished(request.user, minutes.meeting.group)
    )
    if kind == "docx":
        content = exports.minutes_docx(document, version)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
    else:
        content = exports.minutes_pdf(document, version)
        response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="minutes-{minutes.meeting.group.code}-{document.date:%Y-%m-%d}-{lang}.{kind}"'
    )
    if not version.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


def export_docx(request: HttpRequest, meeting_id: int, lang: str) -> HttpResponse:
    return _export(request, meeting_id, lang, "docx")


def export_pdf(request: HttpRequest, meeting_id: int, lang: str) -> HttpResponse:
    return _export(request, meeting_id, lang, "pdf")
