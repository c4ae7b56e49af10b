"""What waits for the user: meetings without minutes and versions waiting for their step."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from roundtable.core import permissions as core
from roundtable.groups.models import Group
from roundtable.groups.roles import SECRETARIAT, roles_by_group
from roundtable.meetings.models import Meeting, MeetingState

from ..access import unpublished_versions_with_steps


@login_required
def work(request: HttpRequest) -> HttpResponse:
    """What waits for this user: meetings without minutes, versions waiting for their step."""
    user = request.user
    roles = roles_by_group(user)
    kept = {gid for gid, r in roles.items() if SECRETARIAT in r}
    if core.is_rtp_secretariat(user):
        kept |= set(Group.objects.filter(kind="forum").values_list("id", flat=True))
    to_start = (
        Meeting.objects.filter(group_id__in=kept, minutes__isnull=True, start__lte=timezone.now())
        .exclude(state=MeetingState.CANCELLED)
        .select_related("group")
        .order_by("-start")[:50]
    )
    waiting, in_progress = [], []
    for version, steps in unpublished_versions_with_steps(user):
        (waiting if steps else in_progress).append((version, steps))
    return render(
        request, "minutes/work.html", {"to_start": to_start, "waiting": waiting, "in_progress": in_progress}
    )
