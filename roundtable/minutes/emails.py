"""The email of circulation: each attendee is asked for comments, in their own language.

`send_circulation_emails` records a job and queues `tasks.send_circulation_emails`, which builds and
sends the messages once the circulation is committed (at once with the immediate backend).
"""

from __future__ import annotations

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from roundtable.core.emails import email_language, render_email
from roundtable.core.i18n import localized
from roundtable.core.jobs.models import Job
from roundtable.core.links import absolute_url
from roundtable.core.tasks import job_start
from roundtable.meetings.models import Meeting, Participant

from . import services, tasks
from .models import MinutesVersion


def circulation_recipients(meeting: Meeting) -> list[Participant]:
    """Attendees with an email address, one message per address."""
    seen, recipients = set(), []
    for participant in meeting.participants.filter(attended=True).exclude(email="").order_by("name"):
        key = participant.email.strip().lower()
        if key and key not in seen:
            seen.add(key)
            recipients.append(participant)
    return recipients


def circulation_message(version: MinutesVersion, participant: Participant) -> mail.EmailMessage:
    """The email to one attendee, in the attendee's own language, with the link to the minutes page."""
    meeting = version.minutes.meeting
    lang = email_language(participant.language)
    with translation.override(lang):
        path = reverse("minutes:detail", args=[meeting.pk]) + f"?version={version.language}"
        version_language = services.language_name(version.language)
    return render_email(
        subject_template="minutes/email/circulated_subject.txt",
        body_template="minutes/email/circulated_body.txt",
        context={
            "participant": participant,
            "meeting_title": localized(meeting, "title", lang),
            "group_name": localized(meeting.group, "name", lang),
            "meeting_date": timezone.localdate(meeting.start),
            "version_language": version_language,
            "comments_until": version.comments_until,
            "url": absolute_url(path),
        },
        language=lang,
        to=[participant.email],
    )


def send_circulation_emails(version: MinutesVersion, *, actor=None) -> Job | None:
    """Queue one email per attendee with an address; returns the job that sends them (None: nobody)."""
    meeting = version.minutes.meeting
    total = len(circulation_recipients(meeting))
    if not total:
        return None
    return job_start(
        tasks.send_circulation_emails,
        kind="minutes.circulation",
        title=lambda: (
            _("Minutes of “%(meeting)s” circulated to the attendees")
            % {"meeting": localized(meeting, "title")}
        ),
        total=total,
        return_path=reverse("minutes:detail", args=[meeting.pk]) + f"?version={version.language}",
        started_by=actor,
        version_id=version.pk,
    )
