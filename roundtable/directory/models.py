from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.i18n import Localized
from roundtable.core.models import BilingualNameModel


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Government ministry")
    AGENCY = "agency", _("Government agency")
    PROVINCE = "province", _("Provincial authority")
    BILATERAL = "bilateral", _("Bilateral partner")
    MULTILATERAL = "multilateral", _("Multilateral partner / UN / development bank")
    INGO = "ingo", _("International NGO")
    NPA = "npa", _("Non-profit association")
    PRIVATE = "private", _("Private sector")
    ACADEMIA = "academia", _("Academia")
    OTHER = "other", _("Other")

    @classmethod
    def government(cls) -> set[str]:
        return {cls.MINISTRY, cls.AGENCY, cls.PROVINCE}


class OrganisationQuerySet(models.QuerySet):
    def government(self):
        return self.filter(kind__in=OrganisationKind.government())

    def partners(self):
        return self.exclude(kind__in=OrganisationKind.government())

    def search(self, text: str):
        """Organisations whose Lao or English name, or acronym, contains the text."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(name_lo__icontains=text) | Q(name_en__icontains=text) | Q(acronym__icontains=text)
        )


class Organisation(BilingualNameModel):
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. LA"))
    website = models.URLField(_("website"), blank=True)
    iati_identifier = models.CharField(_("IATI organisation identifier"), max_length=100, blank=True)

    name = Localized("name")
    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name_en", "name_lo"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="organisation_unique_iati_identifier",
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", args=[self.pk])

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class Gender(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")
    OTHER = "o", _("Other")
    UNDISCLOSED = "", _("Not stated")


class PersonQuerySet(models.QuerySet):
    def in_group(self, group):
        return self.filter(memberships__in=Membership.objects.current().filter(group=group)).distinct()

    def search(self, text: str):
        """People whose name (Lao or English) or organisation contains the text. Never by email:
        this is used where contacts are not visible, and a match would reveal them."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(name_lo__icontains=text)
            | Q(name_en__icontains=text)
            | Q(organisation__acronym__icontains=text)
            | Q(organisation__name_en__icontains=text)
            | Q(organisation__name_lo__icontains=text)
        )


class Person(BilingualNameModel):
    title = models.CharField(_("title"), max_length=40, blank=True, help_text=_("e.g. Mr, Ms, Dr"))
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="lo"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    # Optimistic locking: an entry saved from a form opened on an older revision is refused (Conflict).
    revision = models.PositiveIntegerField(default=1, editable=False)

    name = Localized("name")
    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name_en", "name_lo"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def get_absolute_url(self) -> str:
        return reverse("directory:person", args=[self.pk])


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    SECRETARIAT = "secretariat", _("Secretariat")


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def ended(self, on=None):
        on = on or timezone.localdate()
        return self.filter(end_date__lt=on)

    def for_list(self):
        """What a stakeholder list shows of each row, in one query."""
        return self.select_related("person", "person__organisation", "organisation", "group")


class Membership(models.Model):
    """A person's place in a group: its stakeholder list. Chairs are kept as ChairTerms."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    group = models.ForeignKey(
        "groups.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # Optimistic locking, as on people: a stale save is refused (Conflict).
    revision = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "person__name_en"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.group} ({self.get_role_display()})"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (self.start_date is None or self.start_date <= today) and (
            self.end_date is None or self.end_date >= today
        )

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
