"""What the platform told each person, and how each person wants to be told."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("An email at each step")
    DIGEST = "digest", _("One email a day with everything")


class NotificationPreference(models.Model):
    """A person's choice between an email at each step and one daily digest (on their account page)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_mode = models.CharField(
        _("emails"), max_length=10, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(email_mode__in=EmailMode.values), name="core_notificationpreference_mode_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.email_mode}"


class Notification(models.Model):
    """One message to one person that it is their turn, rendered in their language when it was raised.

    Sent at once by a task (`sent_at` set), or kept for the person's daily digest (`digest`), which
    `manage.py send_digests` sends. `key` names the event (e.g. "minutes:12:approve"): the same event is
    never told twice to the same person.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=60)
    key = models.CharField(_("event"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    email = models.EmailField(_("email"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), max_length=20000)
    url = models.CharField(_("link"), max_length=500)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    digest = models.BooleanField(_("in the daily digest"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="core_notification_once_per_event")
        ]
        indexes = [models.Index(fields=["digest", "sent_at"], name="core_notif_pending")]

    def __str__(self) -> str:
        return self.subject
