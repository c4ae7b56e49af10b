import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.api import YEAR_MAX, YEAR_MIN
from roundtable.core.i18n import Localized, require_text
from roundtable.core.models import BilingualNameModel, TimeStampedModel


class FrameworkKind(models.TextChoices):
    NSEDP = "nsedp", _("National Socio-Economic Development Plan")
    SDG = "sdg", _("Sustainable Development Goals")
    VD = "vd", _("Vientiane Declaration")


class ItemLevel(models.TextChoices):
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")
    GOAL = "goal", _("Goal")
    TARGET = "target", _("Target")
    PRINCIPLE = "principle", _("Principle")
    INDICATOR = "indicator", _("Indicator")
    ACTION = "action", _("Action")


class Framework(BilingualNameModel):
    """A results framework: an NSEDP period, the SDGs, the Vientiane Declaration.

    Frameworks are data: a new plan period is a new data file, loaded by `load_framework`.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=FrameworkKind.choices)
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("e.g. nsedp-9, sdg, vd-2016"))
    # A plan period is in the years every record of the platform may have (the API's, core.api).
    start_year = models.PositiveSmallIntegerField(
        _("first year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)],
    )
    description_lo = models.TextField(_("description (Lao)"), max_length=4000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=4000, blank=True)
    # Bilingual like the rest: the Lao page must say in Lao where the data comes from (and that a demo
    # skeleton is not the official text). A licence notice may stay in its original wording in both.
    source_lo = models.TextField(_("source and licence (Lao)"), max_length=2000, blank=True)
    source_en = models.TextField(_("source and licence (English)"), max_length=2000, blank=True)

    name = Localized("name")
    description = Localized("description")
    source = Localized("source")
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-start_year", "code"]
        verbose_name = _("results framework")
        verbose_name_plural = _("results frameworks")

    def get_absolute_url(self) -> str:
        return reverse("frameworks:detail", args=[self.code])

    @property
    def period(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        return ""


class FrameworkItemQuerySet(models.QuerySet):
    def nsedp_outcomes(self):
        return self.filter(framework__kind=FrameworkKind.NSEDP, level=ItemLevel.OUTCOME)

    def nsedp_outputs(self):
        return self.filter(framework__kind=FrameworkKind.NSEDP, level=ItemLevel.OUTPUT)

    def sdg_goals(self):
        return self.filter(framework__kind=FrameworkKind.SDG, level=ItemLevel.GOAL)

    def sdg_targets(self):
        return self.filter(framework__kind=FrameworkKind.SDG, level=ItemLevel.TARGET)


class FrameworkItem(TimeStampedModel):
    """One node of a framework's tree: outcome → output → indicator, goal → target → indicator."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        related_name="children",
        null=True,
        blank=True,
    )
    level = models.CharField(_("level"), max_length=10, choices=ItemLevel.choices)
    code = models.CharField(_("code"), max_length=40, help_text=_("e.g. 1, 1.2, 18.1.1"))
    title_lo = models.TextField(_("title (Lao)"), max_length=2000, blank=True)
    title_en = models.TextField(_("title (English)"), max_length=2000, blank=True)
    short_lo = models.CharField(_("short title (Lao)"), max_length=255, blank=True)
    short_en = models.CharField(_("short title (English)"), max_length=255, blank=True)
    # Written for the platform, not the plan's own text (a plan whose outputs are not published yet): the
    # page and the API say so next to the item, so nobody quotes it as official.
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Invented as an example, not the official text of the framework."),
    )
    sort_key = models.CharField(max_length=80, editable=False, db_index=True)

    title = Localized("title")
    short = Localized("short")
    history = HistoricalRecords()
    objects = FrameworkItemQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "sort_key"]
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="frameworkitem_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.short or self.title}".strip()

    @property
    def label(self) -> str:
        """Short label with the framework, e.g. 'NSEDP 9 · 2.1 Improved quality of human resources'."""
        return f"{self.framework.code.upper()} {self}"

    def get_absolute_url(self) -> str:
        return reverse("frameworks:detail", args=[self.framework.code]) + f"#item-{self.code}"

    def clean(self):
        super().clean()
        if self.parent_id and self.framework_id and self.parent.framework_id != self.framework_id:
            raise ValidationError({"parent": _("The parent must belong to the same framework.")})
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An item cannot be its own parent.")})
        require_text(self, "title", _("Give the title in Lao, in English, or both."))

    def save(self, *args, **kwargs):
        self.sort_key = make_sort_key(self.code)
        super().save(*args, **kwargs)


_LEADING_NUMBER = re.compile(r"^(\d+)(.*)$")


def make_sort_key(code: str) -> str:
    """'2.10.1' sorts after '2.9.3', and '10' after '9b': zero-pad the number that starts each part."""
    parts = code.replace("-", ".").split(".")
    keys = []
    for part in parts:
        match = _LEADING_NUMBER.match(part)
        keys.append(match.group(1).zfill(4) + match.group(2).lower() if match else part.lower())
    return ".".join(keys)


# The indicators' monitoring (baselines, targets, owners, yearly values) has its own module.
from .indicator_models import Indicator, IndicatorValue, ValueState  # noqa: E402, F401
