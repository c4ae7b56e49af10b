"""Aid activities as the platform keeps them: one row per activity (from an IATI file or the national ODA
database), with its organisations, sectors, locations, budgets and transactions.

Money: every value is kept in its own currency and, beside it, in USD and LAK at the monthly rate of its
value date (`ExchangeRate`), with the rates used. A value without a rate has no USD/LAK figure (None):
it is reported, never guessed, and the funding figures leave it out and say how many they left out.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roundtable.core.i18n import current_lang, pick

from .. import permissions

MONEY = {"max_digits": 20, "decimal_places": 2}
RATE = {"max_digits": 24, "decimal_places": 10}


class Source(models.TextChoices):
    IATI = "iati", _("IATI")
    ODA = "oda", _("National ODA database")


class ActivityStatus(models.IntegerChoices):
    PIPELINE = 1, _("Pipeline or identification")
    IMPLEMENTATION = 2, _("Implementation")
    FINALISATION = 3, _("Finalisation")
    CLOSED = 4, _("Closed")
    CANCELLED = 5, _("Cancelled")
    SUSPENDED = 6, _("Suspended")


class OrganisationRole(models.IntegerChoices):
    FUNDING = 1, _("Funding")
    ACCOUNTABLE = 2, _("Accountable")
    EXTENDING = 3, _("Extending")
    IMPLEMENTING = 4, _("Implementing")


class TransactionType(models.IntegerChoices):
    INCOMING_FUNDS = 1, _("Incoming funds")
    COMMITMENT = 2, _("Commitment")
    DISBURSEMENT = 3, _("Disbursement")
    EXPENDITURE = 4, _("Expenditure")
    INTEREST_PAYMENT = 5, _("Interest payment")
    LOAN_REPAYMENT = 6, _("Loan repayment")
    REIMBURSEMENT = 7, _("Reimbursement")
    PURCHASE_OF_EQUITY = 8, _("Purchase of equity")
    SALE_OF_EQUITY = 9, _("Sale of equity")
    CREDIT_GUARANTEE = 10, _("Credit guarantee")
    INCOMING_COMMITMENT = 11, _("Incoming commitment")
    OUTGOING_PLEDGE = 12, _("Outgoing pledge")
    INCOMING_PLEDGE = 13, _("Incoming pledge")


# What the funding figures count: "committed" is the partner's commitment to the activity; "disbursed" is
# money that left the partner for it (a disbursement to an implementer, or an expenditure it made itself).
COMMITMENT_TYPES = (TransactionType.COMMITMENT,)
DISBURSEMENT_TYPES = (TransactionType.DISBURSEMENT, TransactionType.EXPENDITURE)
FUNDED_TYPES = COMMITMENT_TYPES + DISBURSEMENT_TYPES


class BudgetType(models.IntegerChoices):
    ORIGINAL = 1, _("Original")
    REVISED = 2, _("Revised")


class ActivityQuerySet(models.QuerySet):
    def iati(self):
        return self.filter(source=Source.IATI)

    def visible_to(self, user):
        """IATI activities for everyone (IATI data is public); the national ODA database's projects only
        for the RTP Secretariat and the members of the groups (`permissions.can_view_oda_projects`)."""
        if permissions.can_view_oda_projects(user):
            return self
        return self.filter(source=Source.IATI)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(identifier__icontains=text)
            | Q(title_en__icontains=text)
            | Q(title_lo__icontains=text)
            | Q(title_other__icontains=text)
        )


class Activity(models.Model):
    """An aid activity (a project, a programme) in Lao PDR, as its partner published it last.

    `identifier` is the IATI identifier (or the national ODA database's project id, for `source=oda`). A
    re-import replaces the activity's content by the newer version (`ActivityVersion` keeps which file and
    date each version came from): the one whose `last-updated-datetime` is later wins; without that date, or
    with the same one, the version read last wins. An older version read later is left out and counted.
    """

    source = models.CharField(_("source"), max_length=4, choices=Source.choices, default=Source.IATI)
    identifier = models.CharField(_("identifier"), max_length=255)
    title_lo = models.TextField(_("title (Lao)"), blank=True)
    title_en = models.TextField(_("title (English)"), blank=True)
    # A title in another language, for an activity published with neither Lao nor English.
    title_other = models.TextField(_("title (other language)"), blank=True)
    titles = models.JSONField(_("titles"), default=dict, blank=True)
    descriptions = models.JSONField(_("descriptions"), default=list, blank=True)
    default_lang = models.CharField(_("language"), max_length=8, blank=True)
    default_currency = models.CharField(_("default currency"), max_length=3, blank=True)
    status = models.PositiveSmallIntegerField(
        _("status"), choices=ActivityStatus.choices, null=True, blank=True
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    reporting_org_ref = models.CharField(_("reporting organisation identifier"), max_length=150, blank=True)
    reporting_org_name = models.CharField(_("reporting organisation"), max_length=500, blank=True)
    reporting_org_type = models.CharField(_("reporting organisation type"), max_length=5, blank=True)
    # The partner in the directory (matched by identifier, then by name; unmatched: the review list).
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aid_activities",
    )
    recipient_countries = models.JSONField(_("recipient countries"), default=list, blank=True)
    recipient_regions = models.JSONField(_("recipient regions"), default=list, blank=True)
    # The share of the activity for Lao PDR (from the recipient-country percentages), 0 to 1.
    lao_share = models.DecimalField(
        _("share for Lao PDR"), max_digits=9, decimal_places=8, default=Decimal(1)
    )
    hierarchy = models.PositiveSmallIntegerField(_("hierarchy"), null=True, blank=True)
    humanitarian = models.BooleanField(_("humanitarian"), default=False)
    # Elements kept as published, for the activity's page: other identifiers, document links, related
    # activities, policy markers, tags, default types, planned disbursements, contact points...
    extras = models.JSONField(_("other elements"), default=dict, blank=True)
    last_updated = models.DateTimeField(_("last updated by the partner"), null=True, blank=True)
    source_file = models.ForeignKey(
        "aid.SourceFile",
        verbose_name=_("file"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source_line = models.PositiveIntegerField(_("line"), null=True, blank=True)
    digest = models.CharField(max_length=40, blank=True)
    imported_at = models.DateTimeField(_("imported"))

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["title_en", "identifier"]
        verbose_name = _("aid activity")
        verbose_name_plural = _("aid activities")
        constraints = [
            models.UniqueConstraint(fields=["source", "identifier"], name="aid_activity_unique_identifier"),
            models.CheckConstraint(
                condition=Q(lao_share__gte=0) & Q(lao_share__lte=1), name="aid_activity_lao_share_0_1"
            ),
        ]
        indexes = [models.Index(fields=["organisation"])]

    def __str__(self) -> str:
        return self.title or self.identifier

    def get_absolute_url(self) -> str:
        return reverse("aid:activity", args=[self.pk])

    @property
    def title(self) -> str:
        return pick(self.title_lo, self.title_en) or self.title_other

    @property
    def description(self) -> str:
        """The general description (type 1, or the first) in the page's language, else any language."""
        if not self.descriptions:
            return ""
        first = next((d for d in self.descriptions if d.get("type") in ("1", "")), self.descriptions[0])
        texts = first.get("texts") or {}
        lang = current_lang()
        return texts.get(lang) or texts.get("en" if lang == "lo" else "lo") or next(iter(texts.values()), "")

    @property
    def partner_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.reporting_org_name

    @property
    def start(self) -> date | None:
        return self.actual_start or self.planned_start

    @property
    def end(self) -> date | None:
        return self.actual_end or self.planned_end


class ActivityVersion(models.Model):
    """One version of an activity that the platform read: from which file, which line, dated how."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="versions")
    source_file = models.ForeignKey(
        "aid.SourceFile", on_delete=models.SET_NULL, null=True, blank=True, related_name="versions"
    )
    line = models.PositiveIntegerField(null=True, blank=True)
    last_updated = models.DateTimeField(null=True, blank=True)
    digest = models.CharField(max_length=40, blank=True)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["activity", "-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.activity_id} @ {self.imported_at:%Y-%m-%d}"


class ActivityOrganisation(models.Model):
    """A participating organisation (funding, accountable, extending, implementing)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    role = models.PositiveSmallIntegerField(_("role"), choices=OrganisationRole.choices)
    ref = models.CharField(_("identifier"), max_length=150, blank=True)
    type = models.CharField(_("type"), max_length=5, blank=True)
    name = models.CharField(_("name"), max_length=500, blank=True)
    activity_ref = models.CharField(_("their activity"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aid_participations",
    )

    class Meta:
        ordering = ["activity", "role", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.organisation_id else (self.name or self.ref)


class ActivitySector(models.Model):
    """A sector of the activity in one vocabulary (1 DAC 5-digit, 2 DAC 3-digit, 7–9 SDG, ...)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sectors")
    vocabulary = models.CharField(_("vocabulary"), max_length=5, default="1")
    code = models.CharField(_("code"), max_length=100)
    percentage = models.DecimalField(_("percentage"), max_digits=6, decimal_places=2, null=True, blank=True)
    name = models.CharField(_("name"), max_length=500, blank=True)

    class Meta:
        ordering = ["activity", "vocabulary", "-percentage", "code"]
        indexes = [models.Index(fields=["vocabulary", "code"])]

    def __str__(self) -> str:
        return f"{self.vocabulary}:{self.code}"


class Location(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="locations")
    ref = models.CharField(_("reference"), max_length=150, blank=True)
    name = models.CharField(_("name"), max_length=500, blank=True)
    # The Lao province (provinces.PROVINCES key, ISO 3166-2) when the location names one.
    province = models.CharField(_("province"), max_length=5, blank=True)
    admin_vocabulary = models.CharField(max_length=5, blank=True)
    admin_level = models.CharField(max_length=5, blank=True)
    admin_code = models.CharField(max_length=100, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["activity", "pk"]
        indexes = [models.Index(fields=["province"])]

    def __str__(self) -> str:
        return self.name or self.ref


class ConvertedValue(models.Model):
    """A value in its currency, with its USD and LAK figures and the rates used (None: no rate)."""

    value = models.DecimalField(_("value"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    value_date = models.DateField(_("value date"), null=True, blank=True)
    value_usd = models.DecimalField(_("value (USD)"), null=True, blank=True, **MONEY)
    value_lak = models.DecimalField(_("value (LAK)"), null=True, blank=True, **MONEY)
    # Units of the value's currency per US dollar, and kip per US dollar, in the value date's month.
    usd_rate = models.DecimalField(null=True, blank=True, **RATE)
    lak_rate = models.DecimalField(null=True, blank=True, **RATE)

    class Meta:
        abstract = True

    @property
    def rate_month(self) -> date | None:
        return self.value_date.replace(day=1) if self.value_date else None

    @property
    def has_rate(self) -> bool:
        return self.value_usd is not None and self.value_lak is not None


class Budget(ConvertedValue):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="budgets")
    type = models.PositiveSmallIntegerField(
        _("type"), choices=BudgetType.choices, default=BudgetType.ORIGINAL
    )
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))

    class Meta:
        ordering = ["activity", "period_start", "type"]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}: {self.value} {self.currency}"

    def overlaps(self, other: Budget) -> bool:
        return self.period_start <= other.period_end and other.period_start <= self.period_end


def effective_budgets(budgets: list[Budget]) -> list[tuple[Budget, bool]]:
    """Each budget with whether it counts: a revised budget overrides the original ones it overlaps."""
    revised = [b for b in budgets if b.type == BudgetType.REVISED]
    return [
        (b, b.type == BudgetType.REVISED or not any(b.overlaps(r) for r in revised))
        for b in sorted(budgets, key=lambda b: (b.period_start, b.type))
    ]


class TransactionQuerySet(models.QuerySet):
    def without_rate(self):
        return self.filter(Q(value_usd__isnull=True) | Q(value_lak__isnull=True))


class Transaction(ConvertedValue):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="transactions")
    ref = models.CharField(_("reference"), max_length=255, blank=True)
    type = models.PositiveSmallIntegerField(_("type"), choices=TransactionType.choices)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)
    provider_ref = models.CharField(max_length=150, blank=True)
    provider_name = models.CharField(_("provider"), max_length=500, blank=True)
    receiver_ref = models.CharField(max_length=150, blank=True)
    receiver_name = models.CharField(_("receiver"), max_length=500, blank=True)
    # A sector of the transaction itself (then it counts wholly for that sector).
    sector_vocabulary = models.CharField(max_length=5, blank=True)
    sector_code = models.CharField(max_length=100, blank=True)
    recipient_country = models.CharField(max_length=2, blank=True)
    line = models.PositiveIntegerField(null=True, blank=True)

    objects = TransactionQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "date", "pk"]
        indexes = [models.Index(fields=["value_date"])]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.date}: {self.value} {self.currency}"

    @property
    def lao_share(self) -> Decimal:
        """The part of the transaction that is for Lao PDR: all or nothing when the transaction names its
        recipient country, else the activity's share."""
        if self.recipient_country:
            return Decimal(1) if self.recipient_country == settings_country() else Decimal(0)
        return self.activity.lao_share


def settings_country() -> str:
    """The recipient country whose activities are kept (a setting: Lao PDR, `LA`)."""
    return settings.ROUNDTABLE.get("AID_RECIPIENT_COUNTRY", "LA")


class FundingShare(models.Model):
    """The part of a transaction that goes to a group (None: the unmapped bucket), after the share for Lao
    PDR, the sector percentages and the mapping's splits. The shares of one transaction add up exactly to
    its share for Lao PDR. Rebuilt when the mapping changes (services.funding)."""

    transaction = models.ForeignKey(Transaction, on_delete=models.CASCADE, related_name="shares")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="shares")
    group = models.ForeignKey(
        "groups.Group", on_delete=models.PROTECT, null=True, blank=True, related_name="aid_shares"
    )
    fraction = models.DecimalField(max_digits=9, decimal_places=8)

    class Meta:
        indexes = [models.Index(fields=["group"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(fraction__gte=0) & Q(fraction__lte=1), name="aid_share_fraction_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.transaction_id} → {self.group_id}: {self.fraction}"


def upload_to_year(instance, filename: str) -> str:
    return f"aid/{date.today():%Y/%m}/{filename}"


__all__ = [
    "COMMITMENT_TYPES",
    "DISBURSEMENT_TYPES",
    "FUNDED_TYPES",
    "Activity",
    "ActivityOrganisation",
    "ActivitySector",
    "ActivityStatus",
    "ActivityVersion",
    "Budget",
    "BudgetType",
    "FundingShare",
    "Location",
    "OrganisationRole",
    "Source",
    "Transaction",
    "TransactionType",
    "effective_budgets",
    "settings_country",
    "upload_to_year",
]
