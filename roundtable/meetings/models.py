"""Meetings of the groups: schedule, agenda, documents, invitations and the participant list.

Minutes, decisions and action points live in the `minutes` app.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roundtable.core.api import YEAR_MAX, YEAR_MIN
from roundtable.core.i18n import Localized, require_text
from roundtable.core.models import TimeStampedModel

REASON_MAX = 2_000


class MeetingKind(models.TextChoices):
    SWG = "swg", _("SWG meeting")
    SUBSWG = "subswg", _("Sub-SWG meeting")
    RTIM = "rtim", _("Round Table Implementation Meeting")
    HLRTM = "hlrtm", _("High-Level Round Table Meeting")
    CHAIRS = "chairs", _("Meeting of SWG chairs and co-chairs")
    CONSULTATION = "consultation", _("Consultation")
    OTHER = "other", _("Other meeting")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True)

    def upcoming(self):
        return self.filter(start__gte=timezone.now()).exclude(state=MeetingState.CANCELLED)

    def in_year(self, year: int):
        return self.filter(start__year=year)

    def with_published_minutes(self):
        """Annotate `has_published_minutes` (a language version of its minutes is published), one query.

        The minutes app sits above meetings and is never imported here: the reverse relation and the
        status value are its public contract ("published" is MinutesStatus.PUBLISHED).
        """
        published = self.model.objects.filter(pk=models.OuterRef("pk"), minutes__versions__status="published")
        return self.annotate(has_published_minutes=models.Exists(published))


class Meeting(TimeStampedModel):
    group = models.ForeignKey(
        "groups.Group", verbose_name=_("group"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    title_lo = models.CharField(_("title (Lao)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # A whole-day (or several-day) event: shown by dates only and sent to calendars as DATE values.
    # Stored from 00:00 of the first day to 23:59 of the last, in Vientiane time.
    all_day = models.BooleanField(_("all day"), default=False)
    venue_lo = models.CharField(_("venue (Lao)"), max_length=300, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    chair_person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("chaired by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=MeetingState.choices, default=MeetingState.SCHEDULED
    )
    state_reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why it was postponed or cancelled."),
        # A few sentences, sent to every invitee (a TextField's max_length alone binds only forms).
        max_length=REASON_MAX,
        validators=[MaxLengthValidator(REASON_MAX)],
    )
    # Public meeting information (title, date, venue, group) is on the website and in the public feeds.
    is_public = models.BooleanField(_("published on the website"), default=False)
    # iCalendar: the same UID for the life of the meeting; SEQUENCE grows with each update sent.
    ical_uid = models.CharField(max_length=100, unique=True, default="", editable=False)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    revision = models.PositiveIntegerField(default=1, editable=False)

    venue = Localized("venue")  # read in the page's language (calendars, sheets, minutes read this)
    title = Localized("title")
    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="meeting_end_after_start"),
            models.CheckConstraint(condition=Q(state__in=MeetingState.values), name="meeting_state_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        require_text(self, "title", _("Give the title in Lao, in English, or both."))
        # Year 1 or 9999 would break the calendar's and the feeds' date arithmetic (and the conversion to
        # UTC): a meeting is in one of the platform's years.
        far = {
            name: ValidationError(
                _("Give a date between %(first)s and %(last)s."),
                code="date_out_of_range",
                params={"first": YEAR_MIN, "last": YEAR_MAX},
            )
            for name in ("start", "end")
            if getattr(self, name) is not None and not YEAR_MIN <= getattr(self, name).year <= YEAR_MAX
        }
        if far:
            raise ValidationError(far)
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})

    def save(self, *args, **kwargs):
        if not self.ical_uid:
            self.ical_uid = f"{uuid.uuid4()}@roundtable"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def local_days(self):
        """The Vientiane dates the meeting covers (two for one that runs past midnight)."""
        from .when import local_days

        return local_days(self.start, self.end)

    @property
    def quarter(self) -> int:
        return (timezone.localtime(self.start).month - 1) // 3 + 1


class AgendaItemKind(models.TextChoices):
    REGULAR = "regular", _("Agenda item")
    PREVIOUS_MINUTES = "previous_minutes", _("Adoption of the previous minutes")
    ACTION_REVIEW = "action_review", _("Review of open action points")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.REGULAR
    )
    title_lo = models.CharField(_("title (Lao)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    presenter = models.CharField(_("presenter"), max_length=255, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    priority = models.ForeignKey(
        "workplans.Priority",
        verbose_name=_("work-plan priority"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    # Optimistic locking: a save from a form opened on an older revision is refused with what changed.
    revision = models.PositiveIntegerField(default=1, editable=False)

    title = Localized("title")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        require_text(self, "title", _("Give the title in Lao, in English, or both."))
        if self.priority_id and self.meeting_id and self.priority.workplan.group_id != self.meeting.group_id:
            raise ValidationError({"priority": _("Choose a priority of this group's work plan.")})


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the group")
    SECRETARIAT = "secretariat", _("Secretariat only")


def meeting_document_upload_to(instance, filename: str) -> str:
    return f"meetings/{instance.meeting_id}/{secrets.token_hex(8)}/{filename}"


class MeetingDocument(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="documents"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=meeting_document_upload_to)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "agenda_item__order", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Response(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ATTEND = "attend", _("Will attend")
    DECLINE = "decline", _("Declined")
    SUBSTITUTE = "substitute", _("Sends a substitute")


class ParticipantSource(models.TextChoices):
    INVITED = "invited", _("Invited")
    SUBSTITUTE = "substitute", _("Substitute")
    WALK_IN = "walk_in", _("Walk-in")


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Participant(models.Model):
    """One line of the participant list (the guideline's template): an invitee, a substitute or a walk-in.

    Name, position, organisation and contacts are copied from the directory when invited, so that the
    list stays as it was on the day even when the directory changes later.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
    )
    source = models.CharField(
        _("source"), max_length=20, choices=ParticipantSource.choices, default=ParticipantSource.INVITED
    )
    substitute_for = models.ForeignKey(
        "self",
        verbose_name=_("substitute for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="substitutes",
    )
    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation_name = models.CharField(_("organisation (as written)"), max_length=255, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    gender = models.CharField(_("gender"), max_length=1, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="lo")
    # Invitation and answer: the token is the secret of the answer link; it works once.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    response = models.CharField(
        _("answer"), max_length=20, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)

    # Attendance decides who may read circulated minutes: every change of the list is on record.
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        ordering = ["meeting", "organisation_name", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="participant_once_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        """The name on a page: the directory's name in the page's language where the person has one (a Lao
        page shows the Lao name), else the name as given on the day. Load `person` with the participants."""
        from roundtable.core.i18n import current_lang

        if self.person_id:
            name = (getattr(self.person, f"name_{current_lang()}", "") or "").strip()
            if name:
                return name
        return self.name


class CalendarFeedToken(models.Model):
    """The secret of a person's private calendar feed: whoever holds the link reads their groups' meetings.

    A calendar application cannot log in, so the link itself is the key; the person can reset it at
    any time, which invalidates the old link.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("private calendar link")
        verbose_name_plural = _("private calendar links")

    def __str__(self) -> str:
        return str(self.user)
