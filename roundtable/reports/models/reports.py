"""The progress report of a group for a cycle (the guideline's fourth template), and what its life records.

People write the judgement (the overview, the progress of each priority, the follow-up of each
recommendation, challenges, key messages); the numbers come from the platform (`reports.facts`), computed
from the records until the report is submitted, then frozen in `facts` with the submitted version.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.i18n import Localized
from roundtable.core.models import TimeStampedModel

from .cycles import TEXT_MAX, TITLE_MAX, Cycle

REASON_MAX = 2000


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    WITH_CHAIR = "with_chair", _("Sent to the chair")
    CHAIR_APPROVED = "chair_approved", _("Approved by the chair")
    SUBMITTED = "submitted", _("Submitted to the RTP Secretariat")
    RETURNED = "returned", _("Returned with comments")
    ACCEPTED = "accepted", _("Accepted by the RTP Secretariat")
    PUBLISHED = "published", _("Published")


# The secretariat writes while the report is in its hands.
EDITABLE_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
# Facts are computed from the records until the report reaches the RTP Secretariat.
LIVE_STATUSES = frozenset(
    {ReportStatus.DRAFT, ReportStatus.WITH_CHAIR, ReportStatus.CHAIR_APPROVED, ReportStatus.RETURNED}
)
# In the compiled report: what the RTP Secretariat accepted.
COMPILED_STATUSES = frozenset({ReportStatus.ACCEPTED, ReportStatus.PUBLISHED})


class ProgressReportQuerySet(models.QuerySet):
    def published(self):
        """Published reports of published cycles: the only ones any public path shows."""
        return self.filter(status=ReportStatus.PUBLISHED, cycle__status="published")

    def for_list(self):
        return self.select_related("cycle", "group", "group__parent")


class ProgressReport(TimeStampedModel):
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="reports"
    )
    group = models.ForeignKey(
        "groups.Group", verbose_name=_("group"), on_delete=models.PROTECT, related_name="progress_reports"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    overview_lo = models.TextField(
        _("sector overview, key interventions and achievements (Lao)"), max_length=TEXT_MAX, blank=True
    )
    overview_en = models.TextField(
        _("sector overview, key interventions and achievements (English)"), max_length=TEXT_MAX, blank=True
    )
    challenges_lo = models.TextField(_("challenges (Lao)"), max_length=TEXT_MAX, blank=True)
    challenges_en = models.TextField(_("challenges (English)"), max_length=TEXT_MAX, blank=True)
    messages_lo = models.TextField(
        _("recommendations and key messages for the meeting (Lao)"), max_length=TEXT_MAX, blank=True
    )
    messages_en = models.TextField(
        _("recommendations and key messages for the meeting (English)"), max_length=TEXT_MAX, blank=True
    )
    next_priorities_lo = models.TextField(_("next year's priorities (Lao)"), max_length=TEXT_MAX, blank=True)
    next_priorities_en = models.TextField(
        _("next year's priorities (English)"), max_length=TEXT_MAX, blank=True
    )
    # The platform's numbers as they were when the report was submitted (None while they are live).
    facts = models.JSONField(_("facts"), null=True, blank=True, editable=False)
    chair_approved_at = models.DateTimeField(_("approved by the chair"), null=True, blank=True)
    # The first submission: lateness is judged on it, not on a resubmission after a return.
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    overview = Localized("overview")
    challenges = Localized("challenges")
    messages = Localized("messages")
    next_priorities = Localized("next_priorities")
    # The frozen facts live in the versions; the history keeps who changed the text and the steps.
    history = HistoricalRecords(excluded_fields=["facts"])
    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "group__order", "group__code"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "group"], name="reports_one_report_per_group_cycle"),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="reports_report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.PUBLISHED, published_at__isnull=False)
                | (~Q(status=ReportStatus.PUBLISHED) & Q(published_at__isnull=True)),
                name="reports_report_published_at_when_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.cycle}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report", args=[self.cycle.code, self.group.code])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def facts_are_live(self) -> bool:
        return self.status in LIVE_STATUSES or self.facts is None

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def reference(self) -> str:
        """The document reference printed on the exports (stable for the life of the report)."""
        return f"RTP/{self.cycle.code.upper()}/{self.group.code.upper()}"

    def days_late(self, today=None) -> int:
        today = today or timezone.localdate()
        submitted = timezone.localdate(self.submitted_at) if self.submitted_at else None
        return self.cycle.days_late(submitted, today)


class PriorityStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind schedule")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped")


class PriorityProgress(models.Model):
    """The progress of one priority of the year's work plan, as the group judges it."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("progress report"), on_delete=models.CASCADE, related_name="priorities"
    )
    priority = models.ForeignKey(
        "workplans.Priority",
        verbose_name=_("priority"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The priority's title as it was (a later change of the plan does not rewrite a submitted report).
    title_lo = models.CharField(_("title (Lao)"), max_length=TITLE_MAX, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=TITLE_MAX, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=PriorityStatus.choices, blank=True)
    reason_lo = models.TextField(_("reason for the delay (Lao)"), max_length=REASON_MAX, blank=True)
    reason_en = models.TextField(_("reason for the delay (English)"), max_length=REASON_MAX, blank=True)
    narrative_lo = models.TextField(_("progress (Lao)"), max_length=TEXT_MAX, blank=True)
    narrative_en = models.TextField(_("progress (English)"), max_length=TEXT_MAX, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    title = Localized("title")
    reason = Localized("reason")
    narrative = Localized("narrative")
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "order", "id"]
        verbose_name = _("progress of a priority")
        verbose_name_plural = _("progress of the priorities")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "priority"],
                condition=Q(priority__isnull=False),
                name="reports_priority_once_per_report",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.status == PriorityStatus.BEHIND and not (self.reason_lo.strip() or self.reason_en.strip()):
            raise ValidationError({"reason_lo": _("Say why the priority is behind schedule.")})


class RecommendationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    DROPPED = "dropped", _("Dropped")


CLOSED_RECOMMENDATION_STATUSES = frozenset({RecommendationStatus.IMPLEMENTED, RecommendationStatus.DROPPED})


class RecommendationFollowUp(models.Model):
    """What the group did about one recommendation of an earlier Round Table meeting."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("progress report"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    recommendation = models.ForeignKey(
        "reports.Recommendation",
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    status = models.CharField(_("status"), max_length=20, choices=RecommendationStatus.choices, blank=True)
    text_lo = models.TextField(_("follow-up (Lao)"), max_length=TEXT_MAX, blank=True)
    text_en = models.TextField(_("follow-up (English)"), max_length=TEXT_MAX, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    text = Localized("text")
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "recommendation__cycle__held_on", "recommendation__number", "id"]
        verbose_name = _("follow-up of a recommendation")
        verbose_name_plural = _("follow-up of the recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "recommendation"], name="reports_follow_up_once_per_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.recommendation_id}"


class SubgroupNote(models.Model):
    """A sub-SWG's part of its SWG's report: sub-SWGs report inside their SWG's report."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="subgroup_notes",
    )
    group = models.ForeignKey(
        "groups.Group", verbose_name=_("sub-SWG"), on_delete=models.PROTECT, related_name="+"
    )
    text_lo = models.TextField(_("work of the sub-SWG (Lao)"), max_length=TEXT_MAX, blank=True)
    text_en = models.TextField(_("work of the sub-SWG (English)"), max_length=TEXT_MAX, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    text = Localized("text")
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "group__order", "group__code"]
        verbose_name = _("sub-SWG's part")
        verbose_name_plural = _("sub-SWGs' parts")
        constraints = [
            models.UniqueConstraint(fields=["report", "group"], name="reports_subgroup_once_per_report")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.group_id}"


class ReportStep(models.Model):
    """One step of a report's life: who moved it from which status to which, when, with what comment."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=ReportStatus.choices)
    to_status = models.CharField(max_length=20, choices=ReportStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Whether the actor took a chair's step as the chair or as a co-chair (the exports' signature block).
    as_role = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(_("comment"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"


class ReportVersion(models.Model):
    """The report frozen when it is submitted (its text, priorities, follow-ups and facts), as JSON."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=ReportStatus.choices)
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reports_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number}"


class ReportReminder(models.Model):
    """A reminder the RTP Secretariat sent to a group whose report is not in yet (the tracker counts them)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="reminders")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)
    # Empty for the RTP Secretariat's own; for those `send_report_reminders` sends by the calendar, where the
    # day stands to the deadline ("before:14", "before:3", "overdue:0", "overdue:1", ...): one of each.
    offset = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        ordering = ["cycle", "group", "sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "group", "offset"],
                condition=~models.Q(offset=""),
                name="reports_reminder_once_per_offset",
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id}/{self.group_id} {self.sent_at:%Y-%m-%d}"
