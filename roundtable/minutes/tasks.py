"""The minutes' background tasks: their arguments are ids (JSON), the records are read here."""

from __future__ import annotations

from functools import partial

from django_tasks import task

from roundtable.core.emails import send_job_emails

from . import emails
from .models import MinutesVersion


@task()
def send_circulation_emails(*, job_id: int, version_id: int) -> dict:
    """Email each attendee of the meeting (one message per address) that the version awaits comments."""
    version = MinutesVersion.objects.select_related("minutes__meeting__group").get(pk=version_id)
    recipients = emails.circulation_recipients(version.minutes.meeting)
    return send_job_emails(
        job_id,
        (
            (f"email:{person.email.strip().lower()}", partial(emails.circulation_message, version, person))
            for person in recipients
        ),
    )
