"""Pages of the annual work plans: the public list and plan pages, the secretariat's editing screens,
the steps of the plan's life, versions, exports and the RTP Secretariat's overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roundtable.core.history import history_for
from roundtable.core.pagination import paginate
from roundtable.groups.models import Group

from . import exports, permissions, services
from . import overview as overview_data
from . import versions as version_diff
from .forms import CreateForm, HeaderForm, MeetingForm, PriorityForm, StakeholderForm, StepForm
from .models import PlannedMeeting, PlanStakeholder, Priority, WorkPlan, WorkPlanStatus, workplan_deadline
from .rules import meeting_warnings

GET_POST = require_http_methods(["GET", "POST"])


# --- access helpers ----------------------------------------------------------------------------------


def _get_group(code: str) -> Group:
    return get_object_or_404(
        Group.objects.select_related("parent"), code=code, kind__in=permissions.PLANNED_KINDS
    )


def _get_plan_for_user(request: HttpRequest, code: str, year: int) -> WorkPlan:
    """The plan, or 404 when it does not exist or the visitor may not see it (drafts stay unknown)."""
    plan = get_object_or_404(
        WorkPlan.objects.select_related("group", "group__parent"), group__code=code, year=year
    )
    if not permissions.can_view_workplan(request.user, plan):
        raise Http404
    return plan


def _get_plan_for_edit(request: HttpRequest, code: str, year: int) -> WorkPlan:
    """The plan for a change: 403 when the user's role may not change this group's plan."""
    plan = get_object_or_404(
        WorkPlan.objects.select_related("group", "group__parent"), group__code=code, year=year
    )
    if not permissions.may_edit_group_plans(request.user, plan.group):
        raise PermissionDenied(_("Only the group's secretariat may change its work plan."))
    return plan


def _not_editable(request: HttpRequest, plan: WorkPlan) -> HttpResponse | None:
    """A message and a way back when the plan is no longer in the secretariat's hands."""
    if plan.is_editable:
        return None
    messages.error(
        request,
        _("The plan is “%(status)s”: it can be changed only as a draft or when returned.")
        % {"status": plan.get_status_display()},
    )
    return redirect(plan.get_absolute_url())


def _add_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _plan_url(plan: WorkPlan, name: str, *args) -> str:
    return reverse(f"workplans:{name}", args=[plan.group.code, plan.year, *args])


# --- public pages ------------------------------------------------------------------------------------------


def public_list(request: HttpRequest) -> HttpResponse:
    """Published plans, newest year first, with a year filter (a fixed number of queries)."""
    plans = WorkPlan.objects.published().for_list().annotate(priority_count=Count("priorities"))
    years = list(WorkPlan.objects.published().order_by("-year").values_list("year", flat=True).distinct())
    year = request.GET.get("year")
    if year and year.isdigit():
        plans = plans.filter(year=int(year))
    page = paginate(request, plans.order_by("-year", "group__order", "group__code"))
    return render(request, "workplans/public_list.html", {"page_obj": page, "years": years, "year": year})


def group_plans(request: HttpRequest, code: str) -> HttpResponse:
    """A group's plans: published ones for all, the rest for its members; its secretariat starts one here."""
    group = _get_group(code)
    plans = WorkPlan.objects.filter(group=group).order_by("-year")
    if not permissions.can_view_unpublished_of(request.user, group):
        plans = plans.published()
    year = timezone.localdate().year
    existing = set(plans.values_list("year", flat=True)) if plans else set()
    can_create = permissions.can_create_workplan(request.user, group)
    years_to_start = [y for y in (year, year + 1) if y not in existing] if can_create else []
    return render(
        request,
        "workplans/group.html",
        {"group": group, "plans": plans, "years_to_start": years_to_start},
    )


def detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = _get_plan_for_user(request, code, year)
    user = request.user
    priorities = plan.priorities.select_related("lead_organisation").prefetch_related(
        "partners", "nsedp_outputs__framework", "sdg_targets__framework"
    )
    meetings = list(plan.planned_meetings.select_related("group"))
    stakeholders = plan.stakeholders.select_related("organisation", "person")
    can_edit = permissions.can_edit_workplan(user, plan)
    context = {
        "plan": plan,
        "priorities": priorities,
        "meetings": meetings,
        "stakeholders": stakeholders,
        "can_edit": can_edit,
        "actions": services.available_actions(user, plan),
        "step_form": StepForm(initial={"revision": plan.revision}),
        "steps": plan.steps.select_related("actor", "actor__person")
        if permissions.can_view_steps(user, plan)
        else None,
        "show_deadline": permissions.can_view_deadline(user, plan.group),
        "is_late": plan.is_late(),
        "can_compare": permissions.can_compare_versions(user, plan),
        "problems": services.workplan_problems(plan)
        if can_edit or plan.status == WorkPlanStatus.CHAIR_APPROVED
        else [],
        "warnings": meeting_warnings(plan, meetings) if can_edit else [],
        "show_people": not plan.is_published and permissions.can_view_unpublished_of(user, plan.group),
        "history": history_for(user, plan),
    }
    return render(request, "workplans/detail.html", context)


def export(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    """The plan in the template's layout, in the page's language: public once published."""
    plan = _get_plan_for_user(request, code, year)
    if fmt not in exports.FORMATS:
        raise Http404
    return exports.response(plan, fmt)


# --- creating and editing (the group's secretariat) -------------------------------------------------------


@login_required
@GET_POST
def create(request: HttpRequest, code: str, year: int) -> HttpResponse:
    group = _get_group(code)
    if not permissions.can_create_workplan(request.user, group):
        raise PermissionDenied(_("Only the group's secretariat may start its work plan."))
    existing = WorkPlan.objects.filter(group=group, year=year).first()
    if existing is not None:
        messages.info(request, _("The plan for this year exists already."))
        return redirect(existing.get_absolute_url())
    previous = WorkPlan.objects.filter(group=group, year=year - 1).first()
    form = CreateForm(request.POST or None, previous=previous)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.workplan_create(
                group=group,
                year=year,
                actor=request.user,
                start_from_previous=form.cleaned_data["start"] == CreateForm.PREVIOUS,
            )
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The work plan for %(year)s is started.") % {"year": year})
            return redirect(plan.get_absolute_url())
    return render(
        request,
        "workplans/create.html",
        {"group": group, "year": year, "form": form, "deadline": workplan_deadline(year)},
    )


def _conflict_message(request: HttpRequest) -> None:
    messages.error(
        request,
        _("Someone saved this after you opened it. Your text is kept: see what changed, then save again."),
    )


@login_required
@GET_POST
def edit_header(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = _get_plan_for_edit(request, code, year)
    if (refusal := _not_editable(request, plan)) is not None:
        return refusal
    form = HeaderForm(request.POST or None, instance=plan, initial={"revision": plan.revision})
    changes = None
    if request.method == "POST" and form.is_valid():
        # form.is_valid() wrote the input onto `plan`; the service reloads the row and compares revisions.
        try:
            services.workplan_update_header(
                plan=plan, actor=request.user, data=form.cleaned_data, revision=form.cleaned_data["revision"]
            )
        except services.EditConflict as conflict:
            changes = conflict.changes
            _conflict_message(request)
            form = _rebound(HeaderForm, request, instance=WorkPlan.objects.get(pk=plan.pk))
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(plan.get_absolute_url())
    return render(request, "workplans/header_form.html", {"plan": plan, "form": form, "changes": changes})


def _rebound(form_class, request: HttpRequest, **kwargs):
    """The user's input again, but with the current revision: saving once more, knowingly, overwrites."""
    data = request.POST.copy()
    data["revision"] = str(kwargs["instance"].revision)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


@login_required
@GET_POST
def priority_add(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = _get_plan_for_edit(request, code, year)
    if (refusal := _not_editable(request, plan)) is not None:
        return refusal
    form = PriorityForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_create(plan=plan, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The priority is added."))
            return redirect(plan.get_absolute_url() + "#priorities")
    return render(request, "workplans/priority_form.html", {"plan": plan, "form": form})


def _priority(plan: WorkPlan, pk: int) -> Priority:
    return get_object_or_404(Priority, pk=pk, workplan=plan)


@login_required
@GET_POST
def priority_edit(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    plan = _get_plan_for_edit(request, code, year)
    if (refusal := _not_editable(request, plan)) is not None:
        return refusal
    priority = _priority(plan, pk)
    form = PriorityForm(request.POST or None, instance=priority, plan=plan)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_update(
                priority=priority,
                actor=request.user,
                data=form.cleaned_data,
                revision=form.cleaned_data["revision"],
            )
        except services.EditConflict as conflict:
            changes = conflict.changes
            _conflict_message(request)
            form = _rebound(PriorityForm, request, instance=Priority.objects.get(pk=pk), plan=plan)
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(plan.get_absolute_url() + "#priorities")
    return render(
        request,
        "workplans/priority_form.html",
        {"plan": plan, "form": form, "priority": priority, "changes": changes},
    )


@login_required
@require_POST
def priority_delete(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    plan = _get_plan_for_edit(request, code, year)
    priority = _priority(plan, pk)
    try:
        services.priority_delete(priority=priority, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The priority is removed."))
    return redirect(plan.get_absolute_url() + "#priorities")


@login_required
@require_POST
def priority_move(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    plan = _get_plan_for_edit(request, code, year)
    priority = _priority(plan, pk)
    try:
        services.priority_move(
            priority=priority, actor=request.user, direction=request.POST.get("direction", "up")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(plan.get_absolute_url() + "#priorities")


@login_required
@GET_POST
def meetings(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = _get_plan_for_edit(request, code, year)
    if (refusal := _not_editable(request, plan)) is not None:
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
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The meeting is planned."))
            return redirect(_plan_url(plan, "meetings"))
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


@login_required
@require_POST
def meeting_delete(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    plan = _get_plan_for_edit(request, code, year)
    meeting = get_object_or_404(PlannedMeeting, pk=pk, workplan=plan)
    try:
        services.planned_meeting_remove(meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_plan_url(plan, "meetings"))


@login_required
@GET_POST
def stakeholders(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = _get_plan_for_edit(request, code, year)
    if (refusal := _not_editable(request, plan)) is not None:
        return refusal
    form = StakeholderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stakeholder_add(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The stakeholder is added."))
            return redirect(_plan_url(plan, "stakeholders"))
    rows = plan.stakeholders.select_related("organisation", "person")
    return render(request, "workplans/stakeholders.html", {"plan": plan, "form": form, "stakeholders": rows})


@login_required
@require_POST
def stakeholders_import(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = _get_plan_for_edit(request, code, year)
    try:
        added = services.stakeholders_import(plan=plan, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)s stakeholders added from the directory.") % {"n": added})
    return redirect(_plan_url(plan, "stakeholders"))


@login_required
@require_POST
def stakeholder_delete(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    plan = _get_plan_for_edit(request, code, year)
    stakeholder = get_object_or_404(PlanStakeholder, pk=pk, workplan=plan)
    try:
        services.stakeholder_remove(stakeholder=stakeholder, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_plan_url(plan, "stakeholders"))


# --- the steps of the plan's life -----------------------------------------------------------------------


@login_required
@require_POST
def step(request: HttpRequest, code: str, year: int, action: str) -> HttpResponse:
    plan = get_object_or_404(WorkPlan.objects.select_related("group"), group__code=code, year=year)
    act = services.ACTIONS.get(action)
    if act is None:
        raise Http404
    if not act.role(request.user, plan.group):
        raise PermissionDenied(_("Your role may not take this step for this group's work plan."))
    form = StepForm(request.POST)
    form.is_valid()
    try:
        services.workplan_take_step(
            plan=plan,
            actor=request.user,
            action=action,
            comment=form.cleaned_data.get("comment", ""),
            revision=form.cleaned_data.get("revision"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        plan.refresh_from_db()
        messages.success(
            request, _("Done: the plan is now “%(status)s”.") % {"status": plan.get_status_display()}
        )
    return redirect(plan.get_absolute_url())


# --- versions ---------------------------------------------------------------------------------------------


@login_required
def versions(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = _get_plan_for_user(request, code, year)
    if not permissions.can_compare_versions(request.user, plan):
        raise PermissionDenied(_("Only the RTP Secretariat compares versions."))
    all_versions = list(plan.versions.select_related("created_by"))
    by_number = {v.number: v for v in all_versions}
    comparison = None
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    if a.isdigit() and b.isdigit() and int(a) in by_number and int(b) in by_number:
        comparison = version_diff.compare(by_number[int(a)].snapshot, by_number[int(b)].snapshot)
    elif len(all_versions) >= 2:
        a, b = str(all_versions[-2].number), str(all_versions[-1].number)
        comparison = version_diff.compare(all_versions[-2].snapshot, all_versions[-1].snapshot)
    return render(
        request,
        "workplans/versions.html",
        {"plan": plan, "versions": all_versions, "comparison": comparison, "a": a, "b": b},
    )


# --- the RTP Secretariat's overview ------------------------------------------------------------------------


@login_required
def overview_current(request: HttpRequest) -> HttpResponse:
    return redirect("workplans:overview", year=timezone.localdate().year)


@login_required
def overview(request: HttpRequest, year: int) -> HttpResponse:
    if not permissions.can_view_overview(request.user):
        raise PermissionDenied(_("The overview is for the RTP Secretariat."))
    data = overview_data.build(year)
    return render(request, "workplans/overview.html", {"year": year, **data})
