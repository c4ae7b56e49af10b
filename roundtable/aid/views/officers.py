"""The RTP Secretariat's aid pages: uploading IATI files (a background job), exchange rates, the mapping,
the review list of partner names, the national ODA database's export. And the group secretariats' links
from priorities to activities."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roundtable.core.forms import add_service_error
from roundtable.core.htmx import render_page_or_partial
from roundtable.core.pagination import paginate
from roundtable.core.services import Refused
from roundtable.core.tasks import job_url
from roundtable.workplans.models import Priority

from .. import figures, permissions
from ..codelists import dac_name
from ..forms import (
    CsvUploadForm,
    IatiUploadForm,
    MappingRowFormSet,
    OdaColumnsForm,
    PartnerDecisionForm,
    PriorityLinkForm,
)
from ..iati.problems import Problem
from ..models import ExchangeRate, FileStatus, ImportRun, OdaUpload, PriorityLink, SectorMapping
from ..services import mapping as mapping_services
from ..services import money, oda, partners, priorities, runs
from .access import get_group, officer_links, require

GET_POST = require_http_methods(["GET", "POST"])
PROBLEMS_SHOWN = 200


def _refusal(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


# --- IATI imports ----------------------------------------------------------------------------------


@login_required
@GET_POST
def imports(request: HttpRequest) -> HttpResponse:
    require(permissions.can_import(request.user))
    form = IatiUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = runs.iati_upload(actor=request.user, files=form.cleaned_data["files"])
        run.refresh_from_db()
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("The files are being imported."),
                job_url(run.job) if run.job else run.get_absolute_url(),
                _("Follow the import"),
            ),
        )
        return redirect(run.get_absolute_url())
    recent = (
        ImportRun.objects.select_related("started_by", "job")
        .annotate(
            file_count=Count("files"),
            activity_count=Sum("files__activities"),
            lao_count=Sum("files__lao_activities"),
            refused_count=Sum("files__refused_activities"),
            refused_files=Count("files", filter=Q(files__status=FileStatus.REFUSED)),
        )
        .order_by("-created_at", "-pk")
    )
    context = {"form": form, "page_obj": paginate(request, recent, 20), **officer_links(request.user)}
    return render(request, "aid/imports.html", context)


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.can_import(request.user))
    run = get_object_or_404(ImportRun.objects.select_related("started_by", "job"), pk=pk)
    files = list(run.files.order_by("pk"))
    for source in files:
        source.problems = [Problem.from_record(r) for r in source.errors[:PROBLEMS_SHOWN]]
        source.more_problems = max(source.errors_total - len(source.problems), 0)
    running = any(f.status in (FileStatus.PENDING, FileStatus.READING) for f in files)
    context = {"run": run, "files": files, "running": running, **officer_links(request.user)}
    response = render_page_or_partial(
        request, "aid/import_detail.html", context, partial="aid/_import_files.html"
    )
    response["Cache-Control"] = "no-store"
    return response


# --- exchange rates --------------------------------------------------------------------------------


@login_required
@GET_POST
def rates(request: HttpRequest) -> HttpResponse:
    require(permissions.can_manage_rates(request.user))
    form = CsvUploadForm(request.POST or None, request.FILES or None, max_bytes=5 * 1024 * 1024)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = money.rates_import(
                actor=request.user,
                data=form.cleaned_data["file"].read(),
                source=form.cleaned_data["file"].name,
            )
        except ValidationError as error:
            for message in error.messages[:50]:
                form.add_error("file", message)
        else:
            messages.success(
                request,
                _(
                    "Rates loaded: %(created)d new, %(updated)d changed, %(unchanged)d unchanged; "
                    "%(reconverted)d values converted again."
                )
                % outcome,
            )
            return redirect("aid:rates")
    table = ExchangeRate.objects.order_by("-month", "currency")
    context = {
        "form": form,
        "page_obj": paginate(request, table, 60),
        "missing": money.missing_rates()[:100],
        **officer_links(request.user),
    }
    return render(request, "aid/rates.html", context)


# --- partner names ---------------------------------------------------------------------------------


@login_required
@GET_POST
def review(request: HttpRequest) -> HttpResponse:
    require(permissions.can_review_partners(request.user))
    if request.method == "POST":
        form = PartnerDecisionForm(request.POST)
        if form.is_valid():
            organisation = form.chosen()
            changed = partners.partner_decide(
                actor=request.user,
                ref=form.cleaned_data["ref"],
                name=form.cleaned_data["name"],
                organisation=organisation,
            )
            shown = form.cleaned_data["ref"] or form.cleaned_data["name"]
            if organisation is None:
                messages.success(
                    request, _("“%(name)s” is off the list: not in the directory.") % {"name": shown}
                )
            else:
                messages.success(
                    request,
                    _("“%(name)s” is now %(organisation)s (%(n)d records).")
                    % {"name": shown, "organisation": organisation.name, "n": changed},
                )
        else:
            messages.error(request, _("Choose an organisation, or “Not in the directory”."))
        return redirect(
            reverse("aid:review") + (f"?page={request.GET['page']}" if request.GET.get("page") else "")
        )
    page = paginate(request, partners.unmatched(), 25)
    entries = [
        {"entry": entry, "form": PartnerDecisionForm(initial={"ref": entry.ref, "name": entry.name})}
        for entry in page.object_list
    ]
    context = {"page_obj": page, "entries": entries, **officer_links(request.user)}
    return render(request, "aid/review.html", context)


# --- the mapping -----------------------------------------------------------------------------------


@login_required
@GET_POST
def mapping_edit(request: HttpRequest, code: str) -> HttpResponse:
    require(permissions.can_edit_mapping(request.user))
    try:
        code = mapping_services.check_code(code)
    except ValidationError as error:
        raise Http404 from error
    current = list(SectorMapping.objects.filter(code=code).select_related("group").order_by("-percentage"))
    initial = [{"group": m.group, "percentage": m.percentage} for m in current]
    formset = MappingRowFormSet(request.POST or None, initial=initial or None)
    if request.method == "POST" and formset.is_valid():
        rows = [
            (f.cleaned_data["group"], f.cleaned_data["percentage"])
            for f in formset
            if f.cleaned_data.get("group")
        ]
        try:
            mapping_services.mapping_set(actor=request.user, code=code, rows=rows)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(
                request,
                _("The mapping of %(code)s is saved; its activities are counted again.") % {"code": code},
            )
            return redirect(reverse("aid:mapping") + f"#code-{code}")
    context = {
        "code": code,
        "name": dac_name(code),
        "formset": formset,
        "current": current,
        **officer_links(request.user),
    }
    return render(request, "aid/mapping_edit.html", context)


@login_required
@require_POST
def mapping_seed(request: HttpRequest) -> HttpResponse:
    require(permissions.can_edit_mapping(request.user))
    added = mapping_services.mapping_seed_defaults(actor=request.user)
    messages.success(request, _("%(n)d rows of the default mapping added.") % {"n": added})
    return redirect("aid:mapping")


@login_required
def mapping_code(request: HttpRequest) -> HttpResponse:
    """The mapping page's "map a code" form (GET): to that code's editing page."""
    require(permissions.can_edit_mapping(request.user))
    code = (request.GET.get("code") or "").strip()
    try:
        code = mapping_services.check_code(code)
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return redirect("aid:mapping")
    return redirect("aid:mapping_edit", code=code)


# --- the national ODA database -------------------------------------------------------------------


@login_required
@GET_POST
def oda_uploads(request: HttpRequest) -> HttpResponse:
    require(permissions.can_import(request.user))
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = oda.oda_upload(actor=request.user, upload_file=form.cleaned_data["file"])
        except oda.OdaRefused as refused:
            form.add_error("file", refused.message)
        else:
            return redirect(upload.get_absolute_url())
    uploads = OdaUpload.objects.select_related("uploaded_by", "imported_by")
    context = {"form": form, "page_obj": paginate(request, uploads, 20), **officer_links(request.user)}
    return render(request, "aid/oda.html", context)


@login_required
@GET_POST
def oda_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Map the columns (remembered from the last upload), preview with each row's errors, import."""
    require(permissions.can_import(request.user))
    upload = get_object_or_404(OdaUpload, pk=pk)
    initial = upload.columns or oda.guess_columns(upload.header, oda.remembered_columns())
    form = OdaColumnsForm(request.POST or None, header=upload.header, initial=initial)
    preview = refused = None
    if request.method == "POST" and form.is_valid():
        columns = form.columns()
        oda.oda_save_columns(actor=request.user, upload=upload, columns=columns)
        try:
            if request.POST.get("action") == "import":
                outcome = oda.oda_import(actor=request.user, upload=upload, columns=columns)
                messages.success(
                    request,
                    _(
                        "Imported %(projects)d projects (%(created)d new, %(updated)d updated) "
                        "from %(rows)d rows."
                    )
                    % outcome,
                )
                return redirect("aid:oda")
            with upload.upload.open("rb") as handle:
                preview = oda.plan(handle.read(), columns)
        except oda.OdaRefused as error:
            refused = error.message
        except (ValidationError, Refused) as error:
            refused = _refusal(error)
            with upload.upload.open("rb") as handle:
                preview = oda.plan(handle.read(), columns)
    context = {
        "upload": upload,
        "form": form,
        "preview": preview,
        "refused": refused,
        "error_rows": preview.errors[:200] if preview else [],
        "sample": preview.rows[:20] if preview else [],
        **officer_links(request.user),
    }
    return render(request, "aid/oda_detail.html", context)


# --- priorities and the activities that fund them -------------------------------------------------


@login_required
@GET_POST
def priority_links(request: HttpRequest, code: str) -> HttpResponse:
    group = get_group(request, code)
    require(permissions.can_link_priorities(request.user, group))
    year = timezone.localdate().year
    plan_priorities = list(
        Priority.objects.filter(workplan__group=group, workplan__year__gte=year - 2)
        .select_related("workplan")
        .order_by("-workplan__year", "order", "pk")
    )
    scope = figures.group_scope(group)
    if group.parent_id:
        scope.append(group.parent_id)
    activities = list(
        figures.activities_for(request.user, scope, "usd").order_by("title_en", "title_lo", "pk")[:500]
    )
    form = PriorityLinkForm(request.POST or None, priorities=plan_priorities, activities=activities)
    if request.method == "POST" and form.is_valid():
        try:
            priorities.priority_link(
                actor=request.user,
                priority=form.priority_objects[form.cleaned_data["priority"]],
                activity=form.activity_objects[form.cleaned_data["activity"]],
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The activity is linked to the priority."))
            return redirect("aid:priorities", code=group.code)
    links = PriorityLink.objects.filter(priority__in=plan_priorities).select_related(
        "priority__workplan", "activity", "activity__organisation"
    )
    context = {
        "group": group,
        "form": form,
        "links": links,
        "has_priorities": bool(plan_priorities),
        "has_activities": bool(activities),
        **officer_links(request.user),
    }
    return render(request, "aid/priorities.html", context)


@login_required
@require_POST
def priority_unlink(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    group = get_group(request, code)
    require(permissions.can_link_priorities(request.user, group))
    link = get_object_or_404(PriorityLink, pk=pk, priority__workplan__group=group)
    priorities.priority_unlink(actor=request.user, link=link)
    messages.success(request, _("The link is removed."))
    return redirect("aid:priorities", code=group.code)
