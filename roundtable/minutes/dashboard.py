"""The minutes' section of "My work" (registered from MinutesConfig.ready()).

How many language versions wait for a step by the user (the same reckoning as the `minutes:work`
page the section links to), and the user's own open action points, overdue ones first.
"""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.http import HttpRequest
from django.utils import timezone

from roundtable.core import permissions as core
from roundtable.groups.models import Group

from . import services
from .models import ActionPoint, MinutesStatus, MinutesVersion

ACTION_POINTS_SHOWN = 10
# The `minutes:work` page looks at this many unpublished versions; the count agrees with that page.
CANDIDATE_LIMIT = 200


def versions_waiting_for(user) -> list[tuple[MinutesVersion, list[str]]]:
    """The language versions on which the user could take a step now, with those steps.

    The reckoning of `minutes:work` ("Waiting for you"): the unpublished versions of the user's groups
    (for the RTP Secretariat also the forums' and every version sent to it), kept when
    `services.allowed_steps` allows the user a step. Two queries at most, whatever the number of minutes.
    """
    roles = core.roles_by_group(user)
    kept = {gid for gid, r in roles.items() if core.SECRETARIAT in r}
    unpublished = MinutesVersion.objects.exclude(status=MinutesStatus.PUBLISHED)
    if core.is_rtp_secretariat(user):
        kept |= set(Group.objects.filter(kind="forum").values_list("id", flat=True))
        candidates = unpublished.filter(
            Q(minutes__meeting__group_id__in=set(roles) | kept) | Q(status=MinutesStatus.SENT)
        )
    elif roles:
        candidates = unpublished.filter(minutes__meeting__group_id__in=set(roles))
    else:
        return []
    candidates = candidates.select_related("minutes__meeting__group").order_by(
        "-minutes__meeting__start", "language"
    )[:CANDIDATE_LIMIT]
    waiting = []
    for version in candidates:
        steps = services.allowed_steps(user, version, version.minutes.meeting.group)
        if steps:
            waiting.append((version, steps))
    return waiting


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
