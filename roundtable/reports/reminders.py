"""Reminders of a progress report that is due (`manage.py send_report_reminders`, from cron, daily).

For each open cycle, each group that must report and whose report has not reached the RTP Secretariat
(not started, draft, with the chair, approved by the chair, returned) is reminded on the calendar of the
compliance reminders (the same settings): when the deadline is 14 or 3 days away (`REMINDER_DAYS_BEFORE`),
the day after it and then weekly while the report is late (`REMINDER_OVERDUE_EVERY_DAYS`), at most
`REMINDER_OVERDUE_TIMES` times. A reminder is a `ReportReminder` with its offset (one of each per group
and cycle: a unique constraint, so that the command can run again, or on two nodes), sent through
`notices.reminder` to the group's secretariat and chairs; the submission tracker counts them with the RTP
Secretariat's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import notices
from .models import Cycle, CycleStatus, ReportReminder
from .tracker import tracker_rows


def _setting(name: str, default):
    return getattr(settings, "ROUNDTABLE", {}).get(name, default)


def offset_for(deadline: date, on: date) -> str | None:
    """Where `on` stands to the deadline for a reminder, or None (not near, or reminded enough)."""
    left = (deadline - on).days
    if left >= 0:
        fitting = sorted(int(n) for n in _setting("REMINDER_DAYS_BEFORE", (14, 3)) if left <= int(n))
        return f"before:{fitting[0]}" if fitting else None
    periods = (-left - 1) // max(1, int(_setting("REMINDER_OVERDUE_EVERY_DAYS", 7)))
    if periods >= max(1, int(_setting("REMINDER_OVERDUE_TIMES", 12))):
        return None
    return f"overdue:{periods}"


@dataclass
class RemindersSent:
    reminders: list[ReportReminder] = field(default_factory=list)
    # People told, over all reminders (a group may have nobody with an account and an address).
    recipients: int = 0


def report_reminders_send(*, on: date | None = None, notify: bool = True) -> RemindersSent:
    """Remind each group of an open cycle whose report is due and not in (see the module's docstring)."""
    on = on or timezone.localdate()
    result = RemindersSent()
    for cycle in Cycle.objects.filter(status=CycleStatus.OPEN, deadline__isnull=False).order_by("deadline"):
        offset = offset_for(cycle.deadline, on)
        if offset is None:
            continue
        for row in tracker_rows(cycle, today=on):
            if row.is_in:
                continue
            try:
                with transaction.atomic():
                    reminder = ReportReminder.objects.create(cycle=cycle, group=row.group, offset=offset)
            except IntegrityError:
                continue  # reminded at this offset already
            told = (
                notices.reminder(cycle, row.group, reminder, report=row.report, actor=None) if notify else []
            )
            ReportReminder.objects.filter(pk=reminder.pk).update(recipients=len(told))
            reminder.recipients = len(told)
            result.reminders.append(reminder)
            result.recipients += len(told)
    return result
