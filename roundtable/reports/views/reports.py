"""The progress report's pages: the report itself (public once published; before, the group's and the RTP
Secretariat's, with the next step's buttons), its facts (an htmx fragment), the secretariat's editing of
each part, the steps of its life, its versions and its exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roundtable.core.forms import add_service_error
from roundtable.core.history import history_for
from roundtable.core.htmx import render_page_or_partial
from roundtable.core.i18n import current_lang
from roundtable.core.services import Conflict, Refused
from roundtable.frameworks.indicators import indicators_for_group
from roundtable.workplans.models import Priority

from .. import compare, permissions, services, workflow
from ..document import document_for
from ..exports import report as report_exports
from ..forms import FollowUpForm, PriorityProgressForm, StepForm, SubgroupNoteForm, TextForm
from ..models import PriorityProgress, RecommendationFollowUp, ReportStatus, SubgroupNote
from .access import (
    conflict_message,
    get_cycle,
    get_group,
    get_report,
    get_report_to_write,
    rebound,
    refusal_text,
)

GET_POST = require_http_methods(["GET", "POST"])


def report_context(request: HttpRequest, report, step_form: StepForm | None = None) -> dict:
    user = request.user
    doc = document_for(report, current_lang())
    can_edit = permissions.can_edit_report(user, report)
    secretariat = permissions.may_write_reports_of(user, report.group)
    return {
        "report": report,
        "cycle": report.cycle,
        "group": report.group,
        "doc": doc,
        "can_edit": can_edit,
        "buttons": workflow.available_steps(user, report),
        "step_form": step_form or StepForm(initial={"revision": report.revision}),
        "steps": report.steps.select_related("actor", "actor__person")
        if permissions.can_view_steps(user, report)
        else None,
        "can_view_versions": permissions.can_view_versions(user, report),
        "show_deadline": permissions.can_view_deadline(user, report.group) and not report.is_published,
        "days_late": report.days_late(),
        "problems": services.report_problems(report)
        if can_edit or (secretariat and report.status == ReportStatus.CHAIR_APPROVED)
        else [],
        "history": history_for(user, report),
        "fact_sections": report_exports.fact_sections(doc),
        "group_indicators": indicators_for_group(report.group, report.cycle.year, user=user),
    }


def detail(request: HttpRequest, code: str, group: str) -> HttpResponse:
    report = get_report(request, code, group)
    response = render(request, "reports/report.html", report_context(request, report))
    if not (report.is_published and report.cycle.is_published):
        response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def facts(request: HttpRequest, code: str, group: str) -> HttpResponse:
    """The facts section alone (htmx: "refresh the facts"); the whole page without JavaScript."""
    report = get_report(request, code, group)
    response = render_page_or_partial(
        request, "reports/report.html", report_context(request, report), partial="reports/_facts.html"
    )
    public = report.is_published and report.cycle.is_published
    response["Cache-Control"] = "public, max-age=60" if public else "private, no-store"
    return response


def export(request: HttpRequest, code: str, group: str, fmt: str) -> HttpResponse:
    """The report in the Government's layout, in the page's language: public once published."""
    report = get_report(request, code, group)
    if fmt not in report_exports.FORMATS:
        raise Http404
    return report_exports.response(report, fmt, current_lang())


@login_required
@require_POST
def start(request: HttpRequest, code: str, group: str) -> HttpResponse:
    cycle = get_cycle(request, code)
    reporting_group = get_group(group)
    if not permissions.may_write_reports_of(request.user, reporting_group):
        raise PermissionDenied(_("Only the group's secretariat writes its progress report."))
    try:
        report = services.report_start(cycle=cycle, group=reporting_group, actor=request.user)
    except Refused as refused:
        messages.error(request, refused.message)
        return redirect(cycle.get_absolute_url())
    messages.success(request, _("The report is started: the facts from the platform are filled in."))
    return redirect(report.get_absolute_url())


def _not_editable(request: HttpRequest, report) -> HttpResponse | None:
    if report.is_editable:
        return None
    messages.error(
        request,
        _("The report is “%(status)s”: it can be changed only as a draft or when returned.")
        % {"status": report.get_status_display()},
    )
    return redirect(report.get_absolute_url())


@login_required
@GET_POST
def edit_text(request: HttpRequest, code: str, group: str) -> HttpResponse:
    report = get_report_to_write(request, code, group)
    if (refusal := _not_editable(request, report)) is not None:
        return refusal
    form = TextForm(request.POST or None, instance=report, initial={"revision": report.revision})
    changes = None
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in services.TEXT_FIELDS}
        try:
            services.report_update_text(
                report=report, actor=request.user, data=data, revision=form.cleaned_data["revision"] or 0
            )
        except Conflict as conflict:
            changes = conflict.changes
            conflict_message(request)
            report.refresh_from_db()
            form = rebound(TextForm, request, report.revision, instance=report)
        except Refused as refused:
            messages.error(request, refused.message)
            return redirect(report.get_absolute_url())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(report.get_absolute_url() + "#text")
    status = 409 if changes is not None else (400 if form.errors else 200)
    return render(
        request,
        "reports/edit_text.html",
        {"report": report, "form": form, "changes": changes},
        status=status,
    )


def _part_page(request, report, *, form, changes, title: str, context: str, anchor: str, status=None):
    return render(
        request,
        "reports/edit_part.html",
        {
            "report": report,
            "form": form,
            "changes": changes,
            "title": title,
            "context_text": context,
            "back": report.get_absolute_url() + anchor,
        },
        status=status or (409 if changes is not None else (400 if form.errors else 200)),
    )


def _save_part(request, report, form_class, row, save, *, title: str, context: str, anchor: str, reload):
    """GET: the form on the row; POST: the service, with the conflict and errors shown, nothing lost."""
    form = form_class(
        request.POST or None, instance=row, initial={"revision": row.revision if row.pk else None}
    )
    changes = None
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form._meta.fields}
        try:
            save(data, form.cleaned_data.get("revision"))
        except Conflict as conflict:
            changes = conflict.changes
            conflict_message(request)
            fresh = reload()
            form = rebound(form_class, request, fresh.revision if fresh.pk else None, instance=fresh)
        except Refused as refused:
            messages.error(request, refused.message)
            return redirect(report.get_absolute_url())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(report.get_absolute_url() + anchor)
    return _part_page(
        request, report, form=form, changes=changes, title=title, context=context, anchor=anchor
    )


@login_required
@GET_POST
def edit_priority(request: HttpRequest, code: str, group: str, pk: int) -> HttpResponse:
    report = get_report_to_write(request, code, group)
    if (refusal := _not_editable(request, report)) is not None:
        return refusal
    priority = get_object_or_404(
        Priority, pk=pk, workplan__group=report.group, workplan__year=report.cycle.year
    )

    def reload():
        return PriorityProgress.objects.filter(report=report, priority=priority).first() or PriorityProgress(
            report=report, priority=priority
        )

    return _save_part(
        request,
        report,
        PriorityProgressForm,
        reload(),
        lambda data, revision: services.priority_progress_save(
            report=report, priority=priority, actor=request.user, data=data, revision=revision
        ),
        title=_("Progress of the priority"),
        context=priority.title,
        anchor="#priorities",
        reload=reload,
    )


@login_required
@GET_POST
def edit_follow_up(request: HttpRequest, code: str, group: str, pk: int) -> HttpResponse:
    report = get_report_to_write(request, code, group)
    if (refusal := _not_editable(request, report)) is not None:
        return refusal
    recommendation = next((r for r in services.recommendations_to_follow(report) if r.pk == pk), None)
    if recommendation is None:
        raise Http404

    def reload():
        return RecommendationFollowUp.objects.filter(
            report=report, recommendation=recommendation
        ).first() or RecommendationFollowUp(report=report, recommendation=recommendation)

    return _save_part(
        request,
        report,
        FollowUpForm,
        reload(),
        lambda data, revision: services.follow_up_save(
            report=report, recommendation=recommendation, actor=request.user, data=data, revision=revision
        ),
        title=_("Follow-up of a recommendation"),
        context=f"{recommendation.number}. {recommendation.text} ({recommendation.cycle.title})",
        anchor="#follow-ups",
        reload=reload,
    )


@login_required
@GET_POST
def edit_subgroup(request: HttpRequest, code: str, group: str, sub: str) -> HttpResponse:
    report = get_report_to_write(request, code, group)
    if (refusal := _not_editable(request, report)) is not None:
        return refusal
    subgroup = get_group(sub)
    if subgroup.parent_id != report.group_id:
        raise Http404

    def reload():
        return SubgroupNote.objects.filter(report=report, group=subgroup).first() or SubgroupNote(
            report=report, group=subgroup
        )

    return _save_part(
        request,
        report,
        SubgroupNoteForm,
        reload(),
        lambda data, revision: services.subgroup_note_save(
            report=report, group=subgroup, actor=request.user, data=data, revision=revision
        ),
        title=_("Work of the sub-SWG"),
        context=subgroup.name,
        anchor="#subgroups",
        reload=reload,
    )


@login_required
@require_POST
def step(request: HttpRequest, code: str, group: str, name: str) -> HttpResponse:
    """Take one step. Refused for the role: 403 (404 for a report the user may not see at all). A step that
    cannot be undone asks first. Refused for the moment (another status, a stale page, content not ready):
    the report page again, with the reason and the comment as typed."""
    report = get_report(request, code, group)
    taken = workflow.STEPS.get(name)
    if taken is None:
        raise Http404
    if not taken.role(request.user, report.group):
        raise PermissionDenied(str(taken.refusal))
    form = StepForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    if taken.confirm and not data.get("confirmed"):
        return render(
            request,
            "reports/confirm_step.html",
            {
                "report": report,
                "step": taken,
                "label": workflow.label_for(taken, request.user, report.group),
                "form": StepForm(initial={**data, "confirmed": True}),
                "problems": services.report_problems(report),
            },
        )
    try:
        services.report_take_step(
            report=report,
            actor=request.user,
            step=name,
            comment=data.get("comment", ""),
            revision=data.get("revision"),
        )
    except (Refused, Conflict, ValidationError) as error:
        messages.error(request, refusal_text(error))
        report.refresh_from_db()
        again = request.POST.copy()
        again["revision"] = str(report.revision)
        again.pop("confirmed", None)
        return render(
            request, "reports/report.html", report_context(request, report, StepForm(again)), status=400
        )
    messages.success(request, str(taken.done))
    return redirect(report.get_absolute_url())


@login_required
def versions(request: HttpRequest, code: str, group: str) -> HttpResponse:
    report = get_report(request, code, group)
    if not permissions.can_view_versions(request.user, report):
        raise PermissionDenied(
            _("The versions are for the group's secretariat, its chairs and the RTP Secretariat.")
        )
    rows = list(report.versions.select_related("created_by", "created_by__person").order_by("-number"))
    return render(request, "reports/versions.html", {"report": report, "versions": rows})


@login_required
@require_GET
def version_compare(request: HttpRequest, code: str, group: str) -> HttpResponse:
    """Two versions frozen at submission (`?a=1&b=2`, by default the last two), section by section."""
    report = get_report(request, code, group)
    if not permissions.can_view_versions(request.user, report):
        raise PermissionDenied(
            _("The versions are for the group's secretariat, its chairs and the RTP Secretariat.")
        )

    def number(name: str) -> int | None:
        value = request.GET.get(name, "")
        if not value:
            return None
        if not value.isdigit():
            raise Http404
        return int(value)

    try:
        first, second = compare.versions_pair(report, number("a"), number("b"))
    except LookupError as missing:
        raise Http404(_("There are no two such versions of this report to compare.")) from missing
    sections = compare.compare(first.snapshot, second.snapshot, report)
    return render(
        request,
        "reports/version_compare.html",
        {
            "report": report,
            "first": first,
            "second": second,
            "sections": sections,
            "changed": [s for s in sections if s.changed],
            "numbers": list(report.versions.order_by("number").values_list("number", flat=True)),
        },
    )


def start_url(cycle, group) -> str:
    return reverse("reports:start", args=[cycle.code, group.code])
