"""The meetings section of the group page (registered from MeetingsConfig.ready())."""

from __future__ import annotations

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from . import permissions
from .models import Meeting, MeetingState


def meetings_section(request, group) -> dict | None:
    """Upcoming and recent meetings the visitor sees, and meetings held per quarter this year (3 queries)."""
    now = timezone.now()
    year = timezone.localdate().year
    visible = permissions.visible_meetings(request.user, Meeting.objects.filter(group=group))
    upcoming = list(
        visible.filter(start__gte=now).exclude(state=MeetingState.CANCELLED).order_by("start")[:5]
    )
    recent = list(visible.filter(start__lt=now).order_by("-start")[:5])
    months = (
        visible.filter(start__year=year, state=MeetingState.HELD)
        .annotate(month=ExtractMonth("start"))
        .values("month")
        .annotate(n=Count("pk", filter=Q(state=MeetingState.HELD)))
        .order_by()
    )
    per_quarter = dict.fromkeys(range(1, 5), 0)
    for row in months:
        per_quarter[(row["month"] - 1) // 3 + 1] += row["n"]
    can_schedule = permissions.can_schedule(request.user, group)
    if not (upcoming or recent or can_schedule):
        return None
    return {
        "template": "meetings/_group_section.html",
        "context": {
            "group": group,
            "upcoming": upcoming,
            "recent": recent,
            "year": year,
            "per_quarter": sorted(per_quarter.items()),
            "current_quarter": (timezone.localdate().month - 1) // 3 + 1,
            "can_schedule": can_schedule,
        },
    }
