"""Bad input never costs a 500 on the meetings' pages, the calendar and the feeds (issue 8).

Out-of-range years and months in lists and the calendar fall back with a message; a meeting in year 1 or
9999 typed in the form is a form error. Then a probe: every route of the meetings (and the feeds) with
values that cannot be used in every parameter the pages read, by GET and POST, as an anonymous visitor,
the group's secretariat and the RTP Secretariat.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, reverse

from roundtable.meetings import feed_urls, services
from roundtable.meetings import urls as meeting_urls
from roundtable.meetings.calendars import month_from, parse_month
from roundtable.meetings.models import Meeting

from .conftest import make_meeting, officer

pytestmark = pytest.mark.django_db
VTE = ZoneInfo("Asia/Vientiane")

BAD_YEARS = ["0", "-1", "1", "1899", "2201", "10000", "99999999999999999999", "abc", "2026.5", "²", "\x00"]
BAD_MONTHS = [
    "9999-12",
    "0000-00",
    "0001-01",
    "10000-01",
    "2026-13",
    "2026-00",
    "-1-01",
    "garbage",
    "2026",
    "2026-05-01",
    "1899-12",
    "2201-01",
    "²-01",
    "99999999999999999999-01",
    "\x00",
]


@pytest.fixture
def frozen():
    with time_machine.travel(datetime(2026, 5, 14, 10, 0, tzinfo=VTE), tick=False):
        yield


@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_bad_year_on_the_meeting_list_shows_all_years_and_says_so(english, world, client, frozen, year):
    make_meeting(world.health, public=True, title_en="Public health meeting")
    response = client.get(reverse("meetings:list"), {"year": year})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Public health meeting" in body
    assert "showing all years" in body


def test_a_good_year_filters_the_meeting_list_without_a_message(english, world, client, frozen):
    make_meeting(world.health, public=True, title_en="Public health meeting")
    body = client.get(reverse("meetings:list"), {"year": "2026"}).content.decode()
    assert "Public health meeting" in body and "showing all years" not in body
    body = client.get(reverse("meetings:list"), {"year": "2027"}).content.decode()
    assert "Public health meeting" not in body and "showing all years" not in body


@pytest.mark.parametrize("month", BAD_MONTHS)
@pytest.mark.parametrize("view", ["meetings:calendar", "meetings:calendar_list"])
def test_a_bad_month_in_the_calendar_shows_this_month_and_says_so(
    english, world, client, frozen, view, month
):
    response = client.get(reverse(view), {"month": month})
    assert response.status_code == 200
    assert response.context["first"] == date(2026, 5, 1)
    assert "showing this month" in response.content.decode()


@pytest.mark.parametrize("month", ["1900-01", "2200-12"])
@pytest.mark.parametrize("view", ["meetings:calendar", "meetings:calendar_list"])
def test_the_first_and_last_months_of_the_calendar_show_without_a_link_beyond(world, client, view, month):
    response = client.get(reverse(view), {"month": month})
    assert response.status_code == 200
    assert response.context["first"] == date(int(month[:4]), int(month[5:]), 1)
    body = response.content.decode()
    assert ('rel="prev"' in body) is (month != "1900-01")
    assert ('rel="next"' in body) is (month != "2200-12")


@pytest.mark.parametrize("month", BAD_MONTHS)
def test_parse_month_falls_back_to_the_current_month(frozen, month):
    assert month_from(month) is None
    assert parse_month(month) == date(2026, 5, 1)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("0001-01-01T00:00", "0001-01-01T12:00"),
        ("0001-01-01T09:00", "2026-01-01T12:00"),
        ("9999-12-31T09:00", "9999-12-31T23:59"),
        ("2026-06-01T09:00", "9999-12-31T23:59"),
        ("1899-12-31T09:00", "1899-12-31T12:00"),
        ("2201-01-01T09:00", "2201-01-01T12:00"),
    ],
)
@pytest.mark.parametrize("all_day", [False, True])
def test_a_meeting_in_year_1_or_9999_is_a_form_error(english, world, client_for, start, end, all_day):
    data = {"kind": "swg", "title_en": "Far meeting", "start": start, "end": end, "venue_en": "MOH"}
    if all_day:
        data["all_day"] = "on"
    response = client_for(world.user("secretariat")).post(reverse("meetings:create") + "?group=health", data)
    assert response.status_code == 200
    assert "Give a date between 1900 and 2200." in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_service_refuses_a_meeting_outside_the_years_too(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        make_meeting(
            world.health,
            start=datetime(9999, 12, 31, 9, tzinfo=VTE),
            end=datetime(9999, 12, 31, 12, tzinfo=VTE),
        )
    assert "start" in refused.value.message_dict
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2200, 12, 31)])
@pytest.mark.parametrize("all_day", [False, True])
def test_feeds_carry_meetings_on_the_first_and_last_days_a_meeting_can_have(
    world, client, day, all_day, settings
):
    # The clock goes back to 1900, before the epoch: Django's local-memory cache then takes every key for
    # unexpired and fails on a missing one (a negative time.time()), which no server's clock will do. The
    # feeds' cache is another test's subject; here, no cache.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    start = datetime(day.year, day.month, day.day, 0, 0, tzinfo=VTE)
    end = datetime(day.year, day.month, day.day, 23, 59, tzinfo=VTE)
    meeting = make_meeting(world.health, public=True, start=start, end=end, all_day=all_day)
    token = services.feed_token_for(world.user("rtp")).token
    with time_machine.travel(start, tick=False):
        for url in (
            reverse("feeds:meetings"),
            reverse("feeds:group", args=["health"]),
            reverse("feeds:private", args=[token]),
        ):
            for lang in ("lo", "en", "xx", "\x00"):
                response = client.get(url, {"lang": lang})
                assert response.status_code == 200, (url, lang)
                assert meeting.ical_uid in response.content.decode(), (url, lang)
        assert client.get(meeting.get_absolute_url()).status_code == 200


# --- the probe --------------------------------------------------------------------------------------

PROBE_VALUES = [
    "0",
    "-1",
    "10000",
    "99999999999999999999",
    "abc",
    "2026.5",
    "9999-12",
    "0000-00",
    "2026-13",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "²",
    "\x00",
    "x" * 3000,
]
PARAMS = [
    "year",
    "month",
    "group",
    "page",
    "lang",
    "item",
    "kind",
    "title_lo",
    "title_en",
    "start",
    "end",
    "all_day",
    "venue_en",
    "online_link",
    "chair_person",
    "is_public",
    "revision",
    "state",
    "reason",
    "presenter",
    "duration_minutes",
    "priority",
    "direction",
    "title",
    "visibility",
    "language",
    "agenda_item",
    "stakeholders",
    "people",
    "outside_confirmed",
    "attended",
    "name",
    "position",
    "organisation",
    "organisation_name",
    "email",
    "phone",
    "gender",
    "response",
]
APPS = {"meetings": meeting_urls, "feeds": feed_urls}
ROUTES = [
    f"{app}:{pattern.name}"
    for app, module in APPS.items()
    for pattern in module.urlpatterns
    if isinstance(pattern, URLPattern)
]
# They read nothing from the query string or the form: one request each is enough (a PDF is slow).
READ_NOTHING = {"meetings:sheet_pdf", "meetings:sheet_docx", "meetings:document"}


@pytest.fixture
def probe_world(world):
    meeting = make_meeting(world.health, public=True, days=10)
    item = services.agenda_item_save(actor=officer(), meeting=meeting, data={"title_en": "Budget"})
    document = services.document_add(
        actor=officer(),
        meeting=meeting,
        title="Agenda",
        upload=SimpleUploadedFile("agenda.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        visibility="public",
    )
    services.participants_invite(actor=officer(), meeting=meeting, notify=False)
    participant = meeting.participants.first()
    token = services.feed_token_for(world.user("secretariat")).token
    return {
        "meetings:list": {},
        "meetings:create": {},
        "meetings:detail": {"pk": meeting.pk},
        "meetings:edit": {"pk": meeting.pk},
        "meetings:state": {"pk": meeting.pk},
        "meetings:agenda_add": {"pk": meeting.pk},
        "meetings:agenda_edit": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:agenda_delete": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:agenda_move": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:document_add": {"pk": meeting.pk},
        "meetings:document": {"pk": document.pk},
        "meetings:document_delete": {"pk": document.pk},
        "meetings:invite": {"pk": meeting.pk},
        "meetings:participants": {"pk": meeting.pk},
        "meetings:attendance": {"pk": meeting.pk},
        "meetings:walk_in": {"pk": meeting.pk},
        "meetings:sheet_pdf": {"pk": meeting.pk},
        "meetings:sheet_docx": {"pk": meeting.pk},
        "meetings:answer": {"token": participant.token},
        "meetings:calendar": {},
        "meetings:calendar_list": {},
        "meetings:feed_link": {},
        "meetings:feed_reset": {},
        "feeds:meetings": {},
        "feeds:private": {"token": token},
        "feeds:group": {"code": "health"},
        "world": world,
    }


def clients(world) -> list[tuple[str, Client]]:
    result = []
    for persona in ("anonymous", "secretariat", "rtp"):
        client = Client(raise_request_exception=False)
        if world.user(persona) is not None:
            client.force_login(world.user(persona))
        result.append((persona, client))
    return result


def server_errors(client: Client, method: str, url: str, data: dict) -> list[str]:
    # Each request's writes are rolled back: what a POST deletes or answers stays for the next value.
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        transaction.set_rollback(True)
    if response.status_code < 500:
        return []
    return [f"{method.upper()} {url} {data!r:.80} → {response.status_code}"]


@pytest.mark.parametrize("name", ROUTES)
def test_no_bad_query_or_form_value_costs_a_500(probe_world, name):
    assert name in probe_world, f"say in probe_world which objects the arguments of {name} name"
    url = reverse(name, kwargs=probe_world[name])
    values = PROBE_VALUES[:1] if name in READ_NOTHING else PROBE_VALUES
    errors = []
    for persona, client in clients(probe_world["world"]):
        for value in values:
            data = dict.fromkeys(PARAMS, value)
            for method in ("get",) if name in READ_NOTHING else ("get", "post"):
                errors += [f"{persona}: {e}" for e in server_errors(client, method, url, data)]
    assert not errors, "\n".join(errors)
