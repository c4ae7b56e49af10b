"""The pages everyone may reach: published plans (list, group, plan page, exports); the same plan page
shows a draft, its steps and the next step's form to the group and the RTP Secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.core.history import history_for
from roundtable.core.pagination import paginate
from roundtable.groups.permissions import can_view_group

from .. import exports, permissions, services
from ..forms import StepForm
from ..models import WorkPlan, WorkPlanStatus
from ..querystring import plan_year
from ..rules import meeting_warnings
from .access import get_group, get_plan_for_user


def public_list(request: HttpRequest) -> HttpResponse:
    """Published plans, newest year first, with a year filter (a fixed number of queries). A year no plan
    can have (`?year=0`, `?year=abc`) shows every year, and says so."""
    plans = WorkPlan.objects.published().for_list().annotate(priority_count=Count("priorities"))
    years = list(WorkPlan.objects.published().order_by("-year").values_list("year", flat=True).distinct())
    typed = request.GET.get("year", "").strip()
    year = plan_year(typed)
    if year is not None:
        plans = plans.filter(year=year)
    elif typed:
        messages.warning(request, _("That is not a year of the work plans: every year is shown."))
    page = paginate(request, plans.order_by("-year", "group__order", "group__code"))
    return render(request, "workplans/public_list.html", {"page_obj": page, "years": years, "year": year})


def group_plans(request: HttpRequest, code: str) -> HttpResponse:
    """A group's plans: published ones for all, the rest for its members; its secretariat starts one here."""
    group = get_group(code)
    plans = WorkPlan.objects.filter(group=group).order_by("-year")
    sees_unpublished = permissions.can_view_unpublished_of(request.user, group)
    if not sees_unpublished:
        plans = plans.published()
    plans = list(plans)
    year = timezone.localdate().year
    existing = {plan.year for plan in plans}
    can_create = permissions.can_create_workplan(request.user, group)
    years_to_start = [y for y in (year, year + 1) if y not in existing] if can_create else []
    return render(
        request,
        "workplans/group.html",
        {
            "group": group,
            # A retired group's published plans stay public; its own page does not.
            "group_url": group.get_absolute_url() if can_view_group(request.user, group) else None,
            "plans": plans,
            "years_to_start": years_to_start,
            "sees_unpublished": sees_unpublished,
        },
    )


def detail_context(request: HttpRequest, plan: WorkPlan, step_form: StepForm | None = None) -> dict:
    """The plan page's context; `step_form` is given when a refused step is shown again with its comment."""
    user = request.user
    priorities = plan.priorities.select_related("lead_organisation").prefetch_related(
        "partners", "nsedp_outputs__framework", "sdg_targets__framework"
    )
    meetings = list(plan.planned_meetings.select_related("group"))
    can_edit = permissions.can_edit_workplan(user, plan)
    return {
        "plan": plan,
        "priorities": priorities,
        "meetings": meetings,
        "stakeholders": plan.stakeholders.select_related("organisation", "person"),
        "can_edit": can_edit,
        "actions": services.available_actions(user, plan),
        "step_form": step_form or StepForm(initial={"revision": plan.revision}),
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


def detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, code, year)
    return render(request, "workplans/detail.html", detail_context(request, plan))


def export(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    """The plan in the template's layout, in the page's language: public once published."""
    plan = get_plan_for_user(request, code, year)
    if fmt not in exports.FORMATS:
        raise Http404
    return exports.response(plan, fmt)
