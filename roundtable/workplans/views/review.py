"""The steps of a plan's life, its versions, and the RTP Secretariat's overview of a year."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.core.services import Conflict, Refused

from .. import overview as overview_data
from .. import permissions, services
from .. import versions as version_diff
from ..forms import StepForm
from ..models import planning_years
from ..querystring import whole_number
from .access import get_plan_for_user, outside_plan_years, refusal_text
from .public import detail_context


@login_required
@require_POST
def step(request: HttpRequest, code: str, year: int, action: str) -> HttpResponse:
    """Take one step. Refused for the role: 403 (404 for a plan the user may not see at all). Refused for
    the moment (another status, a stale page, content not ready): the plan page again, with the reason and
    the comment as typed."""
    plan = get_plan_for_user(request, code, year)
    act = services.ACTIONS.get(action)
    if act is None:
        raise Http404
    if not act.role(request.user, plan.group):
        raise PermissionDenied(_("Your role may not take this step for this group's work plan."))
    form = StepForm(request.POST)
    form.is_valid()
    try:
        if "comment" in form.errors:
            # A comment too long is neither cut short nor dropped: nothing is done, and the page says why.
            raise ValidationError(form.errors["comment"])
        services.workplan_take_step(
            plan=plan,
            actor=request.user,
            action=action,
            comment=form.cleaned_data.get("comment", ""),
            revision=form.cleaned_data.get("revision"),
        )
    except (Refused, Conflict, ValidationError) as error:
        messages.error(request, refusal_text(error))
        plan.refresh_from_db()
        # The page now shows the plan as it is: the next try is made knowing it (current revision).
        data = request.POST.copy()
        data["revision"] = str(plan.revision)
        again = StepForm(data)
        return render(request, "workplans/detail.html", detail_context(request, plan, step_form=again))
    plan.refresh_from_db()
    done = _("Done: the plan is now “%(status)s”.") % {"status": plan.get_status_display()}
    messages.success(request, done)
    return redirect(plan.get_absolute_url())


@login_required
def versions(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, code, year)
    if not permissions.can_compare_versions(request.user, plan):
        raise PermissionDenied(_("Only the RTP Secretariat compares versions."))
    all_versions = list(plan.versions.select_related("created_by", "created_by__person"))
    by_number = {v.number: v for v in all_versions}
    comparison = None
    # Two version numbers the plan has, else (nothing asked, or a number it has not) its last two.
    a, b = whole_number(request.GET.get("a")), whole_number(request.GET.get("b"))
    if a in by_number and b in by_number:
        comparison = version_diff.compare(by_number[a].snapshot, by_number[b].snapshot)
        a, b = str(a), str(b)
    elif len(all_versions) >= 2:
        a, b = str(all_versions[-2].number), str(all_versions[-1].number)
        comparison = version_diff.compare(all_versions[-2].snapshot, all_versions[-1].snapshot)
    return render(
        request,
        "workplans/versions.html",
        {"plan": plan, "versions": all_versions, "comparison": comparison, "a": a, "b": b},
    )


@login_required
def overview_current(request: HttpRequest) -> HttpResponse:
    """The year whose plans are being prepared: next year's in December (`planning_years`)."""
    return redirect("workplans:overview", year=planning_years(timezone.localdate())[0])


@login_required
def overview(request: HttpRequest, year: int) -> HttpResponse:
    if not permissions.can_view_overview(request.user):
        raise PermissionDenied(_("The overview is for the RTP Secretariat."))
    if (refusal := outside_plan_years(request, year, reverse("workplans:overview_current"))) is not None:
        return refusal
    data = overview_data.build(year)
    return render(request, "workplans/overview.html", {"year": year, **data})
