"""Reminders of what is due and overdue on the checklists (`manage.py send_reminders`, from cron).

Each run builds every group's checklist of this year and the last (what is still open), and for each open
item finds the offset it is at today:
- `before:N`: N days or fewer before its due day, for each N of `ROUNDTABLE["REMINDER_DAYS_BEFORE"]`
  (14 and 3 by default): the smallest N that the days left fit in (10 days left: "before:14");
- `overdue:K`: overdue, K whole periods of `ROUNDTABLE["REMINDER_OVERDUE_EVERY_DAYS"]` (7) after the day
  after the due day ("overdue:0" the day after, "overdue:1" a week later, ...), at most
  `ROUNDTABLE["REMINDER_OVERDUE_TIMES"]` times (12: a quarter of weekly reminders; after that the group's
  checklist and the scorecard keep showing it, the inbox does not). An item that can no longer be done (a
  quarter that passed without a meeting) is told once that it was missed, not every week.

The people told are those the obligation names as responsible (`groups.recipients`: the group's
secretariat, or its SWG's for a sub-SWG without one; the chair and co-chairs; the RTP Secretariat). Each
person gets at most one email a day (a `ReminderDigest`), in their own language, listing every item at a new
offset; a `ReminderLog` row per person, item and offset (a unique key) means an item is never told twice
at the same offset, however often the command runs, on however many nodes. Someone who got today's digest
already gets what became due since in tomorrow's.

The emails go through a background job (`core.tasks`): with the database backend the worker sends them; a
job that failed is queued again by the next run and sends only the digests that did not go out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django_tasks import task

from roundtable.core.emails import render_email, send_job_emails
from roundtable.core.jobs.models import Job, JobStatus
from roundtable.core.links import page_url
from roundtable.core.notifications import recipient_email, recipient_language
from roundtable.core.tasks import job_create, job_enqueue, job_retry
from roundtable.groups import recipients

from .checklists import build_scorecard, checklist_groups, checklist_obligations
from .items import Item, Status
from .models import ReminderDigest, ReminderLog
from .rules import Proof, Responsible, Rule, rt_setting

JOB_KIND = "compliance.reminders"


def days_before() -> list[int]:
    values = rt_setting("REMINDER_DAYS_BEFORE", (14, 3))
    return sorted({int(v) for v in values if int(v) >= 0})


def overdue_every() -> int:
    return max(1, int(rt_setting("REMINDER_OVERDUE_EVERY_DAYS", 7)))


def overdue_times() -> int:
    return max(1, int(rt_setting("REMINDER_OVERDUE_TIMES", 12)))


def closes_at_due(obligation) -> bool:
    """An item of this obligation cannot be done once its due day has passed: meetings count only in their
    quarter or year."""
    return obligation.proof == Proof.MEETING_HELD and obligation.rule in (Rule.QUARTERLY, Rule.YEARLY)


def offset_for(item: Item, on: date, *, final: bool = False) -> str | None:
    """The reminder offset an open item is at on `on`, or None (not open, not near, or told enough)."""
    if item.status not in (Status.DUE, Status.OVERDUE):
        return None
    left = (item.due - on).days
    if left >= 0:
        fitting = [n for n in days_before() if left <= n]
        return f"before:{fitting[0]}" if fitting else None
    periods = (-left - 1) // overdue_every()
    if (final and periods > 0) or periods >= overdue_times():
        return None
    return f"overdue:{periods}"


@dataclass
class Pending:
    """One item to tell one person about."""

    group: object
    obligation: object
    item_key: str
    offset: str
    due_on: date
    status: str
    days_late: int
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class ReminderResult:
    # user id -> what this run tells them
    pending: dict[int, list[Pending]] = field(default_factory=dict)
    users: dict[int, object] = field(default_factory=dict)
    digests: list[ReminderDigest] = field(default_factory=list)
    job: Job | None = None
    retried: list[Job] = field(default_factory=list)
    # Emails sent by this run: its own job's, and those of earlier failed jobs it queued again.
    sent: int = 0
    # Items whose responsible role has nobody with an active account and an address.
    unreached: list[Pending] = field(default_factory=list)


class _Recipients:
    """The accounts behind each group's roles, asked once per group (groups.recipients' own rules)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int], list] = {}
        self._rtp: list | None = None

    def of(self, responsible: str, group) -> list:
        if responsible == Responsible.RTP:
            if self._rtp is None:
                self._rtp = recipients.rtp_secretariat()
            return self._rtp
        key = (responsible, group.pk)
        if key not in self._cache:
            users = (
                recipients.chairs(group)
                if responsible == Responsible.CHAIR
                else recipients.secretariat(group)
            )
            self._cache[key] = users
        return self._cache[key]


def _labels(
    groups, obligations, first: int, last: int, on: date
) -> dict[tuple[int, int, str], dict[str, str]]:
    """Each open item's label in each language (the checklists are built once per language)."""
    labels: dict[tuple[int, int, str], dict[str, str]] = defaultdict(dict)
    for lang in ("lo", "en"):
        with translation.override(lang):
            card = build_scorecard(
                groups=groups, obligations=obligations, first_year=first, last_year=last, on=on
            )
        for (group_id, obligation_id, _year), cell in card.cells.items():
            for item in cell.items:
                if item.is_open:
                    labels[(group_id, obligation_id, item.key)][lang] = item.label
    return labels


def collect_pending(on: date) -> tuple[dict[int, list[Pending]], dict[int, object], list[Pending]]:
    """What each person is to be told today (before removing what was told already)."""
    year = on.year
    groups = checklist_groups()
    obligations = checklist_obligations(year - 1, year)
    card = build_scorecard(groups=groups, obligations=obligations, first_year=year - 1, last_year=year, on=on)
    labels = None
    who = _Recipients()
    pending: dict[int, list[Pending]] = defaultdict(list)
    users: dict[int, object] = {}
    unreached: list[Pending] = []
    for (group_id, obligation_id, _year), cell in card.cells.items():
        # The progress report has its own reminders, on the same calendar, counted by the cycle's submission
        # tracker (reports' `send_report_reminders`): told here too, a group would have two emails.
        if cell.obligation.proof == Proof.REPORT_SUBMITTED:
            continue
        for item in cell.items:
            offset = offset_for(item, on, final=closes_at_due(cell.obligation))
            if offset is None:
                continue
            if labels is None:
                labels = _labels(groups, obligations, year - 1, year, on)
            entry = Pending(
                group=cell.group,
                obligation=cell.obligation,
                item_key=item.key,
                offset=offset,
                due_on=item.due,
                status=item.status,
                days_late=item.days_late,
                labels=labels.get((group_id, obligation_id, item.key), {}),
            )
            reached = False
            for user in who.of(cell.obligation.responsible, cell.group):
                if not recipient_email(user):
                    continue
                users[user.pk] = user
                pending[user.pk].append(entry)
                reached = True
            if not reached:
                unreached.append(entry)
    return pending, users, unreached


def _not_told_yet(pending: dict[int, list[Pending]], on: date) -> dict[int, list[Pending]]:
    """Without what each person was told already at the same offset, and without the people who had
    today's digest already (what is new for them waits for tomorrow's)."""
    if not pending:
        return {}
    told = set(
        ReminderLog.objects.filter(recipient_id__in=list(pending)).values_list(
            "recipient_id", "group_id", "obligation_id", "item_key", "offset"
        )
    )
    had_today = set(
        ReminderDigest.objects.filter(recipient_id__in=list(pending), day=on).values_list(
            "recipient_id", flat=True
        )
    )
    result = {}
    for user_id, entries in pending.items():
        if user_id in had_today:
            continue
        fresh = [
            e for e in entries if (user_id, e.group.pk, e.obligation.pk, e.item_key, e.offset) not in told
        ]
        if fresh:
            result[user_id] = fresh
    return result


def _record(user, entries: list[Pending], on: date) -> ReminderDigest | None:
    """Today's digest of one person and its log rows, or None when another run recorded them meanwhile."""
    try:
        with transaction.atomic():
            digest = ReminderDigest.objects.create(
                recipient=user, day=on, email=recipient_email(user)[:254], language=recipient_language(user)
            )
            ReminderLog.objects.bulk_create(
                [
                    ReminderLog(
                        digest=digest,
                        recipient=user,
                        group=e.group,
                        obligation=e.obligation,
                        item_key=e.item_key,
                        offset=e.offset,
                        due_on=e.due_on,
                        label_lo=e.labels.get("lo", "")[:300],
                        label_en=e.labels.get("en", "")[:300],
                        status=e.status,
                        days_late=e.days_late,
                    )
                    for e in entries
                ]
            )
    except IntegrityError:  # a run on another node recorded this person's digest or these items first
        return None
    return digest


def build_message(digest_id: int):
    digest = ReminderDigest.objects.select_related("recipient").get(pk=digest_id)
    entries = list(
        digest.entries.select_related("group", "obligation").order_by(
            "due_on", "group__order", "group__code", "pk"
        )
    )
    lang = digest.language
    by_group: dict[int, dict] = {}
    for entry in entries:
        block = by_group.setdefault(
            entry.group_id,
            {
                "group": entry.group,
                "url": page_url(None, "compliance:group", [entry.group.code], lang),
                "items": [],
            },
        )
        block["items"].append(entry)
    return render_email(
        template_prefix="compliance/email/reminder_",
        context={
            "groups": list(by_group.values()),
            "count": len(entries),
            "day": digest.day,
            "overdue": sum(1 for e in entries if e.status == Status.OVERDUE),
        },
        language=lang,
        to=[digest.email],
    )


@task()
def send_reminder_digests(*, job_id: int, digest_ids: list[int]) -> dict:
    """Email each digest of one run once, however often the job is run again."""
    return send_job_emails(
        job_id, ((f"digest:{digest_id}", partial(build_message, digest_id)) for digest_id in digest_ids)
    )


def reminders_send(*, on: date | None = None, dry_run: bool = False) -> ReminderResult:
    """Record today's digests and queue their emails (see the module's docstring)."""
    on = on or timezone.localdate()
    result = ReminderResult()
    if not dry_run:
        for job in Job.objects.filter(kind=JOB_KIND, status=JobStatus.FAILED).order_by("pk"):
            before = job.done
            retried = job_retry(job)
            result.retried.append(retried)
            result.sent += max(0, retried.done - before)
    pending, users, result.unreached = collect_pending(on)
    result.pending = _not_told_yet(pending, on)
    result.users = {pk: users[pk] for pk in result.pending}
    if dry_run or not result.pending:
        return result
    with transaction.atomic():
        for user_id, entries in result.pending.items():
            digest = _record(users[user_id], entries, on)
            if digest is not None:
                result.digests.append(digest)
        if not result.digests:
            return result
        count = len(result.digests)
        job = job_create(
            send_reminder_digests,
            kind=JOB_KIND,
            title=lambda: (
                ngettext("Checklist reminders: %(n)d email", "Checklist reminders: %(n)d emails", count)
                % {"n": count}
            ),
            total=count,
            digest_ids=[d.pk for d in result.digests],
        )
        ReminderDigest.objects.filter(pk__in=[d.pk for d in result.digests]).update(job=job)
    result.job = job_enqueue(job)
    result.sent += result.job.done
    return result
