"""The notifications' background work: sending those that are not kept for a digest."""

from __future__ import annotations

from django.core import mail
from django_tasks import task

from . import claim, message_of, release


@task()
def send_notifications(*, notification_ids: list[int]) -> dict:
    """Send these notifications, each once (a retry sends only those a crash put back)."""
    notifications = claim(notification_ids)
    sent = 0
    with mail.get_connection() as connection:
        for index, notification in enumerate(notifications):
            try:
                connection.send_messages([message_of(notification)])
            except Exception:
                release(notifications[index:])
                raise
            sent += 1
    return {"sent": sent}
