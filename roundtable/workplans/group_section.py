"""The work plans' section of the group page (registered from WorkplansConfig.ready())."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from . import permissions
from .models import WorkPlan


def workplans_section(request, group) -> dict | None:
    """Published plans for everyone; the current plan's status (and deadline) for those who may see it;
    a button to start this year's plan for the secretariat. Three queries at most."""
    if group.kind not in permissions.PLANNED_KINDS:
        return None
    user = request.user
    year = timezone.localdate().year
    published = list(
        WorkPlan.objects.published()
        .filter(group=group)
        .annotate(priority_count=Count("priorities"))
        .order_by("-year")
    )
    current = None
    if permissions.can_view_unpublished_of(user, group):
        current = (
            WorkPlan.objects.filter(group=group, year__gte=year)
            .exclude(status="published")
            .order_by("year")
            .first()
        )
    start_year = None
    if (
        permissions.can_create_workplan(user, group)
        and not any(p.year == year for p in published)
        and (current is None or current.year != year)
        and not WorkPlan.objects.filter(group=group, year=year).exists()
    ):
        start_year = year
    return {
        "template": "workplans/_group_section.html",
        "context": {
            "published": published,
            "current": current,
            "current_late": current.is_late() if current else False,
            "show_deadline": permissions.can_view_deadline(user, group),
            "start_year": start_year,
        },
    }
