"""Scheduling a meeting and editing it: a change of time, place or title is a change of the calendar event."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from roundtable.core.services import Refused, lock, model_update, require

from .. import emails, permissions
from ..models import AgendaItem, AgendaItemKind, Meeting, MeetingState

# A change of any of these is a change of the calendar event: invitees get an update.
EVENT_FIELDS = ("start", "end", "all_day", "venue_lo", "venue_en", "online_link", "title_lo", "title_en")
EDITABLE_FIELDS = (
    "kind",
    "title_lo",
    "title_en",
    "start",
    "end",
    "all_day",
    "venue_lo",
    "venue_en",
    "online_link",
    "chair_person",
    "is_public",
)

NOT_YOURS = _("Only the group's secretariat or the RTP Secretariat can change this meeting.")


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


@transaction.atomic
def meeting_create(*, actor, group, data: dict, ical_uid: str = "") -> Meeting:
    """A new meeting with the standing agenda items (previous minutes, open action points).

    `ical_uid`: a fixed calendar identity (the demo's, so that a second run finds its meetings)."""
    require(
        permissions.can_schedule(actor, group),
        _("Only the group's secretariat or the RTP Secretariat can schedule its meetings."),
    )
    allowed = set(EDITABLE_FIELDS)
    meeting = Meeting(group=group, **{k: v for k, v in data.items() if k in allowed})
    meeting.ical_uid = ical_uid or f"{uuid.uuid4()}@roundtable"
    meeting.full_clean()
    meeting.save()
    bulk_create_with_history(_default_agenda(meeting), AgendaItem, default_user=actor)
    return meeting


def invited(meeting: Meeting):
    """Participants who received the invitation (and so must receive its updates)."""
    return meeting.participants.filter(invited_at__isnull=False).exclude(email="")


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, actor, data: dict, revision: int | None = None
) -> tuple[Meeting, int]:
    """Save changes; a change of time, place or title sends an update of the same calendar event.

    Returns the meeting and how many update emails were sent. `revision` is the one the form was
    opened with: if someone saved in between, Conflict (with what they changed) and nothing changes.
    """
    require(permissions.can_manage(actor, meeting), NOT_YOURS)
    locked = lock(meeting, revision, EDITABLE_FIELDS)
    if locked.state == MeetingState.CANCELLED:
        raise Refused(_("A cancelled meeting cannot be changed."), code="wrong_state")
    data = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    event_changed = any(name in data and getattr(locked, name) != data[name] for name in EVENT_FIELDS)
    if event_changed:
        # The calendar event changes: its SEQUENCE grows, so calendars replace their copy.
        data = {**data, "ical_sequence": locked.ical_sequence + 1}
    model_update(locked, data, fields=(*EDITABLE_FIELDS, "ical_sequence"))
    sent = 0
    if event_changed:
        recipients = list(invited(locked))
        transaction.on_commit(lambda: emails.send(locked, recipients, emails.UPDATE, actor=actor))
        sent = len(recipients)
    return locked, sent
