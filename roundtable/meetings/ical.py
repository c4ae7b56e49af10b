"""iCalendar for meetings: the invitation attached to emails and the calendar feeds.

One meeting is one VEVENT for its whole life: the UID never changes and SEQUENCE grows with every
update sent (RFC 5546), so that calendar programs replace the event instead of adding a second one.
Times are written in UTC, which every calendar program reads without a VTIMEZONE block. An all-day
meeting is written with DATE values (its Vientiane dates; DTEND is the day after the last, as RFC 5545
wants), so that it shows as a whole day wherever the reader is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from roundtable.core.i18n import localized
from roundtable.core.links import page_url

from .models import Meeting, MeetingState

PRODID = "-//Round Table Process Lao PDR//roundtable//EN"


def meeting_page_url(meeting: Meeting, lang: str) -> str:
    return page_url(None, "meetings:detail", [meeting.pk], lang)


def _status(meeting: Meeting) -> str:
    if meeting.state == MeetingState.CANCELLED:
        return "CANCELLED"
    if meeting.state in (MeetingState.PLANNED, MeetingState.POSTPONED):
        return "TENTATIVE"
    return "CONFIRMED"


def new_calendar(method: str | None = None, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def meeting_event(meeting: Meeting, lang: str, *, private: bool = False) -> Event:
    """The VEVENT of a meeting. `private` adds what only insiders may read (the online link)."""
    event = Event()
    event.add("uid", meeting.ical_uid)
    event.add("sequence", meeting.ical_sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    if meeting.all_day:
        days = meeting.local_days
        event.add("dtstart", days[0])
        event.add("dtend", days[-1] + timedelta(days=1))
    else:
        event.add("dtstart", meeting.start.astimezone(UTC))
        event.add("dtend", meeting.end.astimezone(UTC))
    group_name = localized(meeting.group, "name", lang)
    event.add("summary", f"{localized(meeting, 'title', lang)} ({group_name})")
    if meeting.venue:
        event.add("location", meeting.venue)
    url = meeting_page_url(meeting, lang)
    event.add("url", url)
    description = [group_name, url]
    if meeting.state_reason and meeting.state in (MeetingState.CANCELLED, MeetingState.POSTPONED):
        description.insert(0, meeting.state_reason)
    if private and meeting.online_link:
        description.append(meeting.online_link)
    event.add("description", "\n".join(description))
    event.add("status", _status(meeting))
    return event


def _organizer() -> vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(name or address)
    return organizer


def invitation_ics(meeting: Meeting, participant, *, method: str = "REQUEST") -> bytes:
    """The calendar invitation of one invitee: METHOD:REQUEST (new or updated) or METHOD:CANCEL."""
    cal = new_calendar(method=method)
    event = meeting_event(meeting, participant.language, private=True)
    event.add("organizer", _organizer())
    attendee = vCalAddress(f"mailto:{participant.email}")
    attendee.params["cn"] = vText(participant.name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("NEEDS-ACTION")
    # Answers go through the link in the email (it records substitutes too), not through calendar replies.
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee, encode=0)
    if method == "CANCEL":
        event["status"] = "CANCELLED"
    cal.add_component(event)
    return cal.to_ical()


def feed_ics(meetings: Iterable[Meeting], lang: str, name: str, *, private: bool = False) -> bytes:
    """A calendar feed: public meeting information only, unless `private` (the owner's secret link)."""
    cal = new_calendar(method="PUBLISH", name=name)
    for meeting in meetings:
        cal.add_component(meeting_event(meeting, lang, private=private))
    return cal.to_ical()
