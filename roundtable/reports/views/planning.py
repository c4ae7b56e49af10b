"""Recommendations of the Round Table meetings (the public list with their status and follow-up; the RTP
Secretariat's form) and the road map to a meeting (the RTP Secretariat's milestones)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from roundtable.core.forms import add_service_error
from roundtable.core.htmx import render_page_or_partial
from roundtable.core.pagination import paginate
from roundtable.core.services import Conflict

from .. import services
from ..forms import MilestoneForm, RecommendationFilterForm, RecommendationForm
from ..models import Milestone, Recommendation
from ..tracker import timeline
from .access import conflict_message, get_cycle_to_manage, rebound
from .cycles import public_follow_ups

GET_POST = require_http_methods(["GET", "POST"])


def recommendations(request: HttpRequest) -> HttpResponse:
    """Every public recommendation with its status and the groups' published follow-up; filters by meeting,
    group and status (the results answer htmx)."""
    form = RecommendationFilterForm(request.GET or None)
    qs = Recommendation.objects.public().select_related("cycle")
    if form.is_valid():
        if form.cleaned_data.get("cycle"):
            qs = qs.filter(cycle=form.cleaned_data["cycle"])
        if form.cleaned_data.get("group"):
            qs = qs.filter(groups=form.cleaned_data["group"])
        if form.cleaned_data.get("status"):
            qs = qs.filter(status=form.cleaned_data["status"])
    qs = qs.prefetch_related(
        "groups", Prefetch("follow_ups", queryset=public_follow_ups(), to_attr="public_follow_ups")
    ).order_by("-cycle__held_on", "number", "id")
    page = paginate(request, qs, per_page=25)
    return render_page_or_partial(
        request,
        "reports/recommendations.html",
        {"form": form, "page_obj": page},
        partial="reports/_recommendation_results.html",
    )


def _edit(request, cycle, form, save, *, title: str, fresh):
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except Conflict as conflict:
            changes = conflict.changes
            conflict_message(request)
            current = fresh()
            form = rebound(type(form), request, current.revision, instance=current)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return None
    status = 409 if changes is not None else (400 if form.errors else 200)
    return render(
        request,
        "reports/planning_form.html",
        {"cycle": cycle, "form": form, "changes": changes, "title": title},
        status=status,
    )


@login_required
@GET_POST
def recommendation_create(request: HttpRequest, code: str) -> HttpResponse:
    cycle = get_cycle_to_manage(request, code)
    form = RecommendationForm(request.POST or None)
    response = _edit(
        request,
        cycle,
        form,
        lambda data: services.recommendation_create(
            cycle=cycle, actor=request.user, data={k: data.get(k) for k in services.RECOMMENDATION_FIELDS}
        ),
        title=_("New recommendation"),
        fresh=lambda: None,
    )
    return response or redirect(cycle.get_absolute_url() + "#recommendations")


@login_required
@GET_POST
def recommendation_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    cycle = get_cycle_to_manage(request, code)
    recommendation = get_object_or_404(Recommendation, pk=pk, cycle=cycle)
    form = RecommendationForm(
        request.POST or None, instance=recommendation, initial={"revision": recommendation.revision}
    )
    response = _edit(
        request,
        cycle,
        form,
        lambda data: services.recommendation_update(
            recommendation=recommendation,
            actor=request.user,
            data={k: data.get(k) for k in services.RECOMMENDATION_FIELDS if k != "number" or data.get(k)},
            revision=data.get("revision") or 0,
        ),
        title=_("Recommendation %(number)s") % {"number": recommendation.number},
        fresh=lambda: Recommendation.objects.get(pk=recommendation.pk),
    )
    return response or redirect(cycle.get_absolute_url() + "#recommendations")


@login_required
def roadmap(request: HttpRequest, code: str) -> HttpResponse:
    """The RTP Secretariat's road map of the cycle: its milestones and the forums' meetings, to edit."""
    cycle = get_cycle_to_manage(request, code)
    return render(
        request, "reports/roadmap.html", {"cycle": cycle, "timeline": timeline(cycle, public_only=False)}
    )


def _roadmap_url(cycle) -> str:
    return reverse("reports:roadmap", args=[cycle.code])


@login_required
@GET_POST
def milestone_create(request: HttpRequest, code: str) -> HttpResponse:
    cycle = get_cycle_to_manage(request, code)
    form = MilestoneForm(request.POST or None)
    response = _edit(
        request,
        cycle,
        form,
        lambda data: services.milestone_create(
            cycle=cycle, actor=request.user, data={k: data.get(k) for k in services.MILESTONE_FIELDS}
        ),
        title=_("New milestone"),
        fresh=lambda: None,
    )
    return response or redirect(_roadmap_url(cycle))


@login_required
@GET_POST
def milestone_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    cycle = get_cycle_to_manage(request, code)
    milestone = get_object_or_404(Milestone, pk=pk, cycle=cycle)
    form = MilestoneForm(request.POST or None, instance=milestone, initial={"revision": milestone.revision})
    response = _edit(
        request,
        cycle,
        form,
        lambda data: services.milestone_update(
            milestone=milestone,
            actor=request.user,
            data={k: data.get(k) for k in services.MILESTONE_FIELDS},
            revision=data.get("revision") or 0,
        ),
        title=_("Milestone"),
        fresh=lambda: Milestone.objects.get(pk=milestone.pk),
    )
    return response or redirect(_roadmap_url(cycle))


@login_required
@GET_POST
def milestone_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    cycle = get_cycle_to_manage(request, code)
    milestone = get_object_or_404(Milestone, pk=pk, cycle=cycle)
    if request.method != "POST":
        return render(
            request,
            "reports/confirm.html",
            {
                "cycle": cycle,
                "title": _("Delete the milestone"),
                "question": _("Delete the milestone “%(title)s”?") % {"title": milestone.title},
                "cancel_url": _roadmap_url(cycle),
            },
        )
    services.milestone_delete(milestone=milestone, actor=request.user)
    messages.success(request, _("The milestone is deleted."))
    return redirect(_roadmap_url(cycle))
