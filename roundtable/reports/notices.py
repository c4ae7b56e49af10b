"""Telling the next actor that it is their turn (core.notifications.notify), for every step of a report's
life, the opening of a cycle and the RTP Secretariat's reminders.

Who is told comes from the STEPS table (`Step.notifies`) and `groups.recipients`; each person is told in
their own language, with a link to the report; what goes to the RTP Secretariat answers to the group's
secretariat (Reply-To). The email templates are `reports/email/<event>_subject.txt` and `_body.txt`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats

from roundtable.core.i18n import localized
from roundtable.core.notifications import actor_name, notify
from roundtable.groups import recipients

from .workflow import RTP


def _context(cycle, group, lang: str, **extra) -> dict:
    return {
        "group_name": localized(group, "name", lang),
        "cycle_title": cycle.title_in(lang),
        "deadline": formats.date_format(cycle.deadline, "DATE_FORMAT") if cycle.deadline else "",
        **extra,
    }


def _report_path(cycle, group):
    return lambda lang: reverse("reports:report", args=[cycle.code, group.code])


def step_taken(report, step, *, actor, comment: str = "") -> list:
    """After a step: the next actor (the table's `notifies`) is told, once per step taken."""
    group, cycle = report.group, report.cycle
    number = report.steps.count()
    reply_to = recipients.secretariat_addresses(group) if RTP in step.notifies else ()
    return notify(
        recipients.for_roles(group, step.notifies),
        kind=f"reports.{step.name}",
        key=f"reports:{report.pk}:{step.name}:{number}",
        template_prefix=f"reports/email/{step.name}_",
        context=lambda lang: _context(
            cycle, group, lang, comment=comment, actor_name=actor_name(actor, lang), step=step.name
        ),
        path=_report_path(cycle, group),
        reply_to=reply_to,
        exclude=actor,
    )


def report_due(cycle, group, *, actor) -> list:
    """The cycle is open: the group's secretariat has a report to write by the deadline."""
    return notify(
        recipients.secretariat(group),
        kind="reports.due",
        key=f"reports:cycle:{cycle.pk}:due:{group.pk}",
        template_prefix="reports/email/due_",
        context=lambda lang: _context(cycle, group, lang),
        path=_report_path(cycle, group),
        exclude=actor,
    )


def reminder(cycle, group, reminder, *, report, actor) -> list:
    """The RTP Secretariat's reminder to a group whose report is not in: its secretariat and chairs."""
    return notify(
        [*recipients.secretariat(group), *recipients.chairs(group)],
        kind="reports.reminder",
        key=f"reports:reminder:{reminder.pk}",
        template_prefix="reports/email/reminder_",
        context=lambda lang: _context(
            cycle,
            group,
            lang,
            status=report.get_status_display() if report else "",
            days_late=report.days_late() if report else cycle.days_late(None, reminder.sent_at.date()),
        ),
        path=_report_path(cycle, group),
        exclude=actor,
    )
