"""What the minutes add to other pages (imported by MinutesConfig.ready()): the group page's latest minutes,
"My work"'s versions waiting for the user and their action points, and on a meeting's page its minutes and
the review of the group's open action points."""

from __future__ import annotations

from django.http import HttpRequest

from roundtable.core.sections import dashboard_sections, group_sections, meeting_sections
from roundtable.meetings.models import AgendaItemKind, Meeting

from .dashboard import my_minutes
from .group_sections import minutes_section
from .links import minutes_link_for, open_action_points_for
from .permissions import can_view_action_points

group_sections.register(minutes_section, order=40)
dashboard_sections.register(my_minutes, order=40)


@meeting_sections.register(order=10)
def action_review(request: HttpRequest, meeting: Meeting) -> dict | None:
    """Inside the agenda's "review of open action points" item: the points as far as the visitor may read."""
    if not meeting.agenda_items.filter(kind=AgendaItemKind.ACTION_REVIEW).exists():
        return None
    return {
        "template": "minutes/_meeting_action_review.html",
        "context": {"action_points": open_action_points_for(request.user, meeting)},
        "slot": "action_review",
    }


@meeting_sections.register(order=20)
def meeting_minutes(request: HttpRequest, meeting: Meeting) -> dict | None:
    """The minutes' versions the visitor may read, or the secretariat's offer to start them."""
    link = minutes_link_for(request.user, meeting)
    if link is None:
        return None
    # The group's action-point list is for its members: no link to a page the visitor may not open.
    link = {**link, "can_view_action_points": can_view_action_points(request.user, meeting.group)}
    return {"template": "minutes/_meeting_minutes.html", "context": link}
