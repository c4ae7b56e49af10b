"""Telling the next actor that it is their turn: one call for every step of every workflow.

    notify(recipients, kind="minutes.approve", key=f"minutes:{version.pk}:sent_to_chair:{n}",
           template_prefix="minutes/email/step_", context=lambda lang: {...},
           path=lambda lang: reverse(...), reply_to=[secretariat_email], exclude=actor)

Each recipient gets the message in their own language (their directory entry's), with an absolute link
(`core.links.absolute_url`, so it works on whatever address the platform runs). A person who chose the
daily digest (`NotificationPreference`) finds it in tomorrow's digest (`manage.py send_digests`); the
others get it at once, through the background tasks, after the transaction that took the step commits.
An event (`key`) is told once per person, however often the code that raises it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from roundtable.core.emails import email_language, render_email
from roundtable.core.i18n import localized
from roundtable.core.links import absolute_url
from roundtable.core.permissions import is_logged_in, person_of

from .models import EmailMode, Notification, NotificationPreference

__all__ = [
    "EmailMode",
    "Notification",
    "NotificationPreference",
    "actor_name",
    "notify",
    "recipient_language",
]


def actor_name(actor, lang: str) -> str:
    """Who took a step, as a notification names them: their directory name in `lang`, else their log-in."""
    person = person_of(actor)
    return localized(person, "name", lang) if person else actor.get_username()


def recipient_language(user) -> str:
    person = person_of(user)
    return email_language(getattr(person, "preferred_language", None))


def recipient_email(user) -> str:
    person = person_of(user)
    return (user.email or getattr(person, "email", "") or "").strip()


def email_mode(user) -> str:
    try:
        return user.notification_preference.email_mode
    except NotificationPreference.DoesNotExist:
        return EmailMode.IMMEDIATE


def notify(
    recipients: Iterable,
    *,
    kind: str,
    key: str,
    template_prefix: str,
    context: Callable[[str], dict],
    path: Callable[[str], str],
    reply_to: Sequence[str] = (),
    exclude=None,
) -> list[Notification]:
    """Record (and, after the commit, send) one message per recipient; returns those recorded now.

    `context(lang)` and `path(lang)` are called inside the recipient's language. Recipients without an
    active account or an address, the person who took the step (`exclude`), duplicates, and people who were
    told of this `key` already are skipped.
    """
    seen: set[int] = set()
    created: list[Notification] = []
    for user in recipients:
        if not is_logged_in(user) or user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        address = recipient_email(user)
        if not address:
            continue
        if Notification.objects.filter(recipient=user, key=key[:200]).exists():
            continue
        lang = recipient_language(user)
        with translation.override(lang):
            url = absolute_url(path(lang))
            message = render_email(
                template_prefix=template_prefix,
                context={**context(lang), "url": url, "recipient": person_of(user) or user},
                language=lang,
                to=[address],
            )
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    kind=kind[:60],
                    key=key[:200],
                    language=lang,
                    email=address,
                    subject=message.subject[:300],
                    body=message.body,
                    url=url[:500],
                    reply_to=", ".join(reply_to)[:254],
                    digest=email_mode(user) == EmailMode.DIGEST,
                )
        except IntegrityError:  # raised by a concurrent request meanwhile: told once
            continue
        created.append(notification)
    immediate = [n.pk for n in created if not n.digest]
    if immediate:
        from .tasks import send_notifications

        transaction.on_commit(lambda: send_notifications.enqueue(notification_ids=immediate))
    return created


def message_of(notification: Notification) -> mail.EmailMessage:
    replies = [a.strip() for a in notification.reply_to.split(",") if a.strip()]
    return mail.EmailMessage(
        subject=notification.subject,
        body=notification.body,
        to=[notification.email],
        reply_to=replies or None,
    )


def claim(ids: Iterable[int]) -> list[Notification]:
    """Mark these unsent notifications as sent and return them: two runs never send the same one."""
    now = timezone.now()
    claimed = []
    for pk in ids:
        if Notification.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=now):
            claimed.append(Notification.objects.get(pk=pk))
    return claimed


def release(notifications: Iterable[Notification]) -> None:
    """Put back what could not be sent: the next run (a retry, tomorrow's digest) sends it."""
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(sent_at=None)


def digest_sender_settings() -> dict:
    return {"from_email": settings.DEFAULT_FROM_EMAIL}
