from django.db import models
from django.utils.translation import gettext_lazy as _

from .i18n import localized, require_text


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class BilingualNameModel(TimeStampedModel):
    """A record with a name in Lao and in English; at least one is required (see clean)."""

    name_lo = models.CharField(_("name (Lao)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return localized(self, "name")

    def clean(self):
        super().clean()
        require_text(self, "name", _("Give the name in Lao, in English, or both."))


# The record of background work lives with its machinery (core/jobs/, core/tasks.py); Django looks here.
from .jobs.models import Job, JobItem  # noqa: E402, F401
from .notifications.models import Notification, NotificationPreference  # noqa: E402, F401
