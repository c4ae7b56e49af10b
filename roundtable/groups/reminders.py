"""The co-chair rotation reminder (design: "reminders before a term ends").

`rotation_reminders_send()` emails the RTP Secretariat the chair and co-chair terms of active groups
whose planned end falls within `ROUNDTABLE["ROTATION_REMINDER_DAYS"]` and that no earlier run has
announced, each recipient in their own language; then it records the date on every term it announced.
`manage.py send_rotation_reminders` calls it from cron, as often as wanted: a term is reminded once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from roundtable.core.links import absolute
from roundtable.core.permissions import RTP_SECRETARIAT_GROUP, person_of

from .models import ChairTerm

DEFAULT_LANGUAGE = "lo"


@dataclass
class Recipient:
    email: str
    language: str


@dataclass
class ReminderResult:
    terms: list[ChairTerm] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    sent: int = 0


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


def _absolute(name: str, *args) -> str:
    return absolute(None, reverse(name, args=args))


def build_message(terms: list[ChairTerm], recipient: Recipient, on: date) -> mail.EmailMessage:
    with translation.override(recipient.language):
        context = {
            "terms": [(term, _absolute("groups:chairs", term.group.code)) for term in terms],
            "days": settings.ROUNDTABLE["ROTATION_REMINDER_DAYS"],
            "overview_url": _absolute("website:secretariat"),
            "today": on,
        }
        subject = " ".join(render_to_string("groups/emails/rotation_subject.txt", context).split())
        body = render_to_string("groups/emails/rotation_body.txt", context)
    return mail.EmailMessage(subject=subject, body=body, to=[recipient.email])


@transaction.atomic
def rotation_reminders_send(*, on: date | None = None, dry_run: bool = False) -> ReminderResult:
    """Send one email per RTP Secretariat recipient listing the terms not reminded yet; mark them reminded.

    Nothing is marked when there is nobody to tell (the next run tries again) or when sending fails
    (the transaction rolls back, so the next run sends again rather than never).
    """
    on = on or timezone.localdate()
    pending = ChairTerm.objects.rotation_reminder_pending(on)
    # Two overlapping runs must not both announce the same terms.
    ids = list(pending.select_for_update(of=("self",)).values_list("pk", flat=True))
    terms = list(
        ChairTerm.objects.filter(pk__in=ids)
        .select_related("group", "organisation", "person")
        .order_by("planned_end", "group__order", "group__code", "role", "pk")
    )
    result = ReminderResult(terms=terms, recipients=rotation_recipients())
    if not terms or not result.recipients or dry_run:
        return result
    messages = [build_message(terms, recipient, on) for recipient in result.recipients]
    with mail.get_connection() as connection:
        result.sent = connection.send_messages(messages) or 0
    ChairTerm.objects.filter(pk__in=ids).update(rotation_reminded_on=on)
    return result
