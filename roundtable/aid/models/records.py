"""What the RTP Secretariat keeps around the activities: the imports and their files, the sector-to-group
mapping, the exchange rates, the decisions on partner names, the ODA uploads and the links from work-plan
priorities to the activities that fund them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .activities import RATE, upload_to_year


class ImportVia(models.TextChoices):
    UPLOAD = "upload", _("upload page")
    COMMAND = "command", _("command line")
    DEMO = "demo", _("demo")


class ImportRun(models.Model):
    """One import of one or more IATI files (an upload, a run of `manage.py import_iati`)."""

    via = models.CharField(_("through"), max_length=10, choices=ImportVia.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    job = models.ForeignKey("core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("IATI import")
        verbose_name_plural = _("IATI imports")

    def __str__(self) -> str:
        return f"{self.get_via_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("aid:import_detail", args=[self.pk])


class FileStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    READING = "reading", _("being read")
    IMPORTED = "imported", _("imported")
    REFUSED = "refused", _("refused")


class SourceFile(models.Model):
    """One IATI file read by an import, with what came of it.

    `errors` lists `{"line", "element", "code", "params", "activity"}`: the messages are written in the
    reader's language when shown (`iati.problems`), so the same record reads in Lao and in English.
    """

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="files", null=True, blank=True)
    name = models.CharField(_("file"), max_length=1000)
    upload = models.FileField(_("uploaded file"), upload_to=upload_to_year, blank=True, max_length=500)
    sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FileStatus.choices, default=FileStatus.PENDING
    )
    version = models.CharField(_("IATI version"), max_length=10, blank=True)
    activities = models.PositiveIntegerField(_("activities imported"), default=0)
    lao_activities = models.PositiveIntegerField(_("for Lao PDR"), default=0)
    refused_activities = models.PositiveIntegerField(_("activities refused"), default=0)
    older_kept = models.PositiveIntegerField(_("older versions left out"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    removed = models.PositiveIntegerField(_("no longer for Lao PDR"), default=0)
    # Activities read so far (the upload page's progress while the file is read).
    read_so_far = models.PositiveIntegerField(default=0)
    errors = models.JSONField(_("problems"), default=list, blank=True)
    errors_total = models.PositiveIntegerField(default=0)
    # Values that have no exchange rate: [{"currency", "month", "count"}].
    missing_rates = models.JSONField(_("missing exchange rates"), default=list, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["run", "pk"]
        verbose_name = _("IATI file")
        verbose_name_plural = _("IATI files")

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        return self.name.rstrip("/").rsplit("/", 1)[-1] or self.name


class SectorMapping(models.Model):
    """A DAC sector code (5-digit, or a 3-digit category for all its codes without a mapping of their own)
    counted for a group, wholly or in part. The parts of one code add up to at most 100; what is left is
    the unmapped bucket."""

    code = models.CharField(_("DAC sector code"), max_length=5)
    group = models.ForeignKey(
        "groups.Group", verbose_name=_("group"), on_delete=models.PROTECT, related_name="aid_sector_mappings"
    )
    percentage = models.DecimalField(
        _("percentage"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["code", "-percentage", "group__code"]
        verbose_name = _("sector mapping")
        verbose_name_plural = _("sector mappings")
        constraints = [
            models.UniqueConstraint(fields=["code", "group"], name="aid_mapping_once_per_code_group"),
            models.CheckConstraint(
                condition=Q(percentage__gt=0) & Q(percentage__lte=100), name="aid_mapping_percentage_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} → {self.group.code} {self.percentage}%"


class ExchangeRate(models.Model):
    """Units of a currency per US dollar, for a month (the monthly average)."""

    currency = models.CharField(_("currency"), max_length=3)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    per_usd = models.DecimalField(_("units per US dollar"), **RATE)
    source = models.CharField(_("source"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["currency", "-month"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "month"], name="aid_rate_once_per_month"),
            models.CheckConstraint(condition=Q(per_usd__gt=0), name="aid_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.month:%Y-%m}: {self.per_usd}"


class PartnerMatch(models.Model):
    """The RTP Secretariat's decision on an organisation name or identifier found in the data: this
    directory organisation (or none: "not in the directory", which takes it off the review list)."""

    ref = models.CharField(_("identifier"), max_length=150, blank=True)
    name_key = models.CharField(_("name"), max_length=500, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner match")
        verbose_name_plural = _("partner matches")
        constraints = [
            models.UniqueConstraint(fields=["ref", "name_key"], name="aid_partner_match_unique"),
            models.CheckConstraint(condition=~Q(ref="", name_key=""), name="aid_partner_match_has_key"),
        ]

    def __str__(self) -> str:
        return self.ref or self.name_key


class OdaUpload(models.Model):
    """A CSV export of the national ODA database: uploaded, its columns mapped, previewed, imported."""

    upload = models.FileField(_("file"), upload_to=upload_to_year, max_length=500)
    name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    header = models.JSONField(_("columns"), default=list)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    # {field: column name}, as chosen on the mapping page (the next upload starts from the last one).
    columns = models.JSONField(_("column mapping"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("ODA database upload")
        verbose_name_plural = _("ODA database uploads")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("aid:oda_detail", args=[self.pk])


class PriorityLink(models.Model):
    """A work-plan priority and an activity that funds it."""

    priority = models.ForeignKey(
        "workplans.Priority", verbose_name=_("priority"), on_delete=models.CASCADE, related_name="aid_links"
    )
    activity = models.ForeignKey(
        "aid.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="priority_links"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "activity__title_en"]
        verbose_name = _("priority funding link")
        verbose_name_plural = _("priority funding links")
        constraints = [
            models.UniqueConstraint(fields=["priority", "activity"], name="aid_priority_link_once"),
        ]

    def __str__(self) -> str:
        return f"{self.priority_id} ← {self.activity_id}"
