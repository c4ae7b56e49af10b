"""Monitoring of a framework's indicators (the Vientiane Declaration's GPEDC indicators, and any other):
each indicator's unit, baseline, target, source and owner, and its yearly values with their review.

The owner is the RTP Secretariat or a group. Groups sit above this app in the layers (a group links to
frameworks, never the other way round), so an indicator names its owner by the group's public code
(`owner_code`, blank for the RTP Secretariat), as a data file or the API would, and the questions about
that group ("is this user its secretariat?", "what is its name?") are answered by the groups app through
`frameworks.owners`. A value's life: draft → submitted → accepted → published, or returned to its owner
(and submitted again); only published values reach the public.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.api import YEAR_MAX, YEAR_MIN
from roundtable.core.i18n import Localized
from roundtable.core.models import TimeStampedModel

VALUE_DIGITS = 14
VALUE_PLACES = 2
NOTE_MAX = 4000
YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


class Indicator(TimeStampedModel):
    """What is measured for one indicator item of a framework, and who reports it."""

    item = models.OneToOneField(
        "frameworks.FrameworkItem",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="monitoring",
    )
    unit_lo = models.CharField(_("unit (Lao)"), max_length=100, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=100, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    target_value = models.DecimalField(
        _("target"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    source_lo = models.TextField(_("source of the data (Lao)"), max_length=2000, blank=True)
    source_en = models.TextField(_("source of the data (English)"), max_length=2000, blank=True)
    # Figures written for the demo (the Lao PDR's monitoring results are not shipped): shown so next to them.
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("The baseline and target are examples, not the official monitoring figures."),
    )
    owner_code = models.SlugField(
        _("owner"),
        max_length=40,
        blank=True,
        help_text=_("The code of the group that reports the values; empty: the RTP Secretariat."),
    )

    unit = Localized("unit")
    source = Localized("source")
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__framework", "item__sort_key"]
        verbose_name = _("monitored indicator")
        verbose_name_plural = _("monitored indicators")

    def __str__(self) -> str:
        return str(self.item)

    @property
    def owned_by_rtp(self) -> bool:
        return not self.owner_code

    def clean(self):
        super().clean()
        if self.item_id and self.item.level != "indicator":
            raise ValidationError({"item": _("Only an indicator can have a baseline and a target.")})
        for name in ("baseline", "target"):
            year, value = getattr(self, f"{name}_year"), getattr(self, f"{name}_value")
            if (year is None) != (value is None):
                raise ValidationError({f"{name}_value": _("Give both the year and the value, or neither.")})
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            raise ValidationError({"target_year": _("The target year cannot be before the baseline year.")})


class ValueState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    ACCEPTED = "accepted", _("accepted")
    PUBLISHED = "published", _("published")


class IndicatorValueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ValueState.PUBLISHED)


def evidence_upload_to(instance, filename: str) -> str:
    # An unguessable folder: the files are served only through the value's evidence view, never /media/.
    return f"frameworks/values/{instance.indicator_id}/{secrets.token_hex(8)}/{filename}"


class IndicatorValue(TimeStampedModel):
    """The value of an indicator for one year, as its owner reports it, with a note and evidence."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
    note = models.TextField(_("note"), max_length=NOTE_MAX)
    evidence = models.FileField(_("evidence"), upload_to=evidence_upload_to, max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=ValueState.choices, default=ValueState.DRAFT)
    review_comment = models.TextField(_("comment of the review"), max_length=NOTE_MAX, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    history = HistoricalRecords()
    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="frameworks_value_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.item.code} {self.year}: {self.value}"

    @property
    def is_published(self) -> bool:
        return self.state == ValueState.PUBLISHED

    @property
    def evidence_name(self) -> str:
        return self.evidence.name.rsplit("/", 1)[-1] if self.evidence else ""

    def clean(self):
        super().clean()
        if not (self.note or "").strip():
            raise ValidationError({"note": _("Say where the value comes from and what it means.")})
