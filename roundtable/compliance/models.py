"""Checklists as data: a template per kind of group (SWG, sub-SWG) holds its obligations, each with a
responsible role, a due rule and the record that proves it done (`rules.py`).

A group's checklist for a year is not stored: it is built from its template and the records each time it
is read (`checklists.py`), so its status is always derived, never typed, and building it twice gives the
same answer. What people add is kept here: the hand ticks of obligations that no record can prove (with a
note and evidence), and the log of the reminders sent (one row per person, obligation, item and offset, so
that none is sent twice).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.i18n import Localized, require_text
from roundtable.core.models import TimeStampedModel

from .rules import EVENT_PROOFS, PUBLIC_PROOFS, RULE_PROOFS, Event, Proof, Responsible, Rule, TemplateKind

FIRST_YEAR, LAST_YEAR = 2000, 2100
TASK_MAX = 500
TEXT_MAX = 2000
NOTE_MAX = 2000


class ChecklistTemplate(TimeStampedModel):
    """The checklist of one kind of group: the guideline's SWG secretariat checklist, or the sub-SWG one."""

    kind = models.CharField(_("for"), max_length=10, choices=TemplateKind.choices, unique=True)
    name_lo = models.CharField(_("name (Lao)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    description_lo = models.TextField(_("description (Lao)"), max_length=TEXT_MAX, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=TEXT_MAX, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    name = Localized("name")
    description = Localized("description")
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    def clean(self):
        super().clean()
        require_text(self, "name", _("Give the name in Lao, in English, or both."))

    def get_absolute_url(self) -> str:
        return reverse("compliance:template", args=[self.kind])


class ObligationQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(Q(first_year__isnull=True) | Q(first_year__lte=year)).filter(
            Q(last_year__isnull=True) | Q(last_year__gte=year)
        )

    def in_years(self, first: int, last: int):
        """Obligations that apply in at least one year of [first, last]."""
        return self.filter(Q(first_year__isnull=True) | Q(first_year__lte=last)).filter(
            Q(last_year__isnull=True) | Q(last_year__gte=first)
        )

    def public(self):
        return self.filter(is_public=True)


class Obligation(TimeStampedModel):
    """One task of a checklist: what, who, by when (the rule) and what record proves it done."""

    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="obligations"
    )
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Short and stable: used in addresses, exports and the API.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    task_lo = models.CharField(_("task (Lao)"), max_length=TASK_MAX, blank=True)
    task_en = models.CharField(_("task (English)"), max_length=TASK_MAX, blank=True)
    guidance_lo = models.TextField(_("guidance (Lao)"), max_length=TEXT_MAX, blank=True)
    guidance_en = models.TextField(_("guidance (English)"), max_length=TEXT_MAX, blank=True)
    responsible = models.CharField(
        _("responsible"), max_length=20, choices=Responsible.choices, default=Responsible.SECRETARIAT
    )
    rule = models.CharField(_("due rule"), max_length=20, choices=Rule.choices)
    event = models.CharField(
        _("event"),
        max_length=20,
        choices=Event.choices,
        blank=True,
        help_text=_("For a rule “within N days after an event”: which event."),
    )
    proof = models.CharField(_("proved by"), max_length=30, choices=Proof.choices)
    due_month = models.PositiveSmallIntegerField(
        _("due month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    due_day = models.PositiveSmallIntegerField(
        _("due day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    count = models.PositiveSmallIntegerField(
        _("how many times"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Empty: the platform's setting."),
    )
    days = models.SmallIntegerField(
        _("days after the event"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(365)],
        help_text=_("Empty: the platform's setting."),
    )
    weeks = models.PositiveSmallIntegerField(
        _("weeks before the meeting"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(52)],
        help_text=_("Empty: the cycle's own deadline."),
    )
    valid_years = models.PositiveSmallIntegerField(
        _("valid for (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "Terms of Reference: how many years a document counts as current. Empty: until replaced."
        ),
    )
    is_public = models.BooleanField(
        _("on the public scorecard"),
        default=False,
        help_text=_("Only obligations proved by public facts can be public."),
    )
    first_year = models.PositiveSmallIntegerField(
        _("from the year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    last_year = models.PositiveSmallIntegerField(
        _("until the year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("Retire an obligation by giving its last year: past years keep it."),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)

    task = Localized("task")
    guidance = Localized("guidance")
    history = HistoricalRecords()
    objects = ObligationQuerySet.as_manager()

    class Meta:
        ordering = ["template", "order", "code"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="compliance_obligation_unique_code"),
            models.CheckConstraint(
                condition=Q(rule__in=Rule.values), name="compliance_obligation_rule_valid"
            ),
            models.CheckConstraint(
                condition=Q(proof__in=Proof.values), name="compliance_obligation_proof_valid"
            ),
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(last_year__gte=models.F("first_year")),
                name="compliance_obligation_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.task

    def clean(self):
        super().clean()
        require_text(self, "task", _("Give the task in Lao, in English, or both."))
        errors = {}
        if self.rule in RULE_PROOFS and self.proof and self.proof not in RULE_PROOFS[self.rule]:
            errors["proof"] = _("This record cannot prove an obligation with this due rule.")
        if self.rule == Rule.AFTER_EVENT:
            if not self.event:
                errors["event"] = _("Say after which event it is due.")
            elif self.proof in RULE_PROOFS[Rule.AFTER_EVENT] and self.proof not in EVENT_PROOFS[self.event]:
                errors["proof"] = _("This record cannot prove what follows this event.")
        elif self.event:
            errors["event"] = _("Only a rule “within N days after an event” follows an event.")
        if (self.due_month is None) != (self.due_day is None):
            errors["due_day"] = _("Give both the month and the day, or neither.")
        elif self.due_month and self.due_day and self.due_day > _DAYS_IN_MONTH[self.due_month]:
            errors["due_day"] = _("This month has no such day.")
        if self.is_public and self.proof not in PUBLIC_PROOFS:
            errors["is_public"] = _(
                "Only obligations proved by public facts (meetings, minutes and work plans published, "
                "progress reports submitted) can be on the public scorecard."
            )
        if self.first_year and self.last_year and self.last_year < self.first_year:
            errors["last_year"] = _("The last year cannot be before the first.")
        if errors:
            raise ValidationError(errors)

    def applies_in(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or self.last_year >= year
        )


_DAYS_IN_MONTH = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def evidence_upload_to(instance, filename: str) -> str:
    return f"compliance/{instance.group.code}/{secrets.token_hex(8)}/{filename}"


class HandTick(TimeStampedModel):
    """An obligation's item ticked by hand (no record can prove it): when it was done, a note, evidence.

    One per group, obligation and item (`item_key`, e.g. "2026", "2026-Q3", "term:12"); withdrawing it
    deletes it (the audit history keeps it).
    """

    group = models.ForeignKey(
        "groups.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="compliance_ticks"
    )
    obligation = models.ForeignKey(
        Obligation, verbose_name=_("obligation"), on_delete=models.CASCADE, related_name="ticks"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    item_key = models.CharField(_("item"), max_length=60)
    done_on = models.DateField(_("done on"))
    note = models.TextField(_("note"), max_length=NOTE_MAX)
    evidence = models.FileField(
        _("evidence (file)"), upload_to=evidence_upload_to, max_length=300, blank=True
    )
    evidence_url = models.URLField(_("evidence (link)"), max_length=500, blank=True)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ticked by"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "obligation", "item_key"]
        verbose_name = _("hand tick")
        verbose_name_plural = _("hand ticks")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "obligation", "item_key"], name="compliance_handtick_once_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group.code} {self.obligation.code} {self.item_key}"

    def clean(self):
        super().clean()
        if not self.note.strip():
            raise ValidationError({"note": _("Say what was done.")})
        if not self.evidence and not self.evidence_url:
            raise ValidationError({"evidence": _("Attach a document or give a link as evidence.")})

    @property
    def evidence_name(self) -> str:
        return self.evidence.name.rsplit("/", 1)[-1] if self.evidence else ""


class ReminderDigest(models.Model):
    """The one reminder email a person gets on a day (`send_reminders`): never two the same day."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    email = models.EmailField()
    language = models.CharField(max_length=2, choices=settings.LANGUAGES)
    job = models.ForeignKey("core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "recipient"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="compliance_digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.day}"


class ReminderLog(models.Model):
    """One reminder of one obligation's item at one offset, to one person: the unique key that makes
    `send_reminders` safe to run again (and on every node)."""

    digest = models.ForeignKey(ReminderDigest, on_delete=models.CASCADE, related_name="entries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="+")
    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="+")
    item_key = models.CharField(max_length=60)
    # "before:14", "before:3", "overdue:0" (the day after the due date), "overdue:1" (a week later), ...
    offset = models.CharField(max_length=20)
    due_on = models.DateField()
    # What the item was called when it was reminded (a quarter, a meeting, a cycle), in each language.
    label_lo = models.CharField(max_length=300, blank=True)
    label_en = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10)
    days_late = models.PositiveIntegerField(default=0)

    label = Localized("label")

    class Meta:
        ordering = ["digest", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "group", "obligation", "item_key", "offset"],
                name="compliance_reminder_once_per_offset",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.group_id} {self.obligation_id} {self.item_key} {self.offset}"
