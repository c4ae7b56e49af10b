"""The minutes' section of "My work" (registered from MinutesConfig.ready()).

How many language versions wait for a step by the user (the same reckoning as the `minutes:work`
page the section links to), and the user's own open action points, overdue ones first.
"""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.http import HttpRequest
from django.utils import timezone

from roundtable.core import permissions as core

from .access import unpublished_versions_with_steps
from .models import ActionPoint, MinutesVersion

ACTION_POINTS_SHOWN = 10


def versions_waiting_for(user) -> list[tuple[MinutesVersion, list[str]]]:
    """The language versions on which the user could take a step now: "Waiting for you" of `minutes:work`."""
    return [(version, steps) for version, steps in unpublished_versions_with_steps(user) if steps]


def my_minutes(request: HttpRequest) -> dict | None:
    """At most four queries: the versions (with the forums for the RTP Secretariat), the action points'
    counts and the first of them."""
    user = request.user
    waiting_count = len(versions_waiting_for(user))

    person = core.person_of(user)
    action_points: list[ActionPoint] = []
    counts = {"open": 0, "overdue": 0}
    if person is not None:
        mine = ActionPoint.objects.open().filter(responsible_person=person)
        today = timezone.localdate()
        counts = mine.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
        if counts["open"]:
            action_points = list(
                mine.select_related("group", "item__minutes__meeting").order_by(
                    F("due_date").asc(nulls_last=True), "pk"
                )[:ACTION_POINTS_SHOWN]
            )

    if not waiting_count and not action_points:
        return None
    return {
        "template": "minutes/_dashboard_section.html",
        "context": {
            "waiting_count": waiting_count,
            "action_points": action_points,
            "open_count": counts["open"],
            "overdue_count": counts["overdue"],
        },
    }
