"""The co-chair rotation reminder (design: "reminders before a term ends").

`rotation_reminders_send()` picks the chair and co-chair terms of active groups whose planned end falls
within `ROUNDTABLE["ROTATION_REMINDER_DAYS"]` and that no earlier run has announced, records the date on
them, and starts a job whose task (`send_rotation_reminders`) emails each member of the RTP Secretariat
in their own language. `manage.py send_rotation_reminders` calls it from cron, as often as wanted: a term
is announced once, and an email that could not be sent is sent by the next run (the failed job is queued
again and sends only to those who did not get it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext
from django_tasks import task

from roundtable.core.emails import render_email, send_job_emails
from roundtable.core.jobs.models import Job, JobStatus
from roundtable.core.links import page_url
from roundtable.core.permissions import RTP_SECRETARIAT_GROUP, person_of
from roundtable.core.tasks import job_create, job_enqueue, job_retry

from .models import ChairTerm

DEFAULT_LANGUAGE = "lo"
JOB_KIND = "groups.rotation_reminder"


@dataclass
class Recipient:
    email: str
    language: str


@dataclass
class ReminderResult:
    terms: list[ChairTerm] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    sent: int = 0
    # The job that sends this run's reminders (None when nothing was to be sent), and the failed jobs of
    # earlier runs that this run queued again.
    job: Job | None = None
    retried: list[Job] = field(default_factory=list)


def rotation_recipients() -> list[Recipient]:
    """Active members of the RTP Secretariat with an email, in their directory entry's language (else Lao)."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=RTP_SECRETARIAT_GROUP)
        .exclude(email="")
        .select_related("person")
        .order_by("pk")
        .distinct()
    )
    recipients = []
    for user in users:
        person = person_of(user)
        language = (person.preferred_language if person else "") or DEFAULT_LANGUAGE
        recipients.append(Recipient(email=user.email, language=language))
    return recipients


def build_message(terms: list[ChairTerm], recipient: Recipient, on: date) -> mail.EmailMessage:
    lang = recipient.language
    return render_email(
        template_prefix="groups/emails/rotation_",
        context={
            "terms": [(term, page_url(None, "groups:chairs", [term.group.code], lang)) for term in terms],
            "days": settings.ROUNDTABLE["ROTATION_REMINDER_DAYS"],
            "overview_url": page_url(None, "website:secretariat", [], lang),
            "today": on,
        },
        language=lang,
        to=[recipient.email],
    )


def _terms(ids) -> list[ChairTerm]:
    return list(
        ChairTerm.objects.filter(pk__in=ids)
        .select_related("group", "organisation", "person")
        .order_by("planned_end", "group__order", "group__code", "role", "pk")
    )


@task()
def send_rotation_reminders(*, job_id: int, term_ids: list[int], on: str) -> dict:
    """Email every RTP Secretariat recipient the terms of one run; each recipient once, however often run."""
    terms = _terms(term_ids)
    day = date.fromisoformat(on)
    return send_job_emails(
        job_id,
        (
            (f"email:{recipient.email.strip().lower()}", partial(build_message, terms, recipient, day))
            for recipient in rotation_recipients()
        ),
    )


def rotation_reminders_send(*, on: date | None = None, dry_run: bool = False) -> ReminderResult:
    """Announce the terms not reminded yet to the RTP Secretariat (a job sends the emails); mark them.

    Nothing is marked when there is nobody to tell (the next run tries again). The terms are marked and
    the job recorded in one transaction, and the job is queued after it commits: a worker finds both.
    A job of an earlier run that failed is queued again first.
    """
    on = on or timezone.localdate()
    result = ReminderResult()
    if not dry_run:
        for job in Job.objects.filter(kind=JOB_KIND, status=JobStatus.FAILED).order_by("pk"):
            result.retried.append(job_retry(job))
    with transaction.atomic():
        pending = ChairTerm.objects.rotation_reminder_pending(on)
        # Two overlapping runs must not both announce the same terms.
        ids = list(pending.select_for_update(of=("self",)).values_list("pk", flat=True))
        result.terms = _terms(ids)
        result.recipients = rotation_recipients()
        if not result.terms or not result.recipients or dry_run:
            return result
        ChairTerm.objects.filter(pk__in=ids).update(rotation_reminded_on=on)
        count = len(result.terms)
        result.job = job_create(
            send_rotation_reminders,
            kind=JOB_KIND,
            title=lambda: (
                ngettext(
                    "Rotation reminder of %(n)d term to the RTP Secretariat",
                    "Rotation reminder of %(n)d terms to the RTP Secretariat",
                    count,
                )
                % {"n": count}
            ),
            total=len(result.recipients),
            term_ids=ids,
            on=on.isoformat(),
        )
    result.job = job_enqueue(result.job)
    result.sent = result.job.done
    return result
