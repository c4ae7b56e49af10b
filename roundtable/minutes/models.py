"""Minutes of a meeting (the guideline's template), their decisions and action points.

One Minutes record per meeting holds the content in Lao and/or English: per agenda item the
discussion, the decisions and the action points, as records. Each language version
(MinutesVersion) goes through its own life: draft → circulated for comments → approved by the
chair → sent to the RTP Secretariat → published (or returned with comments).
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.i18n import Localized
from roundtable.core.models import TimeStampedModel

# The longest texts of the minutes: generous for real minutes (one item's discussion runs to several pages
# of Lao), bounded so that a pasted book or a crafted post cannot fill the database, the page or the PDF.
# Forms take them from the fields; the validators hold them for every service (full_clean).
DISCUSSION_MAX = 20_000
DECISION_MAX = 5_000
ACTION_MAX = 2_000
COMMENT_MAX = 5_000
NOTE_MAX = 2_000


def bounded(limit: int) -> dict:
    """max_length (forms, the admin) and its validator (models: a TextField's max_length alone is not)."""
    return {"max_length": limit, "validators": [MaxLengthValidator(limit)]}


class MinutesQuerySet(models.QuerySet):
    def published(self):
        """Minutes with at least one published language version (the only ones the public may learn of)."""
        versions = MinutesVersion.objects.filter(
            minutes=models.OuterRef("pk"), status=MinutesStatus.PUBLISHED
        )
        return self.filter(models.Exists(versions))


class Minutes(TimeStampedModel):
    meeting = models.OneToOneField(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="minutes"
    )
    # Optimistic locking: a save from a stale form is refused and shown what changed.
    revision = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    def get_absolute_url(self) -> str:
        return reverse("minutes:detail", args=[self.meeting_id])


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated for comments")
    CHAIR_APPROVED = "chair_approved", _("Approved by the chair")
    SENT = "sent", _("Sent to the RTP Secretariat")
    RETURNED = "returned", _("Returned with comments")
    PUBLISHED = "published", _("Published")


class MinutesVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=MinutesStatus.PUBLISHED)


def signed_pdf_upload_to(instance, filename: str) -> str:
    return f"minutes/{instance.minutes.meeting_id}/{instance.language}/{filename}"


class MinutesVersion(TimeStampedModel):
    """The Lao or the English version of the minutes, approved and published on its own."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="versions"
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    comments_until = models.DateField(_("comments until"), null=True, blank=True)
    chair_approved_at = models.DateTimeField(_("approved by the chair"), null=True, blank=True)
    # The guideline's deadline counts from the day the minutes reach the RTP Secretariat.
    sent_to_rtp_at = models.DateTimeField(_("sent to the RTP Secretariat"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    signed_pdf = models.FileField(_("signed PDF"), upload_to=signed_pdf_upload_to, blank=True)

    history = HistoricalRecords()
    objects = MinutesVersionQuerySet.as_manager()

    class Meta:
        ordering = ["minutes", "language"]
        verbose_name = _("language version of the minutes")
        verbose_name_plural = _("language versions of the minutes")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "language"], name="minutesversion_one_per_language"),
            models.CheckConstraint(
                condition=models.Q(status__in=MinutesStatus.values), name="minutesversion_status_valid"
            ),
            # Published exactly when published: the public pages and the deadlines read this date.
            models.CheckConstraint(
                condition=models.Q(status=MinutesStatus.PUBLISHED, published_at__isnull=False)
                | (~models.Q(status=MinutesStatus.PUBLISHED) & models.Q(published_at__isnull=True)),
                name="minutesversion_published_at_iff_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} ({self.language})"

    @property
    def is_published(self) -> bool:
        return self.status == MinutesStatus.PUBLISHED

    def send_deadline(self):
        """The last day to send the minutes to the RTP Secretariat: the meeting day + a setting."""
        from datetime import timedelta

        meeting_day = timezone.localdate(self.minutes.meeting.start)
        return meeting_day + timedelta(days=settings.ROUNDTABLE["MINUTES_SEND_WITHIN_DAYS"])

    def days_late(self) -> int:
        """Days past the sending deadline: to the day it was sent, or to today while not sent (0: on time)."""
        reached = timezone.localdate(self.sent_to_rtp_at) if self.sent_to_rtp_at else timezone.localdate()
        return max(0, (reached - self.send_deadline()).days)


class MinutesStep(models.Model):
    """Who moved a language version from which status to which, when, with what comment."""

    version = models.ForeignKey(MinutesVersion, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=20, choices=MinutesStatus.choices)
    to_status = models.CharField(max_length=20, choices=MinutesStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A default, not auto_now_add: the demo replays steps at the dates it tells (services take `at`).
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(_("comment"), blank=True, **bounded(COMMENT_MAX))

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.version}: {self.from_status} → {self.to_status}"


class MinutesComment(models.Model):
    """A comment by an attendee on circulated minutes."""

    version = models.ForeignKey(MinutesVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("comment"), **bounded(COMMENT_MAX))

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.version}: {self.text[:40]}"


class MinutesItem(models.Model):
    """The record of one agenda item: what was discussed, in Lao and/or English."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="items"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_lo = models.CharField(_("title (Lao)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    discussion_lo = models.TextField(_("discussion (Lao)"), blank=True, **bounded(DISCUSSION_MAX))
    discussion_en = models.TextField(_("discussion (English)"), blank=True, **bounded(DISCUSSION_MAX))

    title = Localized("title")
    discussion = Localized("discussion")

    class Meta:
        ordering = ["minutes", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    item = models.ForeignKey(
        MinutesItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="decisions"
    )
    order = models.PositiveSmallIntegerField(default=0)
    text_lo = models.TextField(_("decision (Lao)"), blank=True, **bounded(DECISION_MAX))
    text_en = models.TextField(_("decision (English)"), blank=True, **bounded(DECISION_MAX))

    text = Localized("text")

    class Meta:
        ordering = ["item", "order", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionPointQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])

    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.open().filter(due_date__lt=on)


class ActionPoint(TimeStampedModel):
    item = models.ForeignKey(
        MinutesItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="action_points"
    )
    # Denormalised from item.minutes.meeting.group for the group's action-point list and its filters.
    group = models.ForeignKey(
        "groups.Group", verbose_name=_("group"), on_delete=models.PROTECT, related_name="action_points"
    )
    what_lo = models.TextField(_("action (Lao)"), blank=True, **bounded(ACTION_MAX))
    what_en = models.TextField(_("action (English)"), blank=True, **bounded(ACTION_MAX))
    responsible_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_points",
    )
    responsible_person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_points",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    what = Localized("what")
    history = HistoricalRecords()
    objects = ActionPointQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self) -> str:
        return self.what

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


class ActionPointUpdate(models.Model):
    """A status change of an action point, with its note."""

    action_point = models.ForeignKey(ActionPoint, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    note = models.TextField(_("note"), blank=True, **bounded(NOTE_MAX))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action_point_id}: {self.status}"


class MinutesEdit(models.Model):
    """One saved change to the minutes' content, by revision.

    When a save arrives from a stale form, the edits made since the form's revision are what the
    refusal message shows ("what changed"), so the user can merge by hand instead of overwriting.
    """

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="edits")
    revision = models.PositiveIntegerField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    # [{"where": "2. Budget", "field": "discussion_lo", "old": "...", "new": "..."}, ...]
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["revision", "id"]

    def __str__(self) -> str:
        return f"{self.minutes_id} r{self.revision}"
