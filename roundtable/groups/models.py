from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.i18n import Localized
from roundtable.core.models import BilingualNameModel, TimeStampedModel

from .validators import validate_record_date


class GroupKind(models.TextChoices):
    FORUM = "forum", _("Round Table forum")
    SWG = "swg", _("Sector Working Group")
    SUBSWG = "subswg", _("Sub-Sector Working Group")


class ForumKind(models.TextChoices):
    HLRTM = "hlrtm", _("High-Level Round Table Meeting")
    RTIM = "rtim", _("Round Table Implementation Meeting")
    CHAIRS = "chairs", _("Meeting of SWG chairs and co-chairs")
    CONSULTATION = "consultation", _("Technical and preparatory consultations")


class GroupQuerySet(models.QuerySet):
    def swgs(self):
        return self.filter(kind=GroupKind.SWG)

    def forums(self):
        return self.filter(kind=GroupKind.FORUM)

    def active(self):
        return self.filter(is_active=True)

    def top_level(self):
        """Forums and SWGs: the groups that are not a sub-SWG."""
        return self.filter(parent__isnull=True)

    def in_tree_order(self):
        """Forums first, then each SWG followed by its sub-SWGs."""
        return self.annotate(
            forum_first=Case(When(kind=GroupKind.FORUM, then=Value(0)), default=Value(1)),
            branch_order=Coalesce("parent__order", "order"),
            branch_code=Coalesce("parent__code", "code"),
            is_sub=Case(When(parent__isnull=True, then=Value(0)), default=Value(1)),
        ).order_by("forum_first", "branch_order", "branch_code", "is_sub", "order", "code")

    def with_current_chairs(self, on: date | None = None):
        """Prefetch the current chair terms into `current_terms`: one query, whatever the number of groups."""
        terms = (
            ChairTerm.objects.current(on)
            .select_related("organisation", "person")
            .order_by("role", "start_date", "pk")
        )
        return self.prefetch_related(models.Prefetch("chair_terms", queryset=terms, to_attr="current_terms"))


class Group(BilingualNameModel):
    """A Round Table forum, a Sector Working Group or a sub-SWG."""

    kind = models.CharField(_("kind"), max_length=10, choices=GroupKind.choices)
    forum_kind = models.CharField(_("forum"), max_length=20, choices=ForumKind.choices, blank=True)
    code = models.SlugField(
        _("short code"), max_length=40, unique=True, help_text=_("e.g. health, health-hpf")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent SWG"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    mandate_lo = models.TextField(_("mandate (Lao)"), max_length=4000, blank=True)
    mandate_en = models.TextField(_("mandate (English)"), max_length=4000, blank=True)
    lead_ministry = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("lead ministry"),
        on_delete=models.PROTECT,
        related_name="led_groups",
        null=True,
        blank=True,
    )
    nsedp_outcomes = models.ManyToManyField(
        "frameworks.FrameworkItem",
        verbose_name=_("NSEDP outcomes"),
        related_name="groups_as_outcome",
        blank=True,
        limit_choices_to={"framework__kind": "nsedp", "level": "outcome"},
    )
    sdgs = models.ManyToManyField(
        "frameworks.FrameworkItem",
        verbose_name=_("SDGs"),
        related_name="groups_as_sdg",
        blank=True,
        limit_choices_to={"framework__kind": "sdg", "level": "goal"},
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # Optimistic locking: a profile saved from a form opened on an older revision is refused (Conflict).
    revision = models.PositiveIntegerField(default=1, editable=False)

    name = Localized("name")
    mandate = Localized("mandate")
    history = HistoricalRecords(m2m_fields=[nsedp_outcomes, sdgs])
    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="subswg") | Q(parent__isnull=False), name="subswg_has_parent"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", args=[self.code])

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.kind == GroupKind.SUBSWG and not self.parent_id:
            raise ValidationError({"parent": _("A sub-SWG belongs to an SWG.")})
        if self.kind != GroupKind.SUBSWG and self.parent_id:
            raise ValidationError({"parent": _("Only a sub-SWG has a parent SWG.")})
        if self.parent_id and self.parent.kind != GroupKind.SWG:
            raise ValidationError({"parent": _("The parent must be a Sector Working Group.")})

    @property
    def is_swg(self) -> bool:
        return self.kind == GroupKind.SWG

    def current_chair_terms(self) -> list["ChairTerm"]:
        """Current terms, from the `with_current_chairs()` prefetch when there is one."""
        terms = getattr(self, "current_terms", None)
        if terms is None:
            terms = list(
                self.chair_terms.current()
                .select_related("organisation", "person")
                .order_by("role", "start_date", "pk")
            )
            self.current_terms = terms
        return terms

    @property
    def current_chair(self) -> "ChairTerm | None":
        return next((t for t in self.current_chair_terms() if t.role == ChairRole.CHAIR), None)

    @property
    def current_cochairs(self) -> list["ChairTerm"]:
        return [t for t in self.current_chair_terms() if t.role == ChairRole.COCHAIR]


def document_upload_to(instance, filename: str) -> str:
    return f"tor/{instance.group.code}/{filename}"


class TermsOfReference(TimeStampedModel):
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="tor_documents"
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to=document_upload_to)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    version = models.CharField(_("version"), max_length=20)
    issued_on = models.DateField(_("date"), validators=[validate_record_date])

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "language"]
        verbose_name = _("Terms of Reference")
        verbose_name_plural = _("Terms of Reference")

    def __str__(self) -> str:
        return self.title or f"ToR {self.group.code} v{self.version} ({self.language})"


class ChairRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    COCHAIR = "cochair", _("Co-chair")


class ChairTermQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))

    def rotation_due(self, on: date | None = None):
        """Current terms whose planned end falls within the reminder period (a setting)."""
        on = on or timezone.localdate()
        horizon = on + timedelta(days=settings.ROUNDTABLE["ROTATION_REMINDER_DAYS"])
        return self.current(on).filter(planned_end__isnull=False, planned_end__lte=horizon)

    def rotation_reminder_pending(self, on: date | None = None):
        """Terms of active groups whose rotation is due and that no reminder has announced yet."""
        return self.rotation_due(on).filter(group__is_active=True, rotation_reminded_on__isnull=True)

    def overlapping(self, start: date, end: date | None):
        """Terms that share at least one day with [start, end] (end None: open-ended)."""
        qs = self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        if end is not None:
            qs = qs.filter(start_date__lte=end)
        return qs


class ChairTerm(TimeStampedModel):
    """Who chairs or co-chairs a group, from when to when.

    The Government chair is a ministry and its representative; development-partner
    co-chairs are organisations (an embassy, an agency, a bank) with a representative.
    """

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="chair_terms"
    )
    role = models.CharField(_("role"), max_length=10, choices=ChairRole.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="chair_terms",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("representative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chair_terms",
    )
    start_date = models.DateField(_("start of term"), validators=[validate_record_date])
    planned_end = models.DateField(
        _("planned end of term"), null=True, blank=True, validators=[validate_record_date]
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True, validators=[validate_record_date])
    change_reason = models.TextField(_("reason for the change"), max_length=1000, blank=True)
    end_reason = models.TextField(_("reason the term ended"), max_length=1000, blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    # Set by `send_rotation_reminders`, so that each term is reminded once, however often cron runs it.
    rotation_reminded_on = models.DateField(
        _("rotation reminder sent on"), null=True, blank=True, editable=False
    )

    # The reminder date is bookkeeping of the command, not a change to the structure: kept out of the audit.
    history = HistoricalRecords(excluded_fields=["rotation_reminded_on"])
    objects = ChairTermQuerySet.as_manager()

    class Meta:
        ordering = ["group", "role", "-start_date"]
        verbose_name = _("chair term")
        verbose_name_plural = _("chair terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_end__gte=models.F("start_date")),
                name="chairterm_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("start_date")),
                name="chairterm_ended_after_start",
            ),
            # One Government chair at a time: a chair is handed over (the old term ends) before the next
            # term is open, and the services check overlaps; the database keeps it so whatever writes.
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="chair", ended_on__isnull=True),
                name="chairterm_one_open_chair_per_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.organisation} ({self.group.code})"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.ended_on is None or self.ended_on >= today)

    @property
    def rotation_due(self) -> bool:
        if not self.is_current or not self.planned_end:
            return False
        horizon = timezone.localdate() + timedelta(days=settings.ROUNDTABLE["ROTATION_REMINDER_DAYS"])
        return self.planned_end <= horizon

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.planned_end and self.start_date and self.planned_end < self.start_date:
            raise ValidationError(
                {"planned_end": _("The planned end cannot be before the start of the term.")}
            )
        if self.ended_on and self.start_date and self.ended_on < self.start_date:
            raise ValidationError({"ended_on": _("The end cannot be before the start of the term.")})
