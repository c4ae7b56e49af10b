"""Emails to invitees: invitation, update and cancellation, each with its iCalendar attachment.

Every email is rendered in the invitee's own language (the language copied from their directory
entry when they were invited), whatever the language of the person who sent it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import ical
from .models import Meeting, Participant

INVITATION = "invitation"
UPDATE = "update"
CANCELLATION = "cancellation"
KINDS = {INVITATION: "REQUEST", UPDATE: "REQUEST", CANCELLATION: "CANCEL"}


def answer_url(participant: Participant) -> str:
    with translation.override(participant.language):
        return settings.SITE_URL + reverse("meetings:answer", args=[participant.token])


def build_message(meeting: Meeting, participant: Participant, kind: str) -> mail.EmailMessage:
    method = KINDS[kind]
    with translation.override(participant.language):
        context = {
            "meeting": meeting,
            "participant": participant,
            "kind": kind,
            "answer_url": answer_url(participant) if kind != CANCELLATION else None,
            "page_url": ical.meeting_page_url(meeting, participant.language),
            "lang": participant.language,
        }
        subject = " ".join(render_to_string("meetings/emails/subject.txt", context).split())
        body = render_to_string("meetings/emails/body.txt", context)
    message = mail.EmailMessage(subject=subject, body=body, to=[participant.email])
    message.attach(
        "invite.ics" if method == "REQUEST" else "cancel.ics",
        ical.invitation_ics(meeting, participant, method=method),
        f"text/calendar; method={method}; charset=UTF-8",
    )
    return message


def send(meeting: Meeting, participants: Iterable[Participant], kind: str) -> int:
    """Send one email per participant who has an address; returns how many were sent."""
    messages = [build_message(meeting, p, kind) for p in participants if p.email]
    if not messages:
        return 0
    with mail.get_connection() as connection:
        return connection.send_messages(messages) or 0
