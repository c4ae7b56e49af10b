"""Importing organisations and people from CSV or XLSX: upload → preview → confirm.

Between the preview and the confirmation the rows wait in the user's session (server side, so
nothing the browser sends back is trusted but the token that names them). On confirmation they
are checked again and written in one transaction, or not at all.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roundtable.core.jobs.models import JobStatus
from roundtable.core.services import Refused
from roundtable.core.tasks import job_url
from roundtable.directory import permissions as directory_permissions
from roundtable.groups.models import Group

from .. import importing, services
from ..forms import ImportForm
from ..models import Organisation, Person
from .stakeholders import get_group_for_stakeholders

SESSION_KEY = "directory_import"


def _check_may_import(user, group: Group | None) -> None:
    allowed = (
        directory_permissions.can_manage_stakeholders(user, group)
        if group
        else directory_permissions.can_edit_directory(user)
    )
    if not allowed:
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, code: str | None = None) -> HttpResponse:
    group = get_group_for_stakeholders(request, code, manage=True) if code else None
    _check_may_import(request.user, group)
    form = ImportForm(request.POST or None, request.FILES or None, group=group)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        upload = form.cleaned_data["file"]
        try:
            rows = importing.read_table(upload, kind)
        except importing.FileRefused as refused:
            for message in refused.messages:
                form.add_error("file", message)
        else:
            plan = importing.plan(kind, rows, group=group, user=request.user)
            token = None
            request.session.pop(SESSION_KEY, None)
            if not plan.has_errors:
                token = secrets.token_urlsafe(24)
                request.session[SESSION_KEY] = {
                    "token": token,
                    "kind": kind,
                    "group": group.pk if group else None,
                    "user": request.user.pk,
                    "filename": upload.name,
                    "rows": plan.source(),
                }
            return _preview(request, plan, group=group, token=token, filename=upload.name)
    return render(request, "directory/import_form.html", {"form": form, "group": group})


def _preview(request, plan: importing.Plan, *, group, token, filename, changed_since=False) -> HttpResponse:
    model = Organisation if plan.kind == importing.ORGANISATIONS else Person
    for row in plan.rows:
        row.change_labels = [str(model._meta.get_field(name).verbose_name) for name in row.changes]
    return render(
        request,
        "directory/import_preview.html",
        {
            "plan": plan,
            "group": group,
            "token": token,
            "filename": filename,
            "changed_since": changed_since,
            "in_background": len(plan.rows) > importing.background_rows(),
            "counts": {
                "create": plan.count("create"),
                "update": plan.count("update"),
                "unchanged": plan.count("unchanged"),
                "errors": len(plan.error_rows),
            },
        },
    )


def _after_import_url(kind: str, group: Group | None):
    if group is not None:
        return redirect("directory:stakeholders", code=group.code)
    return redirect("directory:organisations" if kind == importing.ORGANISATIONS else "directory:people")


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    token = request.POST.get("token", "")
    if (
        not pending
        or pending.get("user") != request.user.pk
        or not constant_time_compare(token, pending["token"])
    ):
        messages.error(
            request, _("This import is no longer waiting for confirmation. Upload the file again.")
        )
        return redirect("directory:import")
    group = get_object_or_404(Group, pk=pending["group"]) if pending["group"] else None
    _check_may_import(request.user, group)
    # Used once, whatever happens next.
    del request.session[SESSION_KEY]
    if len(pending["rows"]) > importing.background_rows():
        return _import_in_background(request, pending, group)
    try:
        result = services.directory_import(
            kind=pending["kind"], source=pending["rows"], group=group, actor=request.user
        )
    except services.ImportRejected as rejected:
        messages.error(request, _("The directory has changed since the preview; nothing was written."))
        return _preview(
            request,
            rejected.plan,
            group=group,
            token=None,
            filename=pending.get("filename"),
            changed_since=True,
        )
    messages.success(request, result.summary(group is not None))
    return _after_import_url(pending["kind"], group)


def _import_in_background(request: HttpRequest, pending: dict, group: Group | None) -> HttpResponse:
    """A large import is written by a job; its page shows how far it is, then what was written."""
    try:
        job = services.directory_import_start(
            kind=pending["kind"],
            source=pending["rows"],
            group=group,
            actor=request.user,
            filename=pending.get("filename") or "",
        )
    except Refused as refused:
        messages.error(request, refused.message)
        return _after_import_url(pending["kind"], group)
    job.refresh_from_db()
    if job.status == JobStatus.DONE:  # the immediate backend: written already
        messages.success(request, job.message)
    elif not job.is_finished:
        messages.info(
            request,
            _(
                "The import is being written in the background: "
                "this page shows how far it is, then what was written."
            ),
        )
    return redirect(job_url(job))


@login_required
@require_POST
def import_cancel(request: HttpRequest) -> HttpResponse:
    pending = request.session.pop(SESSION_KEY, None) or {}
    messages.info(request, _("Import cancelled; nothing was written."))
    group = Group.objects.filter(pk=pending.get("group")).first() if pending.get("group") else None
    return _after_import_url(pending.get("kind", importing.PEOPLE), group)
