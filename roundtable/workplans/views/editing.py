"""The secretariat's screens for a plan's content: starting the plan, its strategy and context, and its
priorities (with the NSEDP/SDG picker, whose filter answers htmx and also works as a plain form button)."""

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
from roundtable.core.services import Conflict, Refused

from .. import permissions, services
from ..forms import PICKERS, CreateForm, HeaderForm, PriorityForm
from ..models import Priority, WorkPlan, workplan_deadline
from ..querystring import whole_number
from .access import (
    confirm_then_remove,
    conflict_message,
    get_group,
    get_plan_for_edit,
    not_editable,
    outside_plan_years,
    rebound,
    refusal_text,
)

GET_POST = require_http_methods(["GET", "POST"])


@login_required
@GET_POST
def create(request: HttpRequest, code: str, year: int) -> HttpResponse:
    group = get_group(code)
    if not permissions.can_create_workplan(request.user, group):
        raise PermissionDenied(_("Only the group's secretariat may start its work plan."))
    group_page = reverse("workplans:group", args=[group.code])
    if (refusal := outside_plan_years(request, year, group_page)) is not None:
        return refusal
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
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            url, next_step = where_to_go_on(plan)
            started = _("The work plan for %(year)s is started.") % {"year": year}
            messages.success(request, f"{started} {next_step}".strip())
            return redirect(url)
    return render(
        request,
        "workplans/create.html",
        {"group": group, "year": year, "form": form, "deadline": workplan_deadline(year)},
    )


@login_required
@GET_POST
def edit_header(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = get_plan_for_edit(request, code, year)
    if (refusal := not_editable(request, plan)) is not None:
        return refusal
    form = HeaderForm(request.POST or None, instance=plan, initial={"revision": plan.revision})
    changes = None
    if request.method == "POST" and form.is_valid():
        # form.is_valid() wrote the input onto `plan`; the service reloads the row and compares revisions.
        try:
            services.workplan_update_header(
                plan=plan, actor=request.user, data=form.cleaned_data, revision=form.cleaned_data["revision"]
            )
        except Conflict as conflict:
            changes = conflict.changes
            conflict_message(request)
            current = WorkPlan.objects.get(pk=plan.pk)
            form = rebound(HeaderForm, request, current.revision, instance=current)
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(plan.get_absolute_url())
    return render(request, "workplans/header_form.html", {"plan": plan, "form": form, "changes": changes})


def where_to_go_on(plan: WorkPlan) -> tuple[str, str]:
    """The page of the secretariat's next step on a plan, and what it is (two queries): a priority
    linked to no NSEDP output (one started from last year's keeps none: the NSEDP may have changed),
    else a first priority, else the plan page with its "Send to the chair"."""
    unlinked = plan.priorities.filter(nsedp_outputs__isnull=True).order_by("order", "pk").first()
    if unlinked is not None:
        return (
            reverse("workplans:priority_edit", args=[plan.group.code, plan.year, unlinked.pk]),
            _("Next: link the priority to an output of the NSEDP."),
        )
    if not plan.priorities.exists():
        return (
            reverse("workplans:priority_add", args=[plan.group.code, plan.year]),
            _("Next: add its first priority."),
        )
    return plan.get_absolute_url() + "#steps-form", ""


# --- priorities -----------------------------------------------------------------------------------------


def _priority(plan: WorkPlan, pk: int) -> Priority:
    return get_object_or_404(Priority, pk=pk, workplan=plan)


def _priority_page(request: HttpRequest, plan: WorkPlan, priority: Priority | None) -> HttpResponse:
    """Add or edit a priority. A POST with `filter` (the picker's button, without JavaScript) only shows
    the form again with the picker filtered: nothing is saved and nothing typed is lost. A POST with
    `another` saves and opens the form of a new priority (one page action, not two)."""
    form = PriorityForm(request.POST or None, instance=priority, plan=plan)
    changes = None
    if request.method == "POST" and "filter" not in request.POST and form.is_valid():
        try:
            if priority is None:
                services.priority_create(plan=plan, actor=request.user, data=form.cleaned_data)
            else:
                services.priority_update(
                    priority=priority,
                    actor=request.user,
                    data=form.cleaned_data,
                    revision=form.cleaned_data["revision"],
                )
        except Conflict as conflict:
            changes = conflict.changes
            conflict_message(request)
            current = Priority.objects.get(pk=priority.pk)
            form = rebound(PriorityForm, request, current.revision, instance=current, plan=plan)
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved.") if priority else _("The priority is added."))
            if "another" in request.POST:
                return redirect(reverse("workplans:priority_add", args=[plan.group.code, plan.year]))
            return redirect(plan.get_absolute_url() + "#priorities")
    return render(
        request,
        "workplans/priority_form.html",
        {
            "plan": plan,
            "form": form,
            "priority": priority,
            "changes": changes,
            "nsedp_picker": form.picker("nsedp_outputs"),
            "sdg_picker": form.picker("sdg_targets"),
        },
    )


@login_required
@GET_POST
def priority_add(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = get_plan_for_edit(request, code, year)
    if (refusal := not_editable(request, plan)) is not None:
        return refusal
    return _priority_page(request, plan, None)


@login_required
@GET_POST
def priority_edit(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    plan = get_plan_for_edit(request, code, year)
    if (refusal := not_editable(request, plan)) is not None:
        return refusal
    return _priority_page(request, plan, _priority(plan, pk))


@login_required
@require_GET
def picker(request: HttpRequest, code: str, year: int, name: str) -> HttpResponse:
    """The picker's list filtered by `<name>_q`, keeping the items chosen so far (the htmx fragment)."""
    plan = get_plan_for_edit(request, code, year)
    if name not in PICKERS:
        raise Http404
    pk = whole_number(request.GET.get("priority"))
    priority = _priority(plan, pk) if pk is not None else None
    form = PriorityForm(request.GET, instance=priority, plan=plan)
    return render(request, "workplans/_picker_list.html", {"picker": form.picker(name)})


@login_required
@GET_POST
def priority_delete(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    """GET asks to confirm; POST removes the priority."""
    plan = get_plan_for_edit(request, code, year)
    if (refusal := not_editable(request, plan)) is not None:
        return refusal
    priority = _priority(plan, pk)
    return confirm_then_remove(
        request,
        plan,
        question=_("Remove the priority “%(title)s” from the plan?") % {"title": priority.title},
        back=plan.get_absolute_url() + "#priorities",
        remove=lambda: services.priority_delete(priority=priority, actor=request.user),
        done=_("The priority is removed."),
    )


@login_required
@require_POST
def priority_move(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    plan = get_plan_for_edit(request, code, year)
    priority = _priority(plan, pk)
    try:
        services.priority_move(
            priority=priority, actor=request.user, direction=request.POST.get("direction", "")
        )
    except (Refused, ValidationError) as error:
        messages.error(request, refusal_text(error))
    return redirect(plan.get_absolute_url() + "#priorities")
