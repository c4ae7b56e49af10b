"""The Round Table meetings' pages: the public list and page of each meeting (theme, date, road map,
compiled report, published reports, recommendations with their follow-up, documents and minutes), and the
RTP Secretariat's screens (a cycle's form, opening and publishing it, the submission tracker with its
reminders, compiling the report, the documents)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roundtable.core.forms import add_service_error
from roundtable.core.history import history_for
from roundtable.core.htmx import render_page_or_partial
from roundtable.core.i18n import current_lang
from roundtable.core.pagination import paginate
from roundtable.core.services import Conflict, Refused
from roundtable.core.tasks import job_url
from roundtable.groups import roles
from roundtable.meetings.models import MeetingDocument, Visibility
from roundtable.minutes.models import Minutes

from .. import permissions, services
from ..forms import CycleForm, DocumentForm, TrackerFilterForm
from ..models import (
    Cycle,
    CycleDocument,
    ProgressReport,
    Recommendation,
    RecommendationFollowUp,
    ReportStatus,
)
from ..tasks import compile_start
from ..tracker import timeline, tracker_counts, tracker_rows
from .access import conflict_message, get_cycle, get_cycle_to_manage, get_group, rebound, require_manager

GET_POST = require_http_methods(["GET", "POST"])


def cycle_list(request: HttpRequest) -> HttpResponse:
    """The Round Table meetings, newest first: open and published ones for all, drafts for the RTP
    Secretariat."""
    manager = permissions.can_manage_cycles(request.user)
    cycles = Cycle.objects.all() if manager else Cycle.objects.public()
    page = paginate(request, cycles.order_by("-held_on", "code"), per_page=20)
    return render(request, "reports/cycle_list.html", {"page_obj": page, "can_manage": manager})


def download_links(viewname: str, args: list) -> list[dict]:
    """A download in each language and format: the language is the address's (`/lo/...`, `/en/...`)."""
    links = []
    for lang, language in settings.LANGUAGES:
        with translation.override(lang):
            for fmt in ("pdf", "docx"):
                links.append(
                    {
                        "lang": lang,
                        "language": language,
                        "fmt": fmt,
                        "url": reverse(viewname, args=[*args, fmt]),
                    }
                )
    return links


def public_follow_ups():
    """The follow-ups the public may read: those of published reports of published cycles."""
    return RecommendationFollowUp.objects.filter(
        report__status=ReportStatus.PUBLISHED, report__cycle__status="published"
    ).select_related("report__group", "report__cycle")


def cycle_detail(request: HttpRequest, code: str) -> HttpResponse:
    cycle = get_cycle(request, code)
    user = request.user
    manager = permissions.can_manage_cycles(user)
    published_reports = list(
        ProgressReport.objects.published()
        .filter(cycle=cycle)
        .select_related("group")
        .order_by("group__order", "group__code")
    )
    recommendations = list(
        Recommendation.objects.filter(cycle=cycle)
        .prefetch_related(
            "groups", Prefetch("follow_ups", queryset=public_follow_ups(), to_attr="public_follow_ups")
        )
        .order_by("number", "id")
    )
    # The logged-in group's own report in this cycle (any state), for its members.
    my_reports = []
    reporting = list(cycle.groups.order_by("order", "code"))
    mine = [g for g in reporting if roles.is_group_member(user, g)] if user.is_authenticated else []
    if mine:
        existing = {r.group_id: r for r in ProgressReport.objects.filter(cycle=cycle, group__in=mine)}
        for group in mine:
            report = existing.get(group.pk)
            if report is not None:
                report.group, report.cycle = group, cycle
            my_reports.append(
                {
                    "group": group,
                    "report": report,
                    "can_start": report is None and permissions.can_start_report(user, cycle, group),
                }
            )
    meeting_documents, minutes = [], None
    if cycle.meeting_id:
        meeting_documents = list(
            MeetingDocument.objects.filter(
                meeting_id=cycle.meeting_id, visibility=Visibility.PUBLIC
            ).order_by("title")
        )
        minutes = Minutes.objects.published().filter(meeting_id=cycle.meeting_id).first()
    compiled = getattr(cycle, "compiled", None) if permissions.can_view_compiled(user, cycle) else None
    context = {
        "cycle": cycle,
        "can_manage": manager,
        "timeline": timeline(cycle, public_only=not manager),
        "published_reports": published_reports,
        "recommendations": recommendations,
        "my_reports": my_reports,
        "documents": list(cycle.documents.filter(milestone__isnull=True).order_by("kind", "title")),
        "meeting_documents": meeting_documents,
        "minutes": minutes,
        "compiled": compiled,
        "compiled_links": download_links("reports:compiled", [cycle.code]) if compiled else [],
        "history": history_for(user, cycle),
    }
    response = render(request, "reports/cycle.html", context)
    if not cycle.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@GET_POST
def cycle_create(request: HttpRequest) -> HttpResponse:
    require_manager(request)
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in services.CYCLE_FIELDS}
        data["groups"] = list(data["groups"]) or None  # none chosen: every SWG
        try:
            cycle = services.cycle_create(actor=request.user, data=data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The cycle is created. Open it when the groups are to start their reports.")
            )
            return redirect(cycle.get_absolute_url())
    return render(
        request, "reports/cycle_form.html", {"form": form, "cycle": None}, status=400 if form.errors else 200
    )


@login_required
@GET_POST
def cycle_edit(request: HttpRequest, code: str) -> HttpResponse:
    cycle = get_cycle_to_manage(request, code)
    form = CycleForm(request.POST or None, instance=cycle, initial={"revision": cycle.revision})
    changes = None
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in services.CYCLE_FIELDS}
        try:
            cycle = services.cycle_update(
                cycle=cycle, actor=request.user, data=data, revision=form.cleaned_data["revision"] or 0
            )
        except Conflict as conflict:
            changes = conflict.changes
            conflict_message(request)
            fresh = Cycle.objects.get(pk=cycle.pk)
            form = rebound(CycleForm, request, fresh.revision, instance=fresh)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(cycle.get_absolute_url())
    status = 409 if changes is not None else (400 if form.errors else 200)
    return render(
        request, "reports/cycle_form.html", {"form": form, "cycle": cycle, "changes": changes}, status=status
    )


def _confirm_then(request: HttpRequest, cycle: Cycle, *, question: str, action, done: str, title: str):
    """GET asks `question`; POST calls `action()` and goes back to the cycle with `done` (or the reason)."""
    if request.method != "POST":
        return render(
            request,
            "reports/confirm.html",
            {"cycle": cycle, "question": question, "title": title, "cancel_url": cycle.get_absolute_url()},
        )
    try:
        action()
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, done)
    return redirect(cycle.get_absolute_url())


@login_required
@GET_POST
def cycle_open(request: HttpRequest, code: str) -> HttpResponse:
    cycle = get_cycle_to_manage(request, code)
    count = cycle.groups.count()
    return _confirm_then(
        request,
        cycle,
        title=_("Open the cycle"),
        question=_(
            "Open the cycle? Its page and road map become public, and the secretariat of each of the "
            "%(count)s groups that report is told that its progress report is due by %(deadline)s."
        )
        % {"count": count, "deadline": date_format(cycle.deadline, "DATE_FORMAT")},
        action=lambda: services.cycle_open(cycle=cycle, actor=request.user),
        done=_("The cycle is open: the groups' reports are due."),
    )


@login_required
@GET_POST
def cycle_publish(request: HttpRequest, code: str) -> HttpResponse:
    cycle = get_cycle_to_manage(request, code)
    accepted = cycle.reports.filter(status=ReportStatus.ACCEPTED).count()
    return _confirm_then(
        request,
        cycle,
        title=_("Publish the cycle"),
        question=_(
            "Publish the cycle? The %(count)s accepted progress reports and the compiled report become "
            "public. This cannot be undone."
        )
        % {"count": accepted},
        action=lambda: services.cycle_publish(cycle=cycle, actor=request.user),
        done=_("The cycle is published with its accepted reports."),
    )


@login_required
def tracker(request: HttpRequest, code: str) -> HttpResponse:
    """Each group's report: state, submitted when, days late, reminders (the partial answers htmx)."""
    cycle = get_cycle_to_manage(request, code)
    rows = tracker_rows(cycle)
    counts = tracker_counts(rows)
    form = TrackerFilterForm(request.GET or None)
    show = form.cleaned_data.get("show") if form.is_valid() else ""
    if show == TrackerFilterForm.MISSING:
        rows = [r for r in rows if not r.is_in]
    elif show == TrackerFilterForm.LATE:
        rows = [r for r in rows if r.is_late]
    elif show == TrackerFilterForm.WAITING:
        rows = [r for r in rows if r.report and r.report.status == ReportStatus.SUBMITTED]
    context = {
        "cycle": cycle,
        "rows": rows,
        "counts": counts,
        "form": form,
        "compiled": getattr(cycle, "compiled", None),
    }
    response = render_page_or_partial(
        request, "reports/tracker.html", context, partial="reports/_tracker_rows.html"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def remind(request: HttpRequest, code: str, group: str) -> HttpResponse:
    cycle = get_cycle_to_manage(request, code)
    reporting_group = get_group(group)
    try:
        reminder = services.report_remind(cycle=cycle, group=reporting_group, actor=request.user)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        if reminder.recipients:
            messages.success(
                request,
                _("The reminder is sent to %(count)s people of %(group)s.")
                % {"count": reminder.recipients, "group": reporting_group.name},
            )
        else:
            messages.warning(
                request,
                _("The reminder is recorded, but nobody of %(group)s has an account with an email address.")
                % {"group": reporting_group.name},
            )
    return redirect("reports:tracker", code=cycle.code)


@login_required
@require_POST
def compile_view(request: HttpRequest, code: str) -> HttpResponse:
    """Start the compiled report's job and follow it on its page."""
    cycle = get_cycle_to_manage(request, code)
    if not permissions.can_compile(request.user):
        raise Http404
    job = compile_start(
        cycle=cycle, actor=request.user, return_path=reverse("reports:cycle", args=[cycle.code])
    )
    return redirect(job_url(job))


def compiled_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The compiled report in the page's language: public with the published cycle."""
    cycle = get_cycle(request, code)
    if fmt not in ("pdf", "docx") or not permissions.can_view_compiled(request.user, cycle):
        raise Http404
    compiled = getattr(cycle, "compiled", None)
    lang = current_lang()
    stored = compiled.file_for(fmt, lang) if compiled else None
    if not stored:
        raise Http404
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[fmt]
    response = FileResponse(
        stored.open("rb"),
        content_type=content_type,
        filename=f"round-table-report-{cycle.code}-{lang}.{fmt}",
        as_attachment=True,
    )
    response["Cache-Control"] = "public, max-age=300" if cycle.is_published else "private, no-store"
    return response


@login_required
@GET_POST
def documents(request: HttpRequest, code: str) -> HttpResponse:
    """The RTP Secretariat's list of the cycle's documents, with the upload form."""
    cycle = get_cycle_to_manage(request, code)
    form = DocumentForm(request.POST or None, request.FILES or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(
                cycle=cycle, actor=request.user, data=form.cleaned_data, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The document is added."))
            return redirect("reports:documents", code=cycle.code)
    rows = list(cycle.documents.select_related("milestone").order_by("kind", "title"))
    return render(
        request,
        "reports/documents.html",
        {"cycle": cycle, "form": form, "rows": rows},
        status=400 if form.errors else 200,
    )


def document_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    cycle = get_cycle(request, code)
    document = get_object_or_404(CycleDocument, pk=pk, cycle=cycle)
    response = FileResponse(document.file.open("rb"), filename=document.filename, as_attachment=True)
    response["Cache-Control"] = "public, max-age=300" if cycle.is_public else "private, no-store"
    return response


@login_required
@GET_POST
def document_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    cycle = get_cycle_to_manage(request, code)
    document = get_object_or_404(CycleDocument, pk=pk, cycle=cycle)
    back = reverse("reports:documents", args=[cycle.code])
    if request.method != "POST":
        return render(
            request,
            "reports/confirm.html",
            {
                "cycle": cycle,
                "title": _("Delete the document"),
                "question": _("Delete “%(title)s”? The file is removed.") % {"title": document.title},
                "cancel_url": back,
            },
        )
    services.document_remove(document=document, actor=request.user)
    messages.success(request, _("The document is deleted."))
    return redirect(back)
