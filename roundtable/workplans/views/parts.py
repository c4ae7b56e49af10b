"""The secretariat's screens for a plan's planned meetings and stakeholders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roundtable.core.forms import add_service_error
from roundtable.core.pagination import DEFAULT_PER_PAGE
from roundtable.core.services import Conflict, Refused

from .. import services
from ..forms import MeetingForm, StakeholderForm
from ..models import PlannedMeeting, PlanStakeholder, WorkPlan
from ..rules import meeting_warnings
from .access import (
    confirm_then_remove,
    conflict_message,
    get_plan_for_edit,
    not_editable,
    plan_url,
    rebound,
    refusal_text,
)

GET_POST = require_http_methods(["GET", "POST"])


# --- planned meetings ----------------------------------------------------------------------------------


@login_required
@GET_POST
def meetings(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = get_plan_for_edit(request, code, year)
    if (refusal := not_editable(request, plan)) is not None:
        return refusal
    groups = services.plannable_groups(plan)
    form = MeetingForm(request.POST or None, groups=groups, initial={"group": plan.group})
    if request.method == "POST" and form.is_valid():
        try:
            services.planned_meeting_add(
                plan=plan,
                actor=request.user,
                group=form.cleaned_data["group"],
                day=form.cleaned_data["date"],
                title_lo=form.cleaned_data["title_lo"],
                title_en=form.cleaned_data["title_en"],
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The meeting is planned."))
            return redirect(plan_url(plan, "meetings"))
    planned = list(plan.planned_meetings.select_related("group"))
    return render(
        request,
        "workplans/meetings.html",
        {
            "plan": plan,
            "form": form,
            "meetings": planned,
            "warnings": meeting_warnings(plan, planned, groups),
        },
    )


def _meeting(plan: WorkPlan, pk: int) -> PlannedMeeting:
    return get_object_or_404(PlannedMeeting.objects.select_related("group"), pk=pk, workplan=plan)


@login_required
@GET_POST
def meeting_edit(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    """Change a planned meeting's date, group or title; a save from a stale page shows what changed."""
    plan = get_plan_for_edit(request, code, year)
    if (refusal := not_editable(request, plan)) is not None:
        return refusal
    meeting = _meeting(plan, pk)
    groups = services.plannable_groups(plan)
    if meeting.group not in groups:  # a sub-group closed since keeps the meetings it had
        groups.append(meeting.group)
    initial = {
        "group": meeting.group,
        "date": meeting.date,
        "title_lo": meeting.title_lo,
        "title_en": meeting.title_en,
        "revision": meeting.revision,
    }
    form = MeetingForm(request.POST or None, groups=groups, initial=initial, editing=True)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.planned_meeting_update(
                meeting=meeting,
                actor=request.user,
                group=form.cleaned_data["group"],
                day=form.cleaned_data["date"],
                title_lo=form.cleaned_data["title_lo"],
                title_en=form.cleaned_data["title_en"],
                revision=form.cleaned_data["revision"],
            )
        except Conflict as conflict:
            changes = conflict.changes
            conflict_message(request)
            revision = PlannedMeeting.objects.get(pk=pk).revision
            form = rebound(MeetingForm, request, revision, groups=groups, editing=True)
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(plan_url(plan, "meetings"))
    return render(
        request,
        "workplans/meeting_form.html",
        {"plan": plan, "form": form, "meeting": meeting, "changes": changes},
    )


@login_required
@GET_POST
def meeting_delete(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    """GET asks to confirm; POST removes the planned meeting."""
    plan = get_plan_for_edit(request, code, year)
    if (refusal := not_editable(request, plan)) is not None:
        return refusal
    meeting = _meeting(plan, pk)
    question = _("Remove the meeting of %(group)s planned on %(date)s?") % {
        "group": meeting.group.name,
        "date": formats.date_format(meeting.date, "DATE_FORMAT"),
    }
    return confirm_then_remove(
        request,
        plan,
        question=question,
        back=plan_url(plan, "meetings"),
        remove=lambda: services.planned_meeting_remove(meeting=meeting, actor=request.user),
        done=_("The planned meeting is removed."),
    )


# --- stakeholders ---------------------------------------------------------------------------------------


@login_required
@GET_POST
def stakeholders(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = get_plan_for_edit(request, code, year)
    if (refusal := not_editable(request, plan)) is not None:
        return refusal
    form = StakeholderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stakeholder_add(plan=plan, actor=request.user, **form.cleaned_data)
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The stakeholder is added."))
            # The list is in the order of addition: the new one is on the last page.
            return redirect(plan_url(plan, "stakeholders") + "?page=last#list")
    rows = plan.stakeholders.select_related("organisation", "person")
    paginator = Paginator(rows, DEFAULT_PER_PAGE)
    page = request.GET.get("page")
    page_obj = paginator.get_page(paginator.num_pages if page == "last" else page)
    return render(request, "workplans/stakeholders.html", {"plan": plan, "form": form, "page_obj": page_obj})


@login_required
@require_POST
def stakeholders_import(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = get_plan_for_edit(request, code, year)
    try:
        added = services.stakeholders_import(plan=plan, actor=request.user)
    except (Refused, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("%(n)s stakeholders added from the directory.") % {"n": added})
    return redirect(plan_url(plan, "stakeholders"))


@login_required
@GET_POST
def stakeholder_delete(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    """GET asks to confirm; POST removes the stakeholder from the plan (not from the directory)."""
    plan = get_plan_for_edit(request, code, year)
    if (refusal := not_editable(request, plan)) is not None:
        return refusal
    stakeholder = get_object_or_404(
        PlanStakeholder.objects.select_related("organisation", "person"), pk=pk, workplan=plan
    )
    if stakeholder.person is not None:
        name = stakeholder.person.name
    else:
        name = stakeholder.organisation.name if stakeholder.organisation else stakeholder.name
    return confirm_then_remove(
        request,
        plan,
        question=_("Remove “%(name)s” from the plan's stakeholders? The directory keeps them.")
        % {"name": name},
        back=plan_url(plan, "stakeholders"),
        remove=lambda: services.stakeholder_remove(stakeholder=stakeholder, actor=request.user),
        done=_("The stakeholder is removed from the plan."),
    )
