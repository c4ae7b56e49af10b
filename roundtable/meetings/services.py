"""Writes on meetings: schedule, agenda, documents, invitations, answers and attendance.

Views, the demo and tests all go through these functions. Each one validates with full_clean()
and runs in a transaction; the emails of a change are sent after it is saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from roundtable.core.i18n import localized, require_text
from roundtable.core.uploads import validate_document
from roundtable.directory.models import Membership, Person

from . import emails
from .models import (
    AgendaItem,
    AgendaItemKind,
    CalendarFeedToken,
    Meeting,
    MeetingDocument,
    MeetingState,
    Participant,
    ParticipantSource,
    Response,
)

# A change of any of these is a change of the calendar event: invitees get an update.
EVENT_FIELDS = ("start", "end", "all_day", "venue", "online_link", "title_lo", "title_en")
EDITABLE_FIELDS = (
    "kind",
    "title_lo",
    "title_en",
    "start",
    "end",
    "all_day",
    "venue",
    "online_link",
    "chair_person",
    "is_public",
)


class StaleEdit(ValidationError):
    """The meeting changed since the form was opened; saving would overwrite someone's change."""


def previous_meeting(group, before: datetime, exclude_pk: int | None = None) -> Meeting | None:
    qs = Meeting.objects.filter(group=group, start__lt=before).exclude(state=MeetingState.CANCELLED)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("-start").first()


# Standing agenda items, stored in both languages (extracted for the catalogue by gettext_noop).
PREVIOUS_MINUTES_OF = gettext_noop("Adoption of the minutes of the meeting of %(date)s")
PREVIOUS_MINUTES = gettext_noop("Adoption of the minutes of the previous meeting")
ACTION_REVIEW = gettext_noop("Review of the open action points from previous meetings")


def _in_both_languages(message: str, **values) -> tuple[str, str]:
    result = []
    for lang in ("lo", "en"):
        with translation.override(lang):
            result.append(gettext(message) % values)
    return result[0], result[1]


def _default_agenda(meeting: Meeting) -> list[AgendaItem]:
    """The two standing items the guideline asks for, filled in from the group's previous meeting."""
    previous = previous_meeting(meeting.group, meeting.start, exclude_pk=meeting.pk)
    if previous is not None:
        date = formats.date_format(timezone.localtime(previous.start), "d/m/Y")
        lo, en = _in_both_languages(PREVIOUS_MINUTES_OF, date=date)
    else:
        lo, en = _in_both_languages(PREVIOUS_MINUTES)
    review_lo, review_en = _in_both_languages(ACTION_REVIEW)
    return [
        AgendaItem(
            meeting=meeting,
            order=1,
            kind=AgendaItemKind.PREVIOUS_MINUTES,
            title_lo=lo,
            title_en=en,
            duration_minutes=10,
        ),
        AgendaItem(
            meeting=meeting,
            order=2,
            kind=AgendaItemKind.ACTION_REVIEW,
            title_lo=review_lo,
            title_en=review_en,
            duration_minutes=20,
        ),
    ]


def _clean_meeting(meeting: Meeting) -> None:
    require_text(meeting, "title", _("Give the title in Lao, in English, or both."))
    if meeting.start and meeting.end and meeting.end < meeting.start:
        raise ValidationError({"end": _("The end cannot be before the start.")})
    meeting.full_clean()


@transaction.atomic
def meeting_create(*, group, **fields) -> Meeting:
    """A new meeting with the standing agenda items (previous minutes, open action points)."""
    meeting = Meeting(group=group, **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS + ("state",)})
    meeting.ical_uid = f"{uuid.uuid4()}@roundtable"
    _clean_meeting(meeting)
    meeting.save()
    AgendaItem.objects.bulk_create(_default_agenda(meeting))
    return meeting


def invited(meeting: Meeting):
    """Participants who received the invitation (and so must receive its updates)."""
    return meeting.participants.filter(invited_at__isnull=False).exclude(email="")


@transaction.atomic
def meeting_update(*, meeting: Meeting, revision: int | None = None, **fields) -> tuple[Meeting, int]:
    """Save changes; a change of time, place or title sends an update of the same calendar event.

    Returns the meeting and how many update emails were sent. `revision` is the one the form was
    opened with: if someone saved in between, StaleEdit is raised and nothing changes.
    """
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if revision is not None and locked.revision != revision:
        raise StaleEdit(
            _(
                "Someone else changed this meeting while you were editing it. "
                "Reload the page and redo your change."
            )
        )
    if locked.state == MeetingState.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    changed_event = False
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            continue
        if name in EVENT_FIELDS and getattr(locked, name) != value:
            changed_event = True
        setattr(locked, name, value)
    _clean_meeting(locked)
    locked.revision += 1
    if changed_event:
        locked.ical_sequence += 1
    locked.save()
    sent = 0
    if changed_event:
        recipients = list(invited(locked))
        transaction.on_commit(lambda: emails.send(locked, recipients, emails.UPDATE))
        sent = len(recipients)
    return locked, sent


ALLOWED_STATES = {
    MeetingState.PLANNED: {
        MeetingState.SCHEDULED,
        MeetingState.HELD,
        MeetingState.CANCELLED,
        MeetingState.POSTPONED,
    },
    MeetingState.SCHEDULED: {MeetingState.HELD, MeetingState.CANCELLED, MeetingState.POSTPONED},
    MeetingState.POSTPONED: {MeetingState.SCHEDULED, MeetingState.HELD, MeetingState.CANCELLED},
    MeetingState.HELD: {MeetingState.SCHEDULED},
    MeetingState.CANCELLED: set(),
}


@transaction.atomic
def meeting_set_state(
    *, meeting: Meeting, state: str, reason: str = "", notify: bool = True
) -> tuple[Meeting, int]:
    """Mark a meeting held, cancelled or postponed (a reason is required for the last two).

    Cancelling sends METHOD:CANCEL of the same event to the invitees; postponing sends an update
    (the event becomes tentative, with the reason).
    """
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if state not in ALLOWED_STATES.get(locked.state, set()):
        raise ValidationError(
            _("A meeting that is “%(old)s” cannot become “%(new)s”.")
            % {"old": locked.get_state_display(), "new": MeetingState(state).label}
        )
    reason = (reason or "").strip()
    if state in (MeetingState.CANCELLED, MeetingState.POSTPONED) and not reason:
        raise ValidationError({"reason": _("Say why the meeting is postponed or cancelled.")})
    locked.state = state
    if state in (MeetingState.CANCELLED, MeetingState.POSTPONED):
        locked.state_reason = reason
    locked.revision += 1
    kind = None
    if state == MeetingState.CANCELLED:
        kind = emails.CANCELLATION
    elif state == MeetingState.POSTPONED or locked.state == MeetingState.SCHEDULED:
        kind = emails.UPDATE
    if kind:
        locked.ical_sequence += 1
    locked.full_clean()
    locked.save()
    sent = 0
    if kind and notify:
        recipients = list(invited(locked))
        transaction.on_commit(lambda: emails.send(locked, recipients, kind))
        sent = len(recipients)
    return locked, sent


# --- Agenda ------------------------------------------------------------------------------------------


@transaction.atomic
def agenda_item_save(*, meeting: Meeting, item: AgendaItem | None = None, **fields) -> AgendaItem:
    if item is None:
        last = meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0
        item = AgendaItem(meeting=meeting, order=last + 1)
    elif item.meeting_id != meeting.pk:
        raise ValidationError(_("This agenda item belongs to another meeting."))
    for name in ("title_lo", "title_en", "presenter", "duration_minutes", "priority"):
        if name in fields:
            setattr(item, name, fields[name])
    require_text(item, "title", _("Give the title in Lao, in English, or both."))
    if item.priority_id and item.priority.workplan.group_id != meeting.group_id:
        raise ValidationError({"priority": _("Choose a priority of this group's work plan.")})
    item.full_clean()
    item.save()
    return item


def _renumber(meeting: Meeting, items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        item.order = position
    AgendaItem.objects.bulk_update(items, ["order"])


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    meeting = item.meeting
    item.delete()
    _renumber(meeting, list(meeting.agenda_items.all()))


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, offset: int) -> None:
    """Move an item up (offset -1) or down (+1) in the agenda."""
    items = list(item.meeting.agenda_items.select_for_update().all())
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    target = index + offset
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    _renumber(item.meeting, items)


# --- Documents ---------------------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    meeting: Meeting,
    upload,
    title: str,
    visibility: str,
    language: str = "",
    agenda_item: AgendaItem | None = None,
    uploaded_by=None,
) -> MeetingDocument:
    """Store a document after the type, size, emptiness and disguise checks of core.uploads."""
    validate_document(upload)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("This agenda item belongs to another meeting.")})
    document = MeetingDocument(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title.strip() or upload.name,
        visibility=visibility,
        language=language,
        uploaded_by=uploaded_by,
        file=upload,
    )
    document.full_clean(exclude=["uploaded_by"])  # null for documents loaded by scripts
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: MeetingDocument) -> None:
    document.file.delete(save=False)
    document.delete()


# --- Invitations and answers -------------------------------------------------------------------------


def _participant_from_person(meeting: Meeting, person: Person, organisation=None) -> Participant:
    lang = person.preferred_language or "lo"
    organisation = organisation or person.organisation
    return Participant(
        meeting=meeting,
        person=person,
        source=ParticipantSource.INVITED,
        name=localized(person, "name", lang),
        position=person.position,
        organisation=organisation,
        organisation_name=localized(organisation, "name", lang) if organisation else "",
        email=person.email,
        phone=person.phone,
        gender=person.gender,
        language=lang,
    )


@transaction.atomic
def participants_invite(
    *, meeting: Meeting, stakeholders: bool = True, people: Iterable[Person] = (), notify: bool = True
) -> tuple[int, int]:
    """Add the group's stakeholder list and/or extra people, and email everyone not yet invited.

    Returns (people added, invitations sent). Someone already on the list is not added twice and
    does not get a second invitation. `notify=False` (the demo) records the invitations without email.
    """
    # Lock the meeting: two secretariat officers pressing "invite" at once must not invite people twice.
    meeting = Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
    if meeting.state == MeetingState.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be sent invitations."))
    already = set(meeting.participants.exclude(person=None).values_list("person_id", flat=True))
    new: list[Participant] = []
    if stakeholders:
        memberships = (
            Membership.objects.current()
            .filter(group=meeting.group)
            .select_related("person", "person__organisation", "organisation")
        )
        for membership in memberships:
            if membership.person_id not in already:
                already.add(membership.person_id)
                new.append(_participant_from_person(meeting, membership.person, membership.organisation))
    for person in people:
        if person.pk not in already:
            already.add(person.pk)
            new.append(_participant_from_person(meeting, person))
    for participant in new:
        participant.full_clean(validate_unique=False, validate_constraints=False)
    Participant.objects.bulk_create(new)
    now = timezone.now()
    to_invite = list(
        meeting.participants.filter(invited_at__isnull=True, source=ParticipantSource.INVITED).exclude(
            email=""
        )
    )
    meeting.participants.filter(pk__in=[p.pk for p in to_invite]).update(invited_at=now)
    if notify:
        transaction.on_commit(lambda: emails.send(meeting, to_invite, emails.INVITATION))
    return len(new), len(to_invite)


class AlreadyAnswered(ValidationError):
    pass


@transaction.atomic
def participant_answer(
    *, participant: Participant, response: str, substitute: dict | None = None
) -> Participant | None:
    """Record an invitee's answer, once. A substitute becomes a participant of their own.

    Returns the substitute's Participant when one is named. The answer cannot be changed through the
    link afterwards (the secretariat can still correct the list): the link is a one-time key.
    """
    locked = Participant.objects.select_for_update().select_related("meeting").get(pk=participant.pk)
    if locked.response != Response.PENDING:
        raise AlreadyAnswered(_("This invitation has already been answered."))
    if locked.meeting.state == MeetingState.CANCELLED:
        raise ValidationError(_("This meeting is cancelled."))
    if locked.meeting.end < timezone.now():
        raise ValidationError(_("This meeting is over; answers are closed."))
    if response not in (Response.ATTEND, Response.DECLINE, Response.SUBSTITUTE):
        raise ValidationError({"response": _("Choose an answer.")})
    locked.response = response
    locked.responded_at = timezone.now()
    locked.save(update_fields=["response", "responded_at"])
    if response != Response.SUBSTITUTE:
        return None
    substitute = substitute or {}
    if not (substitute.get("name") or "").strip():
        raise ValidationError({"name": _("Give the name of the substitute.")})
    person = Participant(
        meeting=locked.meeting,
        source=ParticipantSource.SUBSTITUTE,
        substitute_for=locked,
        name=substitute["name"].strip(),
        position=(substitute.get("position") or "").strip(),
        email=(substitute.get("email") or "").strip(),
        phone=(substitute.get("phone") or "").strip(),
        gender=substitute.get("gender") or "",
        organisation=locked.organisation,
        organisation_name=locked.organisation_name,
        language=locked.language,
        response=Response.ATTEND,
        responded_at=locked.responded_at,
        invited_at=timezone.now() if substitute.get("email") else None,
    )
    person.full_clean(validate_unique=False, validate_constraints=False)
    person.save()
    if person.email:
        # The substitute gets the calendar invitation too; their own link shows the recorded answer.
        meeting = locked.meeting
        transaction.on_commit(lambda: emails.send(meeting, [person], emails.INVITATION))
    return person


# --- Attendance --------------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, meeting: Meeting, attended_ids: Iterable[int]) -> int:
    """Tick who attended (everyone else on the list is unticked); returns how many attended."""
    ids = {int(pk) for pk in attended_ids}
    participants = meeting.participants.all()
    participants.filter(pk__in=ids).update(attended=True)
    participants.exclude(pk__in=ids).update(attended=False)
    return participants.filter(attended=True).count()


@transaction.atomic
def walk_in_add(
    *,
    meeting: Meeting,
    name: str,
    position: str = "",
    organisation=None,
    organisation_name: str = "",
    email: str = "",
    phone: str = "",
    gender: str = "",
    language: str = "lo",
) -> Participant:
    participant = Participant(
        meeting=meeting,
        source=ParticipantSource.WALK_IN,
        name=name.strip(),
        position=position.strip(),
        organisation=organisation,
        organisation_name=organisation_name.strip() or (str(organisation) if organisation else ""),
        email=email.strip(),
        phone=phone.strip(),
        gender=gender,
        language=language,
        response=Response.ATTEND,
        attended=True,
    )
    participant.full_clean(validate_unique=False, validate_constraints=False)
    participant.save()
    return participant


# --- Private calendar feed ---------------------------------------------------------------------------


def feed_token_for(user) -> CalendarFeedToken:
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def feed_token_reset(*, user) -> CalendarFeedToken:
    """A new secret: the old link stops working at once."""
    CalendarFeedToken.objects.filter(user=user).delete()
    return CalendarFeedToken.objects.create(user=user)
