"""The reminders of a due progress report that `send_report_reminders` sends by the calendar (14 and 3 days
before the deadline, the day after, then weekly): once per offset however often it runs, only to groups whose
report is not in, and counted by the submission tracker with the RTP Secretariat's own."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from roundtable.core.notifications import Notification
from roundtable.reports import services
from roundtable.reports.models import Cycle, CycleStatus, ReportReminder, ReportStatus
from roundtable.reports.reminders import offset_for, report_reminders_send
from roundtable.reports.tracker import tracker_rows

from .conftest import PATH

pytestmark = pytest.mark.django_db


def counts(cycle, on) -> dict[str, int]:
    return {row.group.code: row.reminders for row in tracker_rows(cycle, today=on)}


def test_the_offsets_follow_the_deadline():
    deadline = date(2026, 12, 31)
    assert offset_for(deadline, deadline - timedelta(days=15)) is None
    assert offset_for(deadline, deadline - timedelta(days=14)) == "before:14"
    assert offset_for(deadline, deadline - timedelta(days=4)) == "before:14"
    assert offset_for(deadline, deadline - timedelta(days=3)) == "before:3"
    assert offset_for(deadline, deadline) == "before:3"
    assert offset_for(deadline, deadline + timedelta(days=1)) == "overdue:0"
    assert offset_for(deadline, deadline + timedelta(days=7)) == "overdue:0"
    assert offset_for(deadline, deadline + timedelta(days=8)) == "overdue:1"
    assert offset_for(deadline, deadline + timedelta(days=7 * 12 + 1)) is None  # told 12 times: enough


def test_a_due_report_is_reminded_once_per_offset_and_the_tracker_counts_it(world, reporting, make_report):
    cycle = reporting.cycle
    deadline = cycle.deadline
    assert deadline == date(2026, 12, 31)  # four weeks before the meeting
    report = make_report(ReportStatus.DRAFT)  # Health writes; Education has not started
    assert report_reminders_send(on=deadline - timedelta(days=20)).reminders == []

    two_weeks = deadline - timedelta(days=14)
    sent = report_reminders_send(on=two_weeks)
    assert sorted(r.group.code for r in sent.reminders) == ["education", "health"]
    health = next(r for r in sent.reminders if r.group == world.health)
    assert health.offset == "before:14" and health.sent_by is None and health.recipients == 3
    assert set(
        Notification.objects.filter(key=f"reports:reminder:{health.pk}").values_list(
            "recipient__username", flat=True
        )
    ) == {"health-secretariat", "health-chair", "health-cochair"}
    # Run again that day, or a few days later at the same offset: nobody is told twice.
    assert report_reminders_send(on=two_weeks).reminders == []
    assert report_reminders_send(on=two_weeks + timedelta(days=5)).reminders == []
    assert counts(cycle, two_weeks) == {"health": 1, "education": 1}

    # The RTP Secretariat reminds Education by hand too: the tracker counts both kinds.
    services.report_remind(cycle=cycle, group=world.education, actor=world.user("rtp"), notify=False)
    assert counts(cycle, two_weeks) == {"health": 1, "education": 2}

    # Health's report reaches the RTP Secretariat: only Education is reminded after that.
    for step, persona in PATH[ReportStatus.SUBMITTED]:
        report = services.report_take_step(report=report, actor=world.user(persona), step=step, notify=False)
    sent = report_reminders_send(on=deadline - timedelta(days=3))
    assert [(r.group.code, r.offset) for r in sent.reminders] == [("education", "before:3")]
    out = StringIO()
    call_command("send_report_reminders", "--on", (deadline + timedelta(days=1)).isoformat(), stdout=out)
    assert out.getvalue().startswith("1 reminders sent")
    assert ReportReminder.objects.filter(group=world.education, offset="overdue:0").exists()
    assert counts(cycle, deadline + timedelta(days=1)) == {"health": 1, "education": 4}


def test_a_cycle_that_is_not_open_sends_no_reminder(world, reporting):
    cycle = reporting.cycle
    Cycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.DRAFT)  # back in preparation
    assert report_reminders_send(on=cycle.deadline - timedelta(days=3)).reminders == []
