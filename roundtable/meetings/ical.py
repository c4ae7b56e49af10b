"""iCalendar for meetings: the invitation attached to emails and the calendar feeds.

One meeting is one VEVENT for its whole life: the UID never changes and SEQUENCE grows with every
update sent (RFC 5546), so that calendar programs replace the event instead of adding a second one.
Times are written in UTC, which every calendar program reads without a VTIMEZONE block. An all-day
meeting is written with DATE values (its Vientiane dates; DTEND is the day after the last, as RFC 5545
wants), so that it shows as a whole day wherever the reader is.

DTSTAMP is the meeting's last change, not the time of the request: the same meetings give the same bytes,
so a feed answers with a stable ETag and Last-Modified, and a calendar program that asks again with
If-None-Match / If-Modified-Since gets a 304 (ConditionalGetMiddleware) until something changes. A feed
covers `RT_FEED_PAST_MONTHS` months back (from the start of a day, so the window moves once a day) and
everything ahead, and its body is kept in the cache under the site's page-cache generation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import http_date
from icalendar import Calendar, Event, vCalAddress, vText

from roundtable.core import pagecache
from roundtable.core.i18n import localized
from roundtable.core.links import page_url

from .models import Meeting, MeetingState

PRODID = "-//Round Table Process Lao PDR//roundtable//EN"


def meeting_page_url(meeting: Meeting, lang: str) -> str:
    return page_url(None, "meetings:detail", [meeting.pk], lang)


def _last_change(meeting: Meeting) -> datetime:
    """When the meeting (or the group whose name its summary carries) last changed."""
    stamps = [meeting.updated_at or timezone.now()]
    group_stamp = getattr(meeting.group, "updated_at", None)
    if group_stamp:
        stamps.append(group_stamp)
    return max(stamps).replace(microsecond=0)


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
    event.add("dtstamp", _last_change(meeting).astimezone(UTC))
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


def window_start() -> datetime:
    """The first moment a feed covers: the start of the day `RT_FEED_PAST_MONTHS` months ago (Vientiane)."""
    today = timezone.localdate()
    months = today.year * 12 + today.month - 1 - int(getattr(settings, "RT_FEED_PAST_MONTHS", 12))
    year, month = divmod(months, 12)
    day = min(today.day, 28)
    return timezone.make_aware(datetime.combine(today.replace(year=year, month=month + 1, day=day), time.min))


def in_window(meetings: QuerySet) -> QuerySet:
    """The meetings a feed carries: those ending after the window's start, the future included."""
    return meetings.filter(end__gte=window_start()).select_related("group").order_by("start", "pk")


def feed_response(
    request: HttpRequest, meetings: QuerySet, lang: str, name: str, *, private: bool = False
) -> HttpResponse:
    """The feed of `meetings` (within the window) as a response with its ETag and Last-Modified, cached.

    A private feed (the owner's secret link) is cached under its own address too, but told to no one else's
    cache (`private, no-store`); a public one is public for 15 minutes.
    """
    start = window_start()
    where = (request.get_full_path(), lang, start.date().isoformat())
    key = ":".join(("rt:ics", pagecache.generation(), *where))
    stored = cache.get(key)
    if stored is None:
        chosen = list(in_window(meetings))
        body = feed_ics(chosen, lang, name, private=private)
        changed = max((_last_change(m) for m in chosen), default=None)
        stored = (body, changed)
        cache.set(key, stored, settings.RT_PAGE_CACHE_SECONDS)
    body, changed = stored
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if changed is not None:
        response["Last-Modified"] = http_date(changed.timestamp())
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    return response
