"""The meetings' background tasks: their arguments are ids and codes (JSON), the records are read here."""

from __future__ import annotations

from functools import partial

from django_tasks import task

from roundtable.core.emails import send_job_emails

from . import emails
from .models import Meeting


@task()
def send_meeting_emails(*, job_id: int, meeting_id: int, participant_ids: list[int], email_kind: str) -> dict:
    """Send the invitation, update or cancellation of a meeting to these participants, each once.

    The meeting is read as it is now: a message built in the worker carries the latest time and place.
    A participant removed meanwhile, or whose address was cleared, gets nothing.
    """
    meeting = Meeting.objects.select_related("group").get(pk=meeting_id)
    participants = meeting.participants.filter(pk__in=participant_ids).exclude(email="").order_by("pk")
    return send_job_emails(
        job_id,
        (
            (f"participant:{participant.pk}", partial(emails.build_message, meeting, participant, email_kind))
            for participant in participants
        ),
    )
