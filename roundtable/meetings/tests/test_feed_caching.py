"""The iCalendar feeds: a bounded window, stable ETag and Last-Modified, 304 on a conditional GET, the
language of the page the link came from."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from roundtable.meetings import ical, services

from .conftest import at, make_meeting, officer

pytestmark = pytest.mark.django_db


def summaries(response) -> set[str]:
    return {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_feed_answers_the_same_etag_twice_and_a_304_when_nothing_changed(world, client):
    meeting = make_meeting(world.health, public=True, title_en="Budget review")
    first = client.get("/feeds/meetings.ics?lang=en")
    second = client.get("/feeds/meetings.ics?lang=en")
    assert first["ETag"] and first["ETag"] == second["ETag"] and first.content == second.content
    assert first["Last-Modified"] == second["Last-Modified"]
    event = Calendar.from_ical(first.content).walk("VEVENT")[0]
    assert event["DTSTAMP"].dt == meeting.updated_at.replace(microsecond=0)

    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/feeds/meetings.ics?lang=en", headers={"If-None-Match": etag}).status_code == 304
    assert (
        client.get("/feeds/meetings.ics?lang=en", headers={"If-Modified-Since": modified}).status_code == 304
    )

    services.meeting_update(meeting=meeting, actor=officer(), data={"venue_en": "MPI, Vientiane"})
    changed = client.get("/feeds/meetings.ics?lang=en", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag and b"MPI" in changed.content


def test_the_stamp_does_not_move_with_the_clock(world, client):
    make_meeting(world.health, public=True)
    first = client.get("/feeds/meetings.ics?lang=en")
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        cache.clear()  # rebuilt, not served from the cache: the same bytes all the same
        later = client.get("/feeds/meetings.ics?lang=en")
    assert later.content == first.content and later["ETag"] == first["ETag"]


def test_the_feed_covers_the_last_twelve_months_and_the_future(world, client):
    make_meeting(world.health, public=True, title_en="Long ago", start=at(-400), end=at(-400, 12))
    make_meeting(world.health, public=True, title_en="Last autumn", start=at(-300), end=at(-300, 12))
    make_meeting(world.health, public=True, title_en="Next year", start=at(500), end=at(500, 12))
    titles = summaries(client.get("/feeds/meetings.ics?lang=en"))
    assert titles == {"Last autumn (Health)", "Next year (Health)"}
    with override_settings(RT_FEED_PAST_MONTHS=24):
        cache.clear()
        assert "Long ago (Health)" in summaries(client.get("/feeds/meetings.ics?lang=en"))


def test_the_window_starts_a_whole_day_twelve_months_back():
    start = ical.window_start()
    assert start.time().isoformat() == "00:00:00"
    assert 360 <= (timezone.localdate() - start.date()).days <= 366


def test_the_feed_is_served_from_the_cache_until_something_changes(world, client, django_assert_num_queries):
    make_meeting(world.health, public=True)
    client.get("/feeds/meetings/health.ics?lang=en")
    with django_assert_num_queries(1):  # the group only: the body comes from the cache
        client.get("/feeds/meetings/health.ics?lang=en")


def test_the_calendar_links_its_feed_in_the_pages_language(world, client):
    with translation.override("en"):
        english = client.get(reverse("meetings:calendar")).content.decode()
    assert "/feeds/meetings.ics?lang=en" in english
    lao = client.get("/lo/meetings/calendar/?group=health").content.decode()
    assert "/feeds/meetings/health.ics?lang=lo" in lao


def test_the_private_feed_link_keeps_the_pages_language(world, client_for):
    with translation.override("en"):
        address = reverse("meetings:feed_link")
    page = client_for(world.user("member")).get(address)
    assert page.status_code == 200 and ".ics?lang=en" in page.content.decode()
