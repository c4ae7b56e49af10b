"""Action points: each group's list with filters, all groups' for the RTP Secretariat, one point's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from roundtable.core.pagination import paginate
from roundtable.directory.models import Organisation
from roundtable.groups.models import Group
from roundtable.meetings import permissions as meeting_permissions
from roundtable.meetings import querystring

from .. import permissions, services
from ..forms import ActionPointFilterForm, ActionPointStatusForm
from ..links import minutes_link_for
from ..models import ActionPoint, ActionStatus

GET_POST = require_http_methods(["GET", "POST"])


def _action_rows(request: HttpRequest, qs, organisations):
    form = ActionPointFilterForm(request.GET or None, organisations=organisations)
    if form.is_valid():
        show = form.cleaned_data.get("show")
        if show == "open":
            qs = qs.open()
        elif show == "overdue":
            qs = qs.overdue()
        if form.cleaned_data.get("status"):
            qs = qs.filter(status=form.cleaned_data["status"])
        if form.cleaned_data.get("organisation"):
            qs = qs.filter(responsible_organisation=form.cleaned_data["organisation"])
        if code := querystring.text(request.GET.get("group")):
            qs = qs.filter(group__code=code)
    qs = qs.select_related(
        "group", "item", "item__minutes__meeting", "responsible_organisation", "responsible_person"
    ).order_by("due_date", "id")
    page = paginate(request, qs)
    user = request.user
    rows = []
    secretariat_cache: dict[int, bool] = {}
    for action in page.object_list:
        if action.group_id not in secretariat_cache:
            secretariat_cache[action.group_id] = permissions.is_minutes_secretariat(user, action.group)
        can_update = secretariat_cache[action.group_id] or (
            action.responsible_person_id is not None and action.responsible_person.user_id == user.pk
        )
        rows.append({"action": action, "can_update": can_update})
    return form, page, rows


@login_required
def action_points(request: HttpRequest, code: str) -> HttpResponse:
    group = get_object_or_404(Group, code=code)
    if not permissions.can_view_action_points(request.user, group):
        raise PermissionDenied
    qs = ActionPoint.objects.filter(group=group)
    organisations = (
        Organisation.objects.filter(action_points__group=group).distinct().order_by("name_en", "name_lo")
    )
    form, page, rows = _action_rows(request, qs, organisations)
    context = {
        "group": group,
        "form": form,
        "page_obj": page,
        "rows": rows,
        "status_form": ActionPointStatusForm(),
        "status_choices": ActionStatus.choices,
        "all_groups": False,
        "open_count": ActionPoint.objects.filter(group=group).open().count(),
        "overdue_count": ActionPoint.objects.filter(group=group).overdue().count(),
    }
    return render(request, "minutes/action_points.html", context)


@login_required
def action_points_all(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_all_action_points(request.user):
        raise PermissionDenied
    organisations = (
        Organisation.objects.filter(action_points__isnull=False).distinct().order_by("name_en", "name_lo")
    )
    form, page, rows = _action_rows(request, ActionPoint.objects.all(), organisations)
    context = {
        "group": None,
        "form": form,
        "page_obj": page,
        "rows": rows,
        "status_choices": ActionStatus.choices,
        "all_groups": True,
        "groups": Group.objects.active().order_by("kind", "order", "code"),
        "open_count": ActionPoint.objects.open().count(),
        "overdue_count": ActionPoint.objects.overdue().count(),
    }
    return render(request, "minutes/action_points.html", context)


@login_required
@GET_POST
def action_point(request: HttpRequest, pk: int) -> HttpResponse:
    """One action point with its updates; POST records a new status with a note."""
    action = get_object_or_404(
        ActionPoint.objects.select_related(
            "group",
            "item__minutes__meeting",
            "item__minutes__meeting__group",
            "responsible_organisation",
            "responsible_person",
        ),
        pk=pk,
    )
    # Who may not read it learns nothing of it, not even that this number exists.
    if not permissions.can_view_action_point(request.user, action):
        raise Http404
    can_update = permissions.can_update_action_point(request.user, action)
    form = ActionPointStatusForm(initial={"status": action.status})
    if request.method == "POST" and not can_update:
        raise PermissionDenied
    if request.method == "POST":
        form = ActionPointStatusForm(request.POST)
        if form.is_valid():
            try:
                services.action_point_update_status(
                    action_point=action,
                    actor=request.user,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
            except services.Refused as refused:
                messages.error(request, refused.message)
                return redirect("minutes:action_point", pk=pk)
            messages.success(request, _("The action point is updated."))
            back = request.POST.get("next", "")
            # Back to the list the form was on, but only within this site (no open redirect).
            if url_has_allowed_host_and_scheme(
                back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return redirect(back)
            return redirect("minutes:action_point", pk=pk)
    meeting = action.item.minutes.meeting
    context = {
        "action": action,
        "group": action.group,
        "form": form,
        "can_update": can_update,
        "updates": list(action.updates.select_related("by")),
        # The responsible person may be outside the group: the meeting, its minutes and the group's list
        # are shown only as far as they may read them.
        "can_view_list": permissions.can_view_action_points(request.user, action.group),
        "meeting_visible": meeting_permissions.can_view(request.user, meeting),
        "minutes_link": minutes_link_for(request.user, meeting),
    }
    return render(request, "minutes/action_point.html", context, status=400 if form.errors else 200)
