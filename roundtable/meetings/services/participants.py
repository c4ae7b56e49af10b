"""Invitations, the invitee's answer, attendance, walk-ins, and the private calendar link.

The participant list decides who may read circulated minutes: every change of it goes through a save or
a history-keeping bulk write (simple-history), never a bare `.update()`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from roundtable.core.i18n import localized
from roundtable.core.services import Refused, lock, require
from roundtable.directory.models import Membership, Person

from .. import emails, permissions
from ..models import CalendarFeedToken, Meeting, MeetingState, Participant, ParticipantSource, Response
from .schedule import NOT_YOURS

ALREADY_ANSWERED = _("This invitation has already been answered.")


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


def outside_stakeholders(meeting: Meeting, people: Iterable[Person]) -> list[Person]:
    """Of these people, those not on the meeting's group's current stakeholder list and not invited yet.

    Inviting them is allowed, but said before anything is sent (participants_invite asks for
    `outside_confirmed`): the secretariat should know who it adds from outside its group.
    """
    people = list(people)
    if not people:
        return []
    ids = {p.pk for p in people}
    on_list = set(
        Membership.objects.current()
        .filter(group=meeting.group, person_id__in=ids)
        .values_list("person_id", flat=True)
    )
    invited = set(meeting.participants.filter(person_id__in=ids).values_list("person_id", flat=True))
    return [p for p in people if p.pk not in on_list and p.pk not in invited]


@transaction.atomic
def participants_invite(
    *,
    actor,
    meeting: Meeting,
    stakeholders: bool = True,
    people: Iterable[Person] = (),
    outside_confirmed: bool = False,
    notify: bool = True,
    at: datetime | None = None,
) -> tuple[int, int]:
    """Add the group's stakeholder list and/or extra people, and email everyone not yet invited.

    Returns (people added, invitations sent). Someone already on the list is not added twice and
    does not get a second invitation. People outside the group's stakeholder list are invited only with
    `outside_confirmed` (the invite page asks first); without it, Refused (code "outside_stakeholders")
    and nothing is written. `notify=False` (the demo) records the invitations without email;
    `at`: when they were invited (the demo's past meetings; now by default).
    """
    require(permissions.can_manage(actor, meeting), NOT_YOURS)
    # Lock the meeting: two secretariat officers pressing "invite" at once must not invite people twice.
    meeting = lock(meeting, None)
    if meeting.state == MeetingState.CANCELLED:
        raise Refused(_("A cancelled meeting cannot be sent invitations."), code="wrong_state")
    people = list(people)
    outside = outside_stakeholders(meeting, people)
    if outside and not outside_confirmed:
        raise Refused(
            _("Not on the group's stakeholder list: %(names)s. Confirm to invite them all the same.")
            % {"names": ", ".join(localized(p, "name") for p in outside)},
            code="outside_stakeholders",
        )
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
    bulk_create_with_history(new, Participant, default_user=actor)
    to_invite = list(
        meeting.participants.filter(invited_at__isnull=True, source=ParticipantSource.INVITED).exclude(
            email=""
        )
    )
    when = at or timezone.now()
    for participant in to_invite:
        participant.invited_at = when
    if to_invite:
        bulk_update_with_history(to_invite, Participant, ["invited_at"], default_user=actor)
    if notify:
        transaction.on_commit(lambda: emails.send(meeting, to_invite, emails.INVITATION, actor=actor))
    return len(new), len(to_invite)


@transaction.atomic
def participant_answer(
    *,
    participant: Participant,
    response: str,
    substitute: dict | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Participant | None:
    """Record an invitee's answer, once. A substitute becomes a participant of their own.

    The actor is whoever holds the emailed link: its token is the permission (the view found the
    participant by it), so this service takes no `actor`. Returns the substitute's Participant when one is
    named. The answer cannot be changed through the link afterwards (the secretariat can still correct the
    list): the link is a one-time key. `at`: when the answer was given (the demo's; now by default).
    """
    now = at or timezone.now()
    locked = lock(participant, None)
    meeting = Meeting.objects.get(pk=locked.meeting_id)
    if locked.response != Response.PENDING:
        raise Refused(ALREADY_ANSWERED, code="already_answered")
    if meeting.state == MeetingState.CANCELLED:
        raise Refused(_("This meeting is cancelled."), code="wrong_state")
    if meeting.end < now:
        raise Refused(_("This meeting is over; answers are closed."), code="closed")
    if response not in (Response.ATTEND, Response.DECLINE, Response.SUBSTITUTE):
        raise ValidationError({"response": _("Choose an answer.")})
    substitute = substitute or {}
    if response == Response.SUBSTITUTE and not (substitute.get("name") or "").strip():
        raise ValidationError({"name": _("Give the name of the substitute.")})
    locked.response = response
    locked.responded_at = now
    locked.save(update_fields=["response", "responded_at"])
    if response != Response.SUBSTITUTE:
        return None
    person = Participant(
        meeting=meeting,
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
        responded_at=now,
        invited_at=now if substitute.get("email") else None,
    )
    person.full_clean(validate_unique=False, validate_constraints=False)
    person.save()
    if person.email and notify:
        # The substitute gets the calendar invitation too; their own link shows the recorded answer.
        transaction.on_commit(lambda: emails.send(meeting, [person], emails.INVITATION))
    return person


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, attended_ids: Iterable[int]) -> int:
    """Tick who attended (everyone else on the list is unticked); returns how many attended."""
    require(permissions.can_manage(actor, meeting), NOT_YOURS)
    ids = {int(pk) for pk in attended_ids}
    changed = []
    for participant in meeting.participants.select_for_update():
        attended = participant.pk in ids
        if participant.attended != attended:
            participant.attended = attended
            changed.append(participant)
    if changed:
        bulk_update_with_history(changed, Participant, ["attended"], default_user=actor)
    return meeting.participants.filter(attended=True).count()


@transaction.atomic
def walk_in_add(
    *,
    actor,
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
    require(permissions.can_manage(actor, meeting), NOT_YOURS)
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
def feed_token_reset(*, actor) -> CalendarFeedToken:
    """A new secret for the actor's own link: the old link stops working at once."""
    require(getattr(actor, "is_authenticated", False), _("Log in to reset your calendar link."))
    CalendarFeedToken.objects.filter(user=actor).delete()
    return CalendarFeedToken.objects.create(user=actor)
