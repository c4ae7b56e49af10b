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
from roundtable.groups import recipients
from roundtable.meetings.models import Meeting, Participant

from . import services, tasks
from .models import MinutesVersion


def circulation_recipients(meeting: Meeting, skip_user_ids=()) -> list[Participant]:
    """Attendees with an email address, one message per address; those in `skip_user_ids` (the chairs,
    told by their own notice with the link to approve, and the person who circulated) are left out."""
    skip = set(skip_user_ids)
    seen, recipients = set(), []
    attendees = (
        meeting.participants.filter(attended=True).exclude(email="").select_related("person").order_by("name")
    )
    for participant in attendees:
        key = participant.email.strip().lower()
        user_id = participant.person.user_id if participant.person_id else None
        if key and key not in seen and (user_id is None or user_id not in skip):
            seen.add(key)
            recipients.append(participant)
    return recipients


def circulation_message(versions: list[MinutesVersion], participant: Participant) -> mail.EmailMessage:
    """The one email to one attendee, in the attendee's own language, with a link to each circulated
    version (their language's first). An answer goes to the group's secretariat."""
    meeting = versions[0].minutes.meeting
    lang = email_language(participant.language)
    ordered = sorted(versions, key=lambda v: (v.language != lang, v.language))
    with translation.override(lang):
        links = [
            {
                "language": services.language_name(v.language),
                "url": absolute_url(reverse("minutes:detail", args=[meeting.pk]) + f"?version={v.language}"),
            }
            for v in ordered
        ]
    return render_email(
        subject_template="minutes/email/circulated_subject.txt",
        body_template="minutes/email/circulated_body.txt",
        context={
            "participant": participant,
            "meeting_title": localized(meeting, "title", lang),
            "group_name": localized(meeting.group, "name", lang),
            "meeting_date": timezone.localdate(meeting.start),
            "links": links,
            "comments_until": max((v.comments_until for v in versions if v.comments_until), default=None),
        },
        language=lang,
        to=[participant.email],
        reply_to=recipients.secretariat_addresses(meeting.group),
    )


def send_circulation_emails(version_ids, *, skip_user_ids=(), actor=None) -> Job | None:
    """Queue one email per attendee with an address (whatever the number of versions circulated);
    returns the job that sends them (None: nobody)."""
    versions = list(
        MinutesVersion.objects.select_related("minutes__meeting__group").filter(pk__in=version_ids)
    )
    if not versions:
        return None
    meeting = versions[0].minutes.meeting
    total = len(circulation_recipients(meeting, skip_user_ids))
    if not total:
        return None
    first = sorted(v.language for v in versions)[0]
    return job_start(
        tasks.send_circulation_emails,
        kind="minutes.circulation",
        title=lambda: (
            _("Minutes of “%(meeting)s” circulated to the attendees")
            % {"meeting": localized(meeting, "title")}
        ),
        total=total,
        return_path=reverse("minutes:detail", args=[meeting.pk]) + f"?version={first}",
        started_by=actor,
        version_ids=sorted(v.pk for v in versions),
        skip_user_ids=sorted(skip_user_ids),
    )
