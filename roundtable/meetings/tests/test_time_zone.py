"""Meetings are stored in UTC and entered and shown in Vientiane time on every path; meetings over
several days, past midnight, or for whole days keep their dates everywhere."""

import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from docx import Document
from icalendar import Calendar

from roundtable.meetings import calendars, services, sheets
from roundtable.meetings.models import Meeting
from roundtable.meetings.when import local_days, when_text

from .conftest import officer

VTE = ZoneInfo("Asia/Vientiane")

FORM = {
    "group": "health",
    "kind": "swg",
    "title_lo": "ກອງປະຊຸມ",
    "title_en": "Evening session",
    "venue_en": "MOH",
    "online_link": "",
    "chair_person": "",
    "is_public": "on",
}


def create(client, **data) -> Meeting:
    response = client.post("/en/meetings/new/?group=health", {**FORM, **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Meeting.objects.get()


def vte(*args) -> datetime:
    return datetime(*args, tzinfo=VTE)


def test_a_time_entered_in_the_form_is_vientiane_time_and_stored_in_utc(world, client_for):
    client = client_for(world.user("secretariat"))
    meeting = create(client, start="2031-03-10T09:00", end="2031-03-10T12:00")
    assert meeting.start == datetime(2031, 3, 10, 2, 0, tzinfo=UTC)
    # The edit form gives the same Vientiane time back, not the UTC one, written as the page writes dates.
    body = client.get(reverse("meetings:edit", args=[meeting.pk])).content.decode()
    assert 'value="10/03/2031 09:00"' in body and 'value="10/03/2031 12:00"' in body
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "10 March 2031, 09:00–12:00" in page and "Vientiane time" in page


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_the_times_are_text_fields_in_the_pages_layout_not_the_browsers(world, client_for, lang):
    """A browser's own date field shows the browser's language and layout (often month/day/year); the form
    asks day/month/year and 24 hours on both languages' pages, and reads what it asked for."""
    client = client_for(world.user("secretariat"))
    body = client.get(f"/{lang}/meetings/new/?group=health").content.decode()
    assert 'type="datetime-local"' not in body and 'type="date"' not in body
    assert 'name="start"' in body and 'placeholder="' in body
    response = client.post(
        f"/{lang}/meetings/new/?group=health",
        {**FORM, "start": "10/03/2031 09:00", "end": "10/03/2031 12:30"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get()
    assert (meeting.start, meeting.end) == (vte(2031, 3, 10, 9, 0), vte(2031, 3, 10, 12, 30))


def test_a_meeting_past_midnight_shows_both_dates_and_is_on_both_days_of_the_calendar(world, client_for):
    client = client_for(world.user("secretariat"))
    meeting = create(client, start="2031-03-31T22:00", end="2031-04-01T01:00")
    assert meeting.end == datetime(2031, 3, 31, 18, 0, tzinfo=UTC)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "31 March 2031, 22:00 – 1 April 2031, 01:00" in page
    # On 31 March in the March view and on 1 April in the April view, though it started in March.
    march = calendars.entries(world.user("member"), date(2031, 3, 1), date(2031, 3, 31))
    april = calendars.entries(world.user("member"), date(2031, 4, 1), date(2031, 4, 30))
    assert [(e.day, e.day_number) for e in march] == [(date(2031, 3, 31), 1)]
    assert [(e.day, e.day_number, e.day_count) for e in april] == [(date(2031, 4, 1), 2, 2)]
    body = client.get("/en/meetings/calendar/?month=2031-04").content.decode()
    assert "Evening session" in body and "day 2 of 2" in body


def test_a_meeting_ending_at_midnight_covers_one_day_only():
    assert local_days(vte(2031, 3, 10, 18, 0), vte(2031, 3, 11, 0, 0)) == [date(2031, 3, 10)]


def test_a_two_day_meeting_is_listed_on_each_day_and_its_page_shows_both_dates(world, client_for):
    client = client_for(world.user("secretariat"))
    meeting = create(client, start="2031-05-06T08:30", end="2031-05-07T17:00")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "6 May 2031, 08:30 – 7 May 2031, 17:00" in page
    listed = client.get("/en/meetings/calendar/list/?month=2031-05").content.decode()
    assert listed.count("Evening session") == 2 and "day 1 of 2" in listed and "day 2 of 2" in listed


def test_an_all_day_meeting_keeps_its_dates_and_becomes_a_whole_day_calendar_event(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.user("secretariat"))
    # Whatever times the browser sent, an all-day meeting runs from 00:00 to 23:59 in Vientiane.
    meeting = create(client, start="2031-06-09T10:00", end="2031-06-10T11:00", all_day="on")
    assert meeting.all_day
    assert meeting.start == vte(2031, 6, 9, 0, 0) and meeting.end == vte(2031, 6, 10, 23, 59)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "9 June 2031 – 10 June 2031" in page and "00:00" not in page

    with django_capture_on_commit_callbacks(execute=True):
        services.participants_invite(actor=officer(), meeting=meeting, stakeholders=True)
    message = next(m for m in mail.outbox if m.to == [world.people["member"].email])
    event = next(iter(Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")))
    # DATE values, the end being the day after the last day (RFC 5545).
    assert event.decoded("dtstart") == date(2031, 6, 9) and event.decoded("dtend") == date(2031, 6, 11)
    assert "9 ມິຖຸນາ 2031 – 10 ມິຖຸນາ 2031" in message.body

    feed = Calendar.from_ical(client.get("/feeds/meetings.ics").content)
    (feed_event,) = feed.walk("VEVENT")
    assert feed_event.decoded("dtstart") == date(2031, 6, 9)


@time_machine.travel(datetime(2031, 1, 1, tzinfo=UTC), tick=False)
def test_the_invitation_email_and_the_ical_give_the_vientiane_time_and_the_utc_instant(
    world, django_capture_on_commit_callbacks
):
    meeting = services.meeting_create(
        actor=officer(),
        group=world.health,
        data={
            "kind": "swg",
            "title_en": "Late meeting",
            "title_lo": "ກອງປະຊຸມ",
            "start": vte(2031, 3, 10, 22, 0),
            "end": vte(2031, 3, 11, 1, 0),
            "venue_en": "MOH",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.participants_invite(actor=officer(), meeting=meeting, stakeholders=True)
    # Everyone in the world fixture reads Lao: the time is the Vientiane one, with both dates.
    message = next(m for m in mail.outbox if m.to == [world.people["member"].email])
    assert "10 ມີນາ 2031, 22:00 – 11 ມີນາ 2031, 01:00" in message.body
    event = next(iter(Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")))
    assert event.decoded("dtstart") == datetime(2031, 3, 10, 15, 0, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2031, 3, 10, 18, 0, tzinfo=UTC)


def test_the_sign_in_sheet_gives_the_vientiane_dates_of_a_meeting_past_midnight(world):
    meeting = services.meeting_create(
        actor=officer(),
        group=world.health,
        data={
            "kind": "swg",
            "title_en": "Late meeting",
            "title_lo": "ກອງປະຊຸມ",
            "start": vte(2031, 3, 10, 22, 0),
            "end": vte(2031, 3, 11, 1, 0),
        },
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(sheets.sheet_docx(meeting, officer()))).paragraphs)
    assert "10/03/2031, 22:00 – 11/03/2031, 01:00" in text


@pytest.mark.parametrize(
    ("start", "end", "all_day", "expected"),
    [
        (vte(2031, 3, 10, 9, 0), vte(2031, 3, 10, 12, 0), False, "10 March 2031, 09:00–12:00"),
        (vte(2031, 3, 10, 0, 0), vte(2031, 3, 10, 23, 59), True, "10 March 2031"),
        # 01:30 UTC on the 10th is still the 10th in Vientiane, and 23:30 UTC is already the 11th.
        (
            datetime(2031, 3, 10, 1, 30, tzinfo=UTC),
            datetime(2031, 3, 10, 23, 30, tzinfo=UTC),
            False,
            "10 March 2031, 08:30 – 11 March 2031, 06:30",
        ),
    ],
)
def test_when_text_reads_the_vientiane_dates_and_times(start, end, all_day, expected, settings):
    from django.utils import translation

    with translation.override("en"):
        assert when_text(start, end, all_day) == expected
