"""The annual work plan of a group, in the guideline's template.

A plan holds priorities (linked to NSEDP outputs and SDG targets), planned meetings and the year's
stakeholders; it moves draft → with the chair → chair-approved → submitted → approved → published,
and can be returned with comments at the chair's or the RTP Secretariat's step.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.i18n import Localized, require_text
from roundtable.core.models import TimeStampedModel
from roundtable.groups.validators import validate_record_date


class WorkPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    WITH_CHAIR = "with_chair", _("Sent to the chair")
    CHAIR_APPROVED = "chair_approved", _("Approved by the chair")
    SUBMITTED = "submitted", _("Submitted to the RTP Secretariat")
    RETURNED = "returned", _("Returned with comments")
    APPROVED = "approved", _("Approved by the RTP Secretariat")
    PUBLISHED = "published", _("Published")


# The years a plan may be for: wide enough for any real plan, narrow enough that a typed URL
# (/workplans/health/99999/new/) is refused instead of breaking date arithmetic.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def is_plan_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


# The secretariat may change the plan only while it is in its hands.
EDITABLE_STATUSES = frozenset({WorkPlanStatus.DRAFT, WorkPlanStatus.RETURNED})


def workplan_deadline(year: int) -> date:
    """The day a plan for `year` is due (a setting: 31 January of the year by default)."""
    month, day = settings.ROUNDTABLE["WORKPLAN_DUE_MONTH_DAY"]
    return date(year, month, day)


def planning_years(today: date) -> list[int]:
    """The years whose plans are being prepared now, next first: in December the next year's plan is
    written (it is due in January) while this year's still runs; from January the year's own."""
    return [today.year + 1, today.year] if today.month == 12 else [today.year]


class WorkPlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=WorkPlanStatus.PUBLISHED)

    def for_list(self):
        return self.select_related("group", "group__parent")

    def for_year(self, year: int):
        return self.filter(year=year)


class WorkPlan(TimeStampedModel):
    group = models.ForeignKey(
        "groups.Group", verbose_name=_("group"), on_delete=models.PROTECT, related_name="workplans"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WorkPlanStatus.choices, default=WorkPlanStatus.DRAFT
    )
    sector_strategy_lo = models.TextField(_("sector strategy (Lao)"), max_length=10000, blank=True)
    sector_strategy_en = models.TextField(_("sector strategy (English)"), max_length=10000, blank=True)
    context_lo = models.TextField(_("context (Lao)"), max_length=10000, blank=True)
    context_en = models.TextField(_("context (English)"), max_length=10000, blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("started from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Optimistic locking: every save through the services increments it; a save from a stale form is refused.
    revision = models.PositiveIntegerField(default=1, editable=False)
    # The first submission to the RTP Secretariat: lateness is judged on it, not on a resubmission.
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    sector_strategy = Localized("sector_strategy")
    context = Localized("context")
    history = HistoricalRecords()
    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "group__order", "group__code"]
        verbose_name = _("annual work plan")
        verbose_name_plural = _("annual work plans")
        constraints = [
            models.UniqueConstraint(fields=["group", "year"], name="workplan_one_per_group_year"),
            models.CheckConstraint(
                condition=Q(status__in=WorkPlanStatus.values), name="workplan_status_valid"
            ),
            # Published exactly when published: the public pages and the API date a plan by it.
            models.CheckConstraint(
                condition=Q(status=WorkPlanStatus.PUBLISHED, published_at__isnull=False)
                | (~Q(status=WorkPlanStatus.PUBLISHED) & Q(published_at__isnull=True)),
                name="workplan_published_at_when_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.year}"

    def save(self, *args, **kwargs):
        # The database refuses a published plan without its date, and a date on any other plan
        # (workplan_published_at_when_published): a plan written as published is dated now.
        if self.status == WorkPlanStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("workplans:detail", args=[self.group.code, self.year])

    @property
    def is_published(self) -> bool:
        return self.status == WorkPlanStatus.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def deadline(self) -> date:
        return workplan_deadline(self.year)

    def is_late(self, today: date | None = None) -> bool:
        """Late: first submitted to the RTP Secretariat after the deadline, or not submitted and the
        deadline has passed. A plan submitted on time and then returned for fixes is not late."""
        return submission_is_late(self.year, self.submitted_at, today)


def has_lao(text: str) -> bool:
    """Whether the text has a letter of the Lao script (U+0E80–U+0EFF)."""
    return any("\u0e80" <= ch <= "\u0eff" for ch in text or "")


def submission_is_late(year: int, submitted_at: datetime | None, today: date | None = None) -> bool:
    deadline = workplan_deadline(year)
    if submitted_at is not None:
        return timezone.localdate(submitted_at) > deadline
    return (today or timezone.localdate()) > deadline


class Currency(models.TextChoices):
    LAK = "LAK", _("Lao kip (LAK)")
    USD = "USD", _("US dollar (USD)")


class Priority(TimeStampedModel):
    """A priority programme/project of the year (ແຜນງານ/ໂຄງການບຸລິມະສິດ)."""

    workplan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="priorities"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_lo = models.CharField(_("title (Lao)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_lo = models.TextField(_("description (Lao)"), max_length=4000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=4000, blank=True)
    lead_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_priorities",
    )
    partners = models.ManyToManyField(
        "directory.Organisation", verbose_name=_("partners"), blank=True, related_name="partner_priorities"
    )
    nsedp_outputs = models.ManyToManyField(
        "frameworks.FrameworkItem",
        verbose_name=_("NSEDP outputs"),
        blank=True,
        related_name="priorities_as_output",
        limit_choices_to={"framework__kind": "nsedp", "level": "output"},
    )
    sdg_targets = models.ManyToManyField(
        "frameworks.FrameworkItem",
        verbose_name=_("SDG targets"),
        blank=True,
        related_name="priorities_as_target",
        limit_choices_to={"framework__kind": "sdg", "level": "target"},
    )
    expected_results_lo = models.TextField(_("expected results (Lao)"), max_length=4000, blank=True)
    expected_results_en = models.TextField(_("expected results (English)"), max_length=4000, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True, validators=[validate_record_date])
    end_date = models.DateField(_("to"), null=True, blank=True, validators=[validate_record_date])
    budget = models.DecimalField(
        _("estimated budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    funding_source_lo = models.CharField(_("funding source (Lao)"), max_length=255, blank=True)
    funding_source_en = models.CharField(_("funding source (English)"), max_length=255, blank=True)
    # Optimistic locking, as on the plan: a priority saved from a stale form is refused.
    revision = models.PositiveIntegerField(default=1, editable=False)

    title = Localized("title")
    description = Localized("description")
    expected_results = Localized("expected_results")
    funding_source = Localized("funding_source")
    history = HistoricalRecords(m2m_fields=[partners, nsedp_outputs, sdg_targets])

    class Meta:
        ordering = ["workplan", "order", "id"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        require_text(self, "title", _("Give the title in Lao, in English, or both."))
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})
        if self.budget is not None and not self.currency:
            raise ValidationError({"currency": _("Give the currency of the budget.")})


class PlannedMeeting(models.Model):
    """A meeting date planned in the work plan, for the group or one of its sub-groups."""

    workplan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="planned_meetings"
    )
    group = models.ForeignKey(
        "groups.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    title_lo = models.CharField(_("title (Lao)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    # Optimistic locking, as on the plan: a planned meeting saved from a stale form is refused.
    revision = models.PositiveIntegerField(default=1, editable=False)

    title = Localized("title")
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "group__code"]
        verbose_name = _("planned meeting")
        verbose_name_plural = _("planned meetings")

    def __str__(self) -> str:
        return f"{self.group.code} {self.date}"

    @property
    def quarter(self) -> int:
        return (self.date.month - 1) // 3 + 1


class StakeholderRole(models.TextChoices):
    """A stakeholder's role in the sector: a code, shown in the reader's language (never stored as words)."""

    CHAIR = "chair", _("Chair")
    COCHAIR = "cochair", _("Co-chair")
    SECRETARIAT = "secretariat", _("Secretariat")
    MEMBER = "member", _("Member")
    DEVELOPMENT_PARTNER = "development_partner", _("Development partner")


class PlanStakeholder(models.Model):
    """A stakeholder of the year: from the directory (organisation and/or person) or an addition by name.

    Its role is a code (`role_code`, shown translated) and, where none fits, words of the secretariat's own
    (`role_note`); `role` is what a page or an export shows, in the active language."""

    workplan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="stakeholders"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name (if not in the directory)"), max_length=255, blank=True)
    role_code = models.CharField(
        _("role in the sector"), max_length=20, choices=StakeholderRole.choices, blank=True
    )
    role_note = models.CharField(_("role in the sector, in words"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        constraints = [
            models.CheckConstraint(
                condition=Q(role_code__in=["", *StakeholderRole.values]), name="planstakeholder_role_valid"
            )
        ]

    def __str__(self) -> str:
        return str(self.person or self.organisation or self.name)

    @property
    def role(self) -> str:
        """The role as a reader sees it: its label in the active language, then the words given."""
        label = self.get_role_code_display() if self.role_code else ""
        return " · ".join(part for part in (str(label), self.role_note) if part)


class WorkPlanStep(models.Model):
    """One step of the plan's life: who moved it from which status to which, when, with what comment."""

    workplan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="steps"
    )
    from_status = models.CharField(max_length=20, choices=WorkPlanStatus.choices)
    to_status = models.CharField(max_length=20, choices=WorkPlanStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(_("comment"), max_length=4000, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.workplan_id}: {self.from_status} → {self.to_status}"


class WorkPlanVersion(models.Model):
    """A frozen copy of the plan (as JSON) taken when it is submitted, approved or published."""

    workplan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=WorkPlanStatus.choices)
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["workplan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workplan", "number"], name="workplanversion_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.workplan_id} v{self.number}"
