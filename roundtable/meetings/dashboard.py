"""The meetings' section of "My work" (registered from MeetingsConfig.ready()).

The next meetings of the user's groups, and the invitations they have not answered yet (which may
come from a group they do not belong to: an invitee is an insider of that one meeting).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from roundtable.core import permissions as core
from roundtable.groups import roles
from roundtable.groups.models import Group

from . import permissions
from .models import Meeting, MeetingState, Participant, ParticipantSource, Response

UPCOMING_LIMIT = 5
# The RTP Secretariat is invited to many meetings: the page shows the first ones and how many in all.
UNANSWERED_LIMIT = 10


def my_meetings(request: HttpRequest) -> dict | None:
    """Three queries at most (the roles and the Person are already loaded by the dashboard)."""
    user = request.user
    group_ids = list(roles.roles_by_group(user))
    upcoming: list[Meeting] = []
    if group_ids:
        upcoming = list(
            permissions.visible_meetings(user, Meeting.objects.filter(group_id__in=group_ids))
            .upcoming()
            .select_related("group")
            .order_by("start", "pk")[:UPCOMING_LIMIT]
        )
    person = core.person_of(user)
    unanswered: list[Participant] = []
    unanswered_count = 0
    if person is not None:
        # Still answerable: not cancelled and not over (the answer page closes then too).
        pending = Participant.objects.filter(
            person=person,
            source=ParticipantSource.INVITED,
            response=Response.PENDING,
            meeting__end__gte=timezone.now(),
        ).exclude(meeting__state=MeetingState.CANCELLED)
        unanswered = list(
            pending.select_related("meeting", "meeting__group").order_by("meeting__start", "meeting_id")[
                :UNANSWERED_LIMIT
            ]
        )
        unanswered_count = len(unanswered)
        if unanswered_count == UNANSWERED_LIMIT:
            unanswered_count = pending.count()
    # The groups whose meetings the user schedules (their secretariat): one link each to a new meeting.
    managed = roles.managed_group_ids(user)
    schedule = []
    if managed:
        schedule = list(Group.objects.active().filter(pk__in=managed).order_by("order", "code"))
    if not upcoming and not unanswered and not schedule:
        return None
    return {
        "template": "meetings/_dashboard_section.html",
        "context": {
            "upcoming": upcoming,
            "unanswered": unanswered,
            "unanswered_count": unanswered_count,
            "schedule": schedule,
        },
    }
