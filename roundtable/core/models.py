from django.db import models
from django.utils.translation import gettext_lazy as _


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
        from .i18n import localized

        return localized(self, "name")

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if not (self.name_lo or "").strip() and not (self.name_en or "").strip():
            raise ValidationError({"name_lo": _("Give the name in Lao, in English, or both.")})
