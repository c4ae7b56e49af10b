"""Emails to invitees: invitation, update and cancellation, each with its iCalendar attachment.

Every email is rendered in the invitee's own language (the language copied from their directory
entry when they were invited), whatever the language of the person who sent it. They leave the
request: `send` records a job and queues `tasks.send_meeting_emails`, which builds and sends them
(at once with the immediate backend, in the worker with the database backend).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from roundtable.core.emails import render_email
from roundtable.core.i18n import localized
from roundtable.core.jobs.models import Job
from roundtable.core.links import absolute_url
from roundtable.core.tasks import job_start
from roundtable.groups import recipients

from . import ical, tasks
from .models import Meeting, Participant, Visibility

INVITATION = "invitation"
UPDATE = "update"
CANCELLATION = "cancellation"
KINDS = {INVITATION: "REQUEST", UPDATE: "REQUEST", CANCELLATION: "CANCEL"}


def answer_url(participant: Participant) -> str:
    with translation.override(participant.language):
        return absolute_url(reverse("meetings:answer", args=[participant.token]))


def agenda_and_documents(meeting: Meeting, language: str) -> tuple[list[str], list[dict]]:
    """The agenda's titles and the public documents (title, absolute link) in `language`: what the
    invitation carries and the answer page shows. Only public documents: the email may be forwarded."""
    agenda = [localized(item, "title", language) for item in meeting.agenda_items.order_by("order", "id")]
    with translation.override(language):
        documents = [
            {"title": doc.title, "url": absolute_url(reverse("meetings:document", args=[doc.pk]))}
            for doc in meeting.documents.filter(visibility=Visibility.PUBLIC).order_by("title", "pk")
        ]
    return agenda, documents


def build_message(meeting: Meeting, participant: Participant, kind: str) -> mail.EmailMessage:
    method = KINDS[kind]
    agenda, documents = agenda_and_documents(meeting, participant.language)
    return render_email(
        template_prefix="meetings/emails/",
        context={
            "meeting": meeting,
            "participant": participant,
            "kind": kind,
            "answer_url": answer_url(participant) if kind != CANCELLATION else None,
            "page_url": ical.meeting_page_url(meeting, participant.language),
            "lang": participant.language,
            "agenda": agenda if kind != CANCELLATION else [],
            "documents": documents if kind != CANCELLATION else [],
        },
        language=participant.language,
        to=[participant.email],
        # An answer to the email (rather than through the link) reaches the group's secretariat.
        reply_to=recipients.secretariat_addresses(meeting.group),
        attachments=[
            (
                "invite.ics" if method == "REQUEST" else "cancel.ics",
                ical.invitation_ics(meeting, participant, method=method),
                f"text/calendar; method={method}; charset=UTF-8",
            )
        ],
    )


def _job_title(meeting: Meeting, kind: str) -> str:
    title = localized(meeting, "title")
    if kind == INVITATION:
        return _("Invitations to “%(meeting)s”") % {"meeting": title}
    if kind == UPDATE:
        return _("Update of “%(meeting)s” to its invitees") % {"meeting": title}
    return _("Cancellation of “%(meeting)s” to its invitees") % {"meeting": title}


def send(meeting: Meeting, participants: Iterable[Participant], kind: str, *, actor=None) -> Job | None:
    """Queue one email per participant who has an address; returns the job that sends them (None: nobody).

    Called once the change is committed (the services call it in `transaction.on_commit`).
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown meeting email kind: {kind!r}")
    ids = [p.pk for p in participants if p.email]
    if not ids:
        return None
    return job_start(
        tasks.send_meeting_emails,
        kind=f"meetings.{kind}",
        title=lambda: _job_title(meeting, kind),
        total=len(ids),
        return_path=reverse("meetings:participants", args=[meeting.pk]),
        started_by=actor,
        meeting_id=meeting.pk,
        participant_ids=ids,
        email_kind=kind,
    )
