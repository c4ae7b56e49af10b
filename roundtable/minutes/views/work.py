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

from .. import services
from ..access import unpublished_versions_with_steps
from ..workflow import step_label


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
        request,
        "minutes/work.html",
        {
            "to_start": to_start,
            "waiting": waiting,
            "waiting_minutes": _by_minutes(user, waiting),
            "in_progress": in_progress,
        },
    )


def _by_minutes(user, waiting) -> list[dict]:
    """The waiting versions by minutes, each with the steps that move them together: a step that needs
    nothing more (send, publish) is one button here; one that asks (a date, a comment, the approval
    before the comments deadline) opens its page."""
    rows: dict[int, dict] = {}
    for version, steps in waiting:
        row = rows.setdefault(
            version.minutes_id, {"meeting": version.minutes.meeting, "versions": [], "steps": {}}
        )
        row["versions"].append(version)
        group = version.minutes.meeting.group
        for name in steps:
            step = services.STEPS[name]
            entry = row["steps"].setdefault(
                name,
                {
                    "step": step,
                    "label": step_label(step, user, group),
                    "languages": [],
                    "direct": not (step.needs_date or step.needs_comment or step.waits_for_comments),
                },
            )
            entry["languages"].append(version.get_language_display())
    return [{**row, "steps": list(row["steps"].values())} for row in rows.values()]
