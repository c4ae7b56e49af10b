"""The minutes' section of the group page: latest published minutes; action-point counts for members."""

from __future__ import annotations

from .models import ActionPoint, Minutes, MinutesStatus, MinutesVersion
from .permissions import can_view_action_points


def minutes_section(request, group) -> dict | None:
    published = (
        Minutes.objects.published()
        .filter(meeting__group=group)
        .select_related("meeting")
        .order_by("-meeting__start")[:5]
    )
    published = list(published)
    show_actions = can_view_action_points(request.user, group)
    context = {"published": published, "show_actions": show_actions}
    if show_actions:
        actions = ActionPoint.objects.filter(group=group)
        context["open_count"] = actions.open().count()
        context["overdue_count"] = actions.overdue().count()
        context["in_progress"] = (
            MinutesVersion.objects.filter(minutes__meeting__group=group)
            .exclude(status=MinutesStatus.PUBLISHED)
            .count()
        )
    if not published and not show_actions:
        return None
    return {"template": "minutes/_group_section.html", "context": context}
