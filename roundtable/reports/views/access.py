"""Loading what a page works on, with the permissions applied: 404 for what the visitor may not know about
(a draft cycle, an unpublished report), 403 for what they see but may not change; and the small helpers
the views share."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from roundtable.core.services import Conflict, Refused
from roundtable.groups.models import Group

from .. import permissions
from ..models import Cycle, ProgressReport


def get_cycle(request: HttpRequest, code: str) -> Cycle:
    """The cycle, or 404 when it does not exist or is in preparation and the visitor is not the RTP
    Secretariat."""
    cycle = get_object_or_404(Cycle.objects.select_related("secretariat", "meeting"), code=code)
    if not permissions.can_view_cycle(request.user, cycle):
        raise Http404
    return cycle


def get_cycle_to_manage(request: HttpRequest, code: str) -> Cycle:
    cycle = get_cycle(request, code)
    if not permissions.can_manage_cycles(request.user):
        raise PermissionDenied(_("Only the RTP Secretariat manages the Round Table meetings."))
    return cycle


def require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_cycles(request.user):
        raise PermissionDenied(_("Only the RTP Secretariat manages the Round Table meetings."))


def get_group(code: str) -> Group:
    return get_object_or_404(Group.objects.select_related("parent", "lead_ministry"), code=code)


def get_report(request: HttpRequest, code: str, group_code: str) -> ProgressReport:
    """The report, or 404 when it does not exist or the visitor may not know of it (unpublished)."""
    report = get_object_or_404(
        ProgressReport.objects.select_related("cycle", "cycle__secretariat", "group", "group__parent"),
        cycle__code=code,
        group__code=group_code,
    )
    if not permissions.can_view_report(request.user, report):
        raise Http404
    return report


def get_report_to_write(request: HttpRequest, code: str, group_code: str) -> ProgressReport:
    """The report for a change: 404 when the user may not even see it, 403 when their role may not write."""
    report = get_report(request, code, group_code)
    if not permissions.may_write_reports_of(request.user, report.group):
        raise PermissionDenied(_("Only the group's secretariat writes its progress report."))
    return report


def conflict_message(request: HttpRequest) -> None:
    messages.error(
        request,
        _("Someone saved this after you opened it. Your text is kept: see what changed, then save again."),
    )


def refusal_text(error: Refused | Conflict | ValidationError) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error.message)


def rebound(form_class, request: HttpRequest, revision: int | None, **kwargs):
    """The user's input again, with the current revision: saving once more, knowingly, overwrites."""
    data = request.POST.copy()
    data["revision"] = "" if revision is None else str(revision)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form
