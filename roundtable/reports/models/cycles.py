"""A reporting cycle: one Round Table meeting to prepare (an RTIM or a High-Level RTM), its documents, its
compiled report and its road map.

A cycle is prepared by the RTP Secretariat (draft, seen by it alone), opened (each group that must report
now has a report due, the cycle's page with its road map is public), then published with the meeting (the
accepted progress reports and the compiled report become public).
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.i18n import Localized
from roundtable.core.models import TimeStampedModel

FIRST_YEAR, LAST_YEAR = 2000, 2100
# Text limits: generous for a person, bounded for the database, the exports and the forms.
TITLE_MAX = 300
TEXT_MAX = 20000


def report_due_days() -> int:
    """Days before the meeting that the progress reports are due (a setting: 4 weeks by default)."""
    return int(getattr(settings, "ROUNDTABLE", {}).get("REPORT_DUE_DAYS_BEFORE_MEETING", 28))


def default_deadline(held_on: date) -> date:
    return held_on - timedelta(days=report_due_days())


class CycleKind(models.TextChoices):
    RTIM = "rtim", _("Round Table Implementation Meeting")
    HLRTM = "hlrtm", _("High-Level Round Table Meeting")


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("In preparation")
    OPEN = "open", _("Open for reports")
    PUBLISHED = "published", _("Published")


class CycleQuerySet(models.QuerySet):
    def public(self):
        """Open and published cycles: their page, road map and recommendations are public."""
        return self.exclude(status=CycleStatus.DRAFT)

    def published(self):
        return self.filter(status=CycleStatus.PUBLISHED)

    def open(self):
        return self.filter(status=CycleStatus.OPEN)


class Cycle(TimeStampedModel):
    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Used in addresses and the API, e.g. rtim-2025.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CycleKind.choices, default=CycleKind.RTIM)
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("e.g. 14 for the 14th High-Level Round Table Meeting."),
    )
    # The RTIM *for* a year is often held early the next year: two separate fields.
    year = models.PositiveSmallIntegerField(
        _("reporting year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    held_on = models.DateField(_("date of the meeting"))
    venue = models.CharField(_("venue"), max_length=TITLE_MAX, blank=True)
    theme_lo = models.CharField(_("theme (Lao)"), max_length=TITLE_MAX, blank=True)
    theme_en = models.CharField(_("theme (English)"), max_length=TITLE_MAX, blank=True)
    # Data, not code: the secretariat moved from MPI's DIC to the Ministry of Finance in 2025.
    secretariat = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("secretariat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deadline = models.DateField(
        _("submission deadline"), blank=True, help_text=_("Empty: four weeks before the meeting.")
    )
    groups = models.ManyToManyField(
        "groups.Group",
        verbose_name=_("groups that report"),
        related_name="reporting_cycles",
        blank=True,
        limit_choices_to={"kind": "swg"},
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("the meeting in the calendar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    theme = Localized("theme")
    history = HistoricalRecords(m2m_fields=[groups])
    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "code"]
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CycleStatus.values), name="reports_cycle_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=CycleStatus.PUBLISHED, published_at__isnull=False)
                | (~Q(status=CycleStatus.PUBLISHED) & Q(published_at__isnull=True)),
                name="reports_cycle_published_at_when_published",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.deadline is None and self.held_on is not None:
            self.deadline = default_deadline(self.held_on)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.deadline is None and self.held_on is not None:
            self.deadline = default_deadline(self.held_on)
        if self.deadline and self.held_on and self.deadline > self.held_on:
            raise ValidationError({"deadline": _("The deadline cannot be after the meeting.")})
        if self.year and self.held_on and self.held_on.year < self.year:
            raise ValidationError({"held_on": _("A meeting cannot be held before the year it reports on.")})

    def get_absolute_url(self) -> str:
        return reverse("reports:cycle", args=[self.code])

    @property
    def title(self) -> str:
        """The meeting's name in the active language."""
        if self.kind == CycleKind.HLRTM:
            if self.number:
                return _g("High-Level Round Table Meeting no. %(number)s") % {"number": self.number}
            return _g("High-Level Round Table Meeting %(year)s") % {"year": self.held_on.year}
        return _g("Round Table Implementation Meeting on %(year)s") % {"year": self.year}

    def title_in(self, lang: str) -> str:
        with translation.override(lang):
            return self.title

    @property
    def is_public(self) -> bool:
        return self.status != CycleStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == CycleStatus.OPEN

    @property
    def is_published(self) -> bool:
        return self.status == CycleStatus.PUBLISHED

    def days_late(self, submitted_on: date | None, today: date) -> int:
        """Days past the deadline: of the first submission, or of today while nothing is submitted."""
        reached = submitted_on or today
        return max(0, (reached - self.deadline).days) if self.deadline else 0


class DocumentKind(models.TextChoices):
    GUIDANCE = "guidance", _("Guidance note")
    ROADMAP = "roadmap", _("Road map document")
    OTHER = "other", _("Other document")


def cycle_document_upload_to(instance, filename: str) -> str:
    return f"round-table/{instance.cycle.code}/{secrets.token_hex(8)}/{filename}"


class CycleDocument(TimeStampedModel):
    """A document of the cycle (the guidance note with the report template, a milestone's output). Public
    with the cycle's page: the secretariat uploads what the groups and the public are meant to read."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="documents"
    )
    milestone = models.ForeignKey(
        "reports.Milestone",
        verbose_name=_("milestone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.GUIDANCE
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    file = models.FileField(_("file"), upload_to=cycle_document_upload_to, max_length=300)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "kind", "title"]
        verbose_name = _("document of the cycle")
        verbose_name_plural = _("documents of the cycle")

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


def compiled_upload_to(instance, filename: str) -> str:
    return f"round-table/{instance.cycle.code}/compiled/{filename}"


class CompiledReport(models.Model):
    """The cycle's compiled Round Table report: one PDF and one DOCX per language, built by a background
    job (`reports.tasks.compile_report`). Compiling again replaces the files."""

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="compiled")
    compiled_at = models.DateTimeField(_("compiled"))
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    report_count = models.PositiveSmallIntegerField(_("progress reports included"), default=0)
    pdf_lo = models.FileField(upload_to=compiled_upload_to, max_length=300, blank=True)
    pdf_en = models.FileField(upload_to=compiled_upload_to, max_length=300, blank=True)
    docx_lo = models.FileField(upload_to=compiled_upload_to, max_length=300, blank=True)
    docx_en = models.FileField(upload_to=compiled_upload_to, max_length=300, blank=True)

    class Meta:
        verbose_name = _("compiled report")
        verbose_name_plural = _("compiled reports")

    def __str__(self) -> str:
        return f"{self.cycle.code} ({self.compiled_at:%Y-%m-%d})"

    def file_for(self, fmt: str, lang: str):
        return getattr(self, f"{fmt}_{lang}", None) or None
