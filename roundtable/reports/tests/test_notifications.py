"""Each step tells its next actor, once, in their own language, with a link to the report; the RTP
Secretariat's messages answer to the group's secretariat; opening a cycle and a reminder tell the groups."""

import pytest
from django.core import mail
from django.utils import formats, translation

from roundtable.core.notifications import Notification
from roundtable.reports import services
from roundtable.reports.models import ReportReminder, ReportStatus
from roundtable.reports.tracker import tracker_rows

from .conftest import PATH, fill


@pytest.fixture
def languages(world):
    """The co-chair reads English; everyone else Lao (the default)."""
    cochair = world.people["cochair"]
    cochair.preferred_language = "en"
    cochair.save()


def told(key_part: str) -> dict[str, str]:
    """{username: language} of the notifications whose key contains `key_part`."""
    return {
        n.recipient.username: n.language
        for n in Notification.objects.filter(key__contains=key_part).select_related("recipient")
    }


def take(report, world, step, persona, comment=""):
    return services.report_take_step(report=report, actor=world.user(persona), step=step, comment=comment)


def test_each_step_tells_its_next_actor_in_their_language(
    world, reporting, languages, django_capture_on_commit_callbacks
):
    report = services.report_start(cycle=reporting.cycle, group=world.health, actor=world.user("secretariat"))
    fill(report, world, reporting)
    with django_capture_on_commit_callbacks(execute=True):
        report = take(report, world, "send", "secretariat")
    assert told(f"reports:{report.pk}:send") == {"health-chair": "lo", "health-cochair": "en"}
    english = next(m for m in mail.outbox if m.to == ["health-cochair@example.la"])
    assert english.subject == "Progress report for your approval: Health"
    assert f"/en/round-table/{reporting.cycle.code}/reports/health/" in english.body
    lao = next(m for m in mail.outbox if m.to == ["health-chair@example.la"])
    assert f"/lo/round-table/{reporting.cycle.code}/reports/health/" in lao.body

    report = take(report, world, "chair_return", "cochair", "Add the budget figures.")
    assert told(f"reports:{report.pk}:chair_return") == {"health-secretariat": "lo"}
    assert "Add the budget figures." in Notification.objects.get(key__contains=":chair_return:").body

    report = take(report, world, "send", "secretariat")  # a second sending is a new event: told again
    assert set(told(f"reports:{report.pk}:send")) == {"health-chair", "health-cochair"}
    assert (
        Notification.objects.filter(key__contains=":send:", recipient__username="health-chair").count() == 2
    )

    report = take(report, world, "chair_approve", "chair")
    assert told(f"reports:{report.pk}:chair_approve") == {"health-secretariat": "lo"}

    report = take(report, world, "submit", "secretariat")
    submitted = Notification.objects.get(key__contains=":submit:")
    assert told(f"reports:{report.pk}:submit") == {"rtp": "lo"}
    assert submitted.reply_to == "health-secretariat@example.la"

    report = take(report, world, "accept", "rtp")
    # The next actor and the chairs are told; the RTP Secretariat who took the step is not.
    assert told(f"reports:{report.pk}:accept") == {
        "health-secretariat": "lo",
        "health-chair": "lo",
        "health-cochair": "en",
    }
    services.cycle_publish(cycle=reporting.cycle, actor=world.user("rtp"))
    assert set(told(f"reports:{report.pk}:publish")) == {
        "health-secretariat",
        "health-chair",
        "health-cochair",
    }


def test_a_return_by_the_rtp_secretariat_tells_the_groups_secretariat(world, reporting, make_report):
    report = make_report(ReportStatus.SUBMITTED)
    take(report, world, "return", "rtp", "The facts on minutes need a comment.")
    assert told(f"reports:{report.pk}:return") == {"health-secretariat": "lo"}


def test_the_actor_is_never_told_of_their_own_step(world, reporting, make_report):
    # The secretariat is also a co-chair here: sending tells the chair, not itself.
    from roundtable.groups.models import ChairTerm

    ChairTerm.objects.filter(role="cochair").update(person=world.people["secretariat"])
    report = services.report_start(cycle=reporting.cycle, group=world.health, actor=world.user("secretariat"))
    fill(report, world, reporting)
    take(report, world, "send", "secretariat")
    assert told(f"reports:{report.pk}:send") == {"health-chair": "lo"}


def test_opening_a_cycle_tells_each_reporting_groups_secretariat(world, reporting):
    cycle = reporting.cycle
    cycle.status = "draft"
    cycle.opened_at = None
    cycle.save()
    services.cycle_open(cycle=cycle, actor=world.user("rtp"))
    assert told(f"reports:cycle:{cycle.pk}:due") == {
        "health-secretariat": "lo",
        "education-secretariat": "lo",
    }
    body = Notification.objects.filter(key__contains=":due:").first().body
    with translation.override("lo"):
        assert formats.date_format(cycle.deadline, "DATE_FORMAT") in body


def test_a_reminder_tells_the_secretariat_and_the_chairs_and_the_tracker_counts_it(
    world, reporting, make_report
):
    report = make_report(ReportStatus.DRAFT)
    reminder = services.report_remind(cycle=reporting.cycle, group=world.health, actor=world.user("rtp"))
    assert reminder.recipients == 3
    assert told(f"reports:reminder:{reminder.pk}") == {
        "health-secretariat": "lo",
        "health-chair": "lo",
        "health-cochair": "lo",
    }
    services.report_remind(cycle=reporting.cycle, group=world.health, actor=world.user("rtp"))
    row = next(r for r in tracker_rows(reporting.cycle) if r.group == world.health)
    assert (row.reminders, row.report.pk) == (2, report.pk)
    # Once the report is in, no reminder.
    for step, persona in PATH[ReportStatus.SUBMITTED]:
        report = services.report_take_step(report=report, actor=world.user(persona), step=step, notify=False)
    with pytest.raises(services.Refused):
        services.report_remind(cycle=reporting.cycle, group=world.health, actor=world.user("rtp"))
    assert ReportReminder.objects.count() == 2


def test_a_group_that_has_not_started_is_reminded_too(world, reporting):
    reminder = services.report_remind(cycle=reporting.cycle, group=world.education, actor=world.user("rtp"))
    assert told(f"reports:reminder:{reminder.pk}") == {"education-secretariat": "lo"}
    for persona in ["secretariat", "chair", "member", "anonymous"]:
        with pytest.raises(services.Refused):
            services.report_remind(cycle=reporting.cycle, group=world.education, actor=world.user(persona))


def test_the_demo_steps_tell_nobody(world, reporting, make_report):
    make_report(ReportStatus.ACCEPTED)  # notify=False
    assert not Notification.objects.exists()
