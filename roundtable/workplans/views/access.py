"""Loading what a work-plan page works on, with the permissions applied (404 for what the visitor may not
know about, 403 for what they see but may not change), and the small helpers the views share."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from roundtable.core.services import Conflict, Refused
from roundtable.groups.models import Group

from .. import permissions
from ..models import FIRST_YEAR, LAST_YEAR, WorkPlan, is_plan_year


def outside_plan_years(request: HttpRequest, year: int, fallback: str) -> HttpResponse | None:
    """For a page that acts on a year (start a plan, the year's overview): a year no plan can have goes
    to `fallback`, saying which years there are."""
    if is_plan_year(year):
        return None
    messages.error(
        request,
        _("Work plans are for the years %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
    )
    return redirect(fallback)


def get_group(code: str) -> Group:
    return get_object_or_404(
        Group.objects.select_related("parent"), code=code, kind__in=permissions.PLANNED_KINDS
    )


def get_plan_for_user(request: HttpRequest, code: str, year: int) -> WorkPlan:
    """The plan, or 404 when it does not exist or the visitor may not see it (drafts stay unknown)."""
    plan = get_object_or_404(
        WorkPlan.objects.select_related("group", "group__parent"), group__code=code, year=year
    )
    if not permissions.can_view_workplan(request.user, plan):
        raise Http404
    return plan


def get_plan_for_edit(request: HttpRequest, code: str, year: int) -> WorkPlan:
    """The plan for a change: 404 when the user may not even see it, 403 when their role may not change it."""
    plan = get_plan_for_user(request, code, year)
    if not permissions.may_edit_group_plans(request.user, plan.group):
        raise PermissionDenied(_("Only the group's secretariat may change its work plan."))
    return plan


def not_editable(request: HttpRequest, plan: WorkPlan) -> HttpResponse | None:
    """A message and a way back when the plan is no longer in the secretariat's hands."""
    if plan.is_editable:
        return None
    messages.error(
        request,
        _("The plan is “%(status)s”: it can be changed only as a draft or when returned.")
        % {"status": plan.get_status_display()},
    )
    return redirect(plan.get_absolute_url())


def plan_url(plan: WorkPlan, name: str, *args) -> str:
    return reverse(f"workplans:{name}", args=[plan.group.code, plan.year, *args])


def refusal_text(error: Refused | Conflict | ValidationError) -> str:
    """What to tell the user when a service refused: its message (a ValidationError's messages)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error.message)


def conflict_message(request: HttpRequest) -> None:
    messages.error(
        request,
        _("Someone saved this after you opened it. Your text is kept: see what changed, then save again."),
    )


def rebound(form_class, request: HttpRequest, revision: int, **kwargs):
    """The user's input again, but with the current revision: saving once more, knowingly, overwrites."""
    data = request.POST.copy()
    data["revision"] = str(revision)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


def confirm_then_remove(
    request: HttpRequest, plan: WorkPlan, *, question: str, back: str, remove, done: str
) -> HttpResponse:
    """GET asks `question`; POST calls `remove()` and goes `back` with `done` (or the reason it could not)."""
    if request.method != "POST":
        return render(
            request,
            "workplans/confirm_delete.html",
            {"plan": plan, "question": question, "cancel_url": back},
        )
    try:
        remove()
    except (Refused, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, done)
    return redirect(back)
