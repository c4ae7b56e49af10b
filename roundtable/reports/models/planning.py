"""What a Round Table meeting decides and how the RTP Secretariat prepares the next one: the meeting's
recommendations (assigned to groups, followed up in their next reports) and the road map (milestones)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.i18n import Localized, require_text
from roundtable.core.models import TimeStampedModel

from .cycles import TEXT_MAX, TITLE_MAX, Cycle
from .reports import RecommendationStatus


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(cycle__status="draft")


class Recommendation(TimeStampedModel):
    """A recommendation of a Round Table meeting (the cycle that prepared it), assigned to groups."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("Round Table meeting"), on_delete=models.PROTECT, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    text_lo = models.TextField(_("recommendation (Lao)"), max_length=TEXT_MAX, blank=True)
    text_en = models.TextField(_("recommendation (English)"), max_length=TEXT_MAX, blank=True)
    groups = models.ManyToManyField(
        "groups.Group", verbose_name=_("assigned to"), related_name="recommendations", blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.NOT_STARTED,
    )
    revision = models.PositiveIntegerField(default=1, editable=False)

    text = Localized("text")
    history = HistoricalRecords(m2m_fields=[groups])
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-cycle__held_on", "number", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def clean(self):
        super().clean()
        require_text(self, "text", _("Give the recommendation in Lao, in English, or both."))

    def get_absolute_url(self) -> str:
        return reverse("reports:cycle", args=[self.cycle.code]) + f"#recommendation-{self.pk}"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")


class Milestone(TimeStampedModel):
    """A step of the road map to the meeting (the RTP Secretariat's action plan): when, who, and what it
    produces. Owner: a group or forum, or (none) the RTP Secretariat itself."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="milestones"
    )
    due_on = models.DateField(_("date"))
    title_lo = models.CharField(_("title (Lao)"), max_length=TITLE_MAX, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=TITLE_MAX, blank=True)
    description_lo = models.TextField(_("description (Lao)"), max_length=TEXT_MAX, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=TEXT_MAX, blank=True)
    owner = models.ForeignKey(
        "groups.Group",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A group or a forum; empty: the RTP Secretariat."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revision = models.PositiveIntegerField(default=1, editable=False)

    title = Localized("title")
    description = Localized("description")
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        require_text(self, "title", _("Give the title in Lao, in English, or both."))
