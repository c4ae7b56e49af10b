"""`send_reminders`: the offsets, one digest per person per day in their language, never twice, `N sent`."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from roundtable.compliance.items import Item, Status
from roundtable.compliance.models import Obligation, ReminderDigest, ReminderLog
from roundtable.compliance.reminders import offset_for, reminders_send
from roundtable.directory.models import Membership

from .conftest import aware, meeting, minutes_version, workplan


def run(day: date, *args) -> str:
    out = io.StringIO()
    with time_machine.travel(aware(day, 7), tick=False):
        call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def only_workplan(checklist_world):
    """Only the work plan's obligation on the SWG checklist (the others retired), and only Health with a
    secretariat (Education's left), to count what is told; the work plan of 2025 was sent."""
    Obligation.objects.exclude(template__kind="swg", code="workplan").update(first_year=2000, last_year=2000)
    Membership.objects.filter(group=checklist_world.education).update(end_date=date(2020, 1, 1))
    workplan(checklist_world.health, 2025, submitted=date(2025, 1, 10))
    return checklist_world


def _item(due: date, status=Status.DUE) -> Item:
    return Item(key="2026", label="", due=due, done=None, status=status)


@pytest.mark.parametrize(
    ("today", "offset"),
    [
        (date(2026, 1, 16), None),  # 15 days before
        (date(2026, 1, 17), "before:14"),
        (date(2026, 1, 27), "before:14"),  # 4 days before
        (date(2026, 1, 28), "before:3"),
        (date(2026, 1, 31), "before:3"),  # the due day
        (date(2026, 2, 1), "overdue:0"),  # the day after
        (date(2026, 2, 7), "overdue:0"),
        (date(2026, 2, 8), "overdue:1"),  # a week later
        (date(2026, 2, 15), "overdue:2"),
    ],
)
def test_the_offset_of_an_item_on_each_day(today, offset):
    status = Status.OVERDUE if today > date(2026, 1, 31) else Status.DUE
    assert offset_for(_item(date(2026, 1, 31), status), today) == offset


def test_overdue_reminders_stop_after_the_set_number_of_times(settings):
    item = _item(date(2026, 1, 31), Status.OVERDUE)
    assert offset_for(item, date(2026, 4, 25)) == "overdue:11"
    assert offset_for(item, date(2026, 4, 26)) is None
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "REMINDER_OVERDUE_TIMES": 20}
    assert offset_for(item, date(2026, 4, 26)) == "overdue:12"


def test_a_missed_quarter_is_told_once_not_every_week():
    item = _item(date(2026, 3, 31), Status.OVERDUE)
    assert offset_for(item, date(2026, 4, 1), final=True) == "overdue:0"
    assert offset_for(item, date(2026, 4, 9), final=True) is None


def test_the_offsets_are_settings(settings):
    settings.ROUNDTABLE = {
        **settings.ROUNDTABLE,
        "REMINDER_DAYS_BEFORE": (7,),
        "REMINDER_OVERDUE_EVERY_DAYS": 3,
    }
    due = date(2026, 1, 31)
    assert offset_for(_item(due), date(2026, 1, 23)) is None
    assert offset_for(_item(due), date(2026, 1, 24)) == "before:7"
    assert offset_for(_item(due, Status.OVERDUE), date(2026, 2, 4)) == "overdue:1"


def test_done_and_not_applicable_items_are_not_reminded():
    assert offset_for(_item(date(2026, 1, 31), Status.DONE), date(2026, 1, 30)) is None
    assert offset_for(_item(date(2026, 1, 31), Status.NA), date(2026, 2, 3)) is None


def test_running_twice_sends_the_second_time_nothing(only_workplan):
    first = run(date(2026, 1, 20))
    assert first.strip().endswith("1 sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["health-secretariat@example.la"]
    second = run(date(2026, 1, 20))
    assert second.strip().endswith("0 sent")
    assert len(mail.outbox) == 1
    # The next day the same offset is not told again either.
    assert run(date(2026, 1, 21)).strip().endswith("0 sent")
    assert ReminderLog.objects.count() == 1


def test_each_offset_is_told_once_as_the_due_day_comes_and_passes(only_workplan):
    sent = [
        run(day).strip().splitlines()[-1] for day in (date(2026, 1, 17), date(2026, 1, 29), date(2026, 2, 1))
    ]
    assert sent == ["1 sent", "1 sent", "1 sent"]
    assert list(ReminderLog.objects.order_by("pk").values_list("offset", flat=True)) == [
        "before:14",
        "before:3",
        "overdue:0",
    ]
    assert run(date(2026, 2, 7)).strip().endswith("0 sent")
    assert run(date(2026, 2, 8)).strip().endswith("1 sent")


def test_the_reminders_stop_once_the_record_is_there(only_workplan):
    run(date(2026, 1, 17))
    workplan(only_workplan.health, 2026, submitted=date(2026, 1, 25))
    assert run(date(2026, 1, 29)).strip().endswith("0 sent")


def test_one_digest_a_day_per_person_with_every_item_in_their_language(checklist_world):
    w = checklist_world
    person = w.people["secretariat"]
    person.preferred_language = "en"
    person.save()
    m = meeting(w.health, date(2026, 1, 12))
    minutes_version(m, sent=None)
    run(date(2026, 1, 20))
    digests = [message for message in mail.outbox if message.to == ["health-secretariat@example.la"]]
    assert len(digests) == 1
    body = digests[0].body
    # The work plan (31 January), the minutes (26 January) and the sub-SWG's work plan, in English.
    assert "Send the annual work plan" in body
    assert "Send the minutes of each meeting" in body
    assert "Health Planning and Finance" in body
    assert "/en/compliance/groups/health/" in body
    assert ReminderDigest.objects.filter(recipient=w.user("secretariat")).count() == 1


def test_what_becomes_due_after_todays_digest_waits_for_tomorrow(only_workplan):
    w = only_workplan
    run(date(2026, 1, 17))
    Obligation.objects.filter(template__kind="swg", code="minutes-sent").update(
        first_year=None, last_year=None
    )
    meeting(w.health, date(2026, 1, 12))
    assert run(date(2026, 1, 17)).strip().endswith("0 sent")
    assert run(date(2026, 1, 18)).strip().endswith("1 sent")
    assert "Send the minutes" in mail.outbox[-1].body or "ນຳສົ່ງບົດບັນທຶກ" in mail.outbox[-1].body


def test_a_lao_speaker_gets_the_email_in_lao(only_workplan):
    run(date(2026, 1, 20))
    assert "ນຳສົ່ງແຜນວຽກປະຈຳປີ" in mail.outbox[0].body
    assert "/lo/compliance/groups/health/" in mail.outbox[0].body


def test_the_rtp_secretariat_is_told_what_it_must_publish(checklist_world):
    Obligation.objects.exclude(template__kind="swg", code="minutes-published").update(
        first_year=2000, last_year=2000
    )
    m = meeting(checklist_world.health, date(2026, 1, 5))
    minutes_version(m, sent=date(2026, 1, 10))
    assert run(date(2026, 1, 30)).strip().endswith("1 sent")
    assert mail.outbox[0].to == ["rtp@example.la"]


def test_a_dry_run_records_nothing(only_workplan):
    out = run(date(2026, 1, 20), "--dry-run")
    assert "health-secretariat: health/workplan/2026 before:14" in out
    assert out.strip().endswith("0 sent")
    assert not ReminderLog.objects.exists() and not mail.outbox


def test_a_failed_sending_is_sent_by_the_next_run(only_workplan, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    def broken(self, messages):
        raise ConnectionError("SMTP went away")

    monkeypatch.setattr(EmailBackend, "send_messages", broken)
    with time_machine.travel(aware(date(2026, 1, 20), 7), tick=False):
        result = reminders_send()
    assert result.job.status == "failed" and result.sent == 0
    monkeypatch.undo()
    out = run(date(2026, 1, 20))
    assert "Queued again the reminder job" in out
    assert out.strip().endswith("1 sent")  # the earlier run's email, sent by this run
    assert len(mail.outbox) == 1


def test_the_progress_report_is_left_to_the_reports_own_reminders(checklist_world):
    """The progress report is reminded by `send_report_reminders` (counted by the cycle's tracker): the
    checklist's digest does not tell it a second time, while it still tells what else is due."""
    from roundtable.reports.models import Cycle

    cycle = Cycle.objects.create(code="rtim-2026", year=2026, held_on=date(2026, 12, 14), status="open")
    cycle.groups.add(checklist_world.health)
    run(date(2026, 11, 10))  # six days before the report's deadline (16 November)
    logged = set(ReminderLog.objects.values_list("obligation__code", flat=True))
    assert "progress-report" not in logged
    assert logged, "the other open items of the year are still told"
