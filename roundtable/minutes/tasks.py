"""The minutes' background tasks: their arguments are ids (JSON), the records are read here."""

from __future__ import annotations

from functools import partial

from django_tasks import task

from roundtable.core.emails import send_job_emails

from . import emails
from .models import MinutesVersion


@task()
def send_circulation_emails(*, job_id: int, version_ids: list[int], skip_user_ids: list[int]) -> dict:
    """Email each attendee of the meeting once (one message per address), whatever the number of
    language versions circulated together: the message links each of them."""
    versions = list(
        MinutesVersion.objects.select_related("minutes__meeting__group").filter(pk__in=version_ids)
    )
    if not versions:
        return send_job_emails(job_id, ())
    recipients = emails.circulation_recipients(versions[0].minutes.meeting, skip_user_ids)
    return send_job_emails(
        job_id,
        (
            (f"email:{person.email.strip().lower()}", partial(emails.circulation_message, versions, person))
            for person in recipients
        ),
    )
