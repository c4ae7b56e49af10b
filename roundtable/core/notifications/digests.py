"""The daily digest: everything a person who chose it was told since the last one, in one email."""

from __future__ import annotations

from itertools import groupby

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from roundtable.core.emails import render_email

from . import claim, recipient_email, recipient_language, release
from .models import Notification


def send_digests(now=None) -> int:
    """Send one digest per person with notifications kept for it; returns how many emails went out.

    Safe to run often and on every node: each notification is claimed before it is sent, so a second run
    (or a second node) finds nothing left to send; one that fails is put back for the next run.
    """
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(digest=True, sent_at__isnull=True, created_at__lte=now)
        .order_by("recipient_id", "created_at", "pk")
        .values_list("recipient_id", "pk")
    )
    users = get_user_model().objects.in_bulk({r for r, _ in pending})
    sent = 0
    with mail.get_connection() as connection:
        for recipient_id, rows in groupby(pending, key=lambda row: row[0]):
            user = users.get(recipient_id)
            items = claim(pk for _, pk in rows)
            if not items or user is None:
                continue
            address = recipient_email(user) or items[-1].email
            lang = recipient_language(user)
            message = render_email(
                template_prefix="core/email/digest_",
                context={"items": items, "count": len(items), "date": timezone.localdate(now)},
                language=lang,
                to=[address],
            )
            try:
                connection.send_messages([message])
            except Exception:
                release(items)
                raise
            sent += 1
    return sent
