"""The RTP Secretariat's submission tracker of a cycle, and the road map's timeline.

The tracker: each group that must report, its report's state, when it was first submitted, how many days
late (to the submission, or to today while it is not in), and the reminders sent. Four queries.

The timeline: the cycle's milestones and the meetings of the Round Table forums (the chairs and co-chairs
meeting, the preparatory consultations) held in the run-up to the meeting, in date order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max
from django.utils import timezone

from roundtable.groups.models import Group, GroupKind
from roundtable.meetings.models import Meeting, MeetingState

from .models import LIVE_STATUSES, Cycle, ProgressReport, ReportReminder, ReportStatus

WAITING = frozenset({ReportStatus.SUBMITTED})


@dataclass
class TrackerRow:
    group: Group
    report: ProgressReport | None
    submitted_on: date | None
    days_late: int
    reminders: int
    last_reminder: object
    can_remind: bool

    @property
    def is_in(self) -> bool:
        return self.report is not None and self.report.status not in LIVE_STATUSES

    @property
    def is_late(self) -> bool:
        return self.days_late > 0


def tracker_rows(cycle: Cycle, today: date | None = None) -> list[TrackerRow]:
    today = today or timezone.localdate()
    groups = list(cycle.groups.select_related("parent").order_by("order", "code"))
    reports = {r.group_id: r for r in ProgressReport.objects.filter(cycle=cycle).only(
        "id", "group_id", "status", "submitted_at", "cycle_id"
    )}  # fmt: skip
    reminders = {
        row["group_id"]: row
        for row in ReportReminder.objects.filter(cycle=cycle)
        .values("group_id")
        .annotate(n=Count("id"), last=Max("sent_at"))
        .order_by()
    }
    rows = []
    for group in groups:
        report = reports.get(group.pk)
        if report is not None:
            report.group, report.cycle = group, cycle  # links need the codes: no query per row
        submitted = timezone.localdate(report.submitted_at) if report and report.submitted_at else None
        reminder = reminders.get(group.pk, {})
        not_in = report is None or report.status in LIVE_STATUSES
        rows.append(
            TrackerRow(
                group=group,
                report=report,
                submitted_on=submitted,
                days_late=cycle.days_late(submitted, today),
                reminders=reminder.get("n", 0),
                last_reminder=reminder.get("last"),
                can_remind=cycle.is_open and not_in,
            )
        )
    return rows


def tracker_counts(rows: list[TrackerRow]) -> dict:
    return {
        "groups": len(rows),
        "not_started": sum(1 for r in rows if r.report is None),
        "in": sum(1 for r in rows if r.is_in),
        "late": sum(1 for r in rows if r.is_late),
        "accepted": sum(
            1 for r in rows if r.report and r.report.status in (ReportStatus.ACCEPTED, ReportStatus.PUBLISHED)
        ),
        "waiting": sum(1 for r in rows if r.report and r.report.status in WAITING),
    }


@dataclass
class TimelineEntry:
    day: date
    title: str
    owner: str
    status: str
    status_label: str
    milestone: object = None
    meeting: object = None
    documents: tuple = ()


def timeline(cycle: Cycle, *, public_only: bool = True) -> list[TimelineEntry]:
    """Milestones and the forums' meetings before the meeting, oldest first. Three queries."""
    from django.utils.translation import gettext as _

    milestones = list(
        cycle.milestones.select_related("owner", "meeting")
        .prefetch_related("documents")
        .order_by("due_on", "id")
    )
    linked = {m.meeting_id for m in milestones if m.meeting_id}
    previous = (
        Cycle.objects.public()
        .filter(held_on__lt=cycle.held_on)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    since = previous or cycle.held_on - timedelta(days=365)
    meetings = Meeting.objects.filter(
        group__kind=GroupKind.FORUM, start__date__gt=since, start__date__lte=cycle.held_on
    ).exclude(state=MeetingState.CANCELLED)
    if public_only:
        meetings = meetings.filter(is_public=True)
    entries = [
        TimelineEntry(
            day=m.due_on,
            title=m.title,
            owner=m.owner.name if m.owner else _("RTP Secretariat"),
            status=m.status,
            status_label=m.get_status_display(),
            milestone=m,
            meeting=m.meeting if m.meeting_id and (m.meeting.is_public or not public_only) else None,
            documents=tuple(m.documents.all()),
        )
        for m in milestones
    ]
    today = timezone.localdate()
    for meeting in meetings.select_related("group").exclude(pk__in=linked).order_by("start"):
        held = meeting.state == MeetingState.HELD or timezone.localdate(meeting.start) < today
        entries.append(
            TimelineEntry(
                day=timezone.localdate(meeting.start),
                title=meeting.title,
                owner=meeting.group.name,
                status="done" if held else "planned",
                status_label=_("Held") if held else meeting.get_state_display(),
                meeting=meeting,
            )
        )
    return sorted(entries, key=lambda e: e.day)
