"""Bad input never costs a 500 on the minutes' pages (issue 8).

The public list's year filter says what it cannot use and lists all years (a good group filter still
applies). Then a probe: every route of the minutes with values that cannot be used in every parameter the
pages read, by GET and POST, as an anonymous visitor, the group's secretariat and the RTP Secretariat.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, reverse

from roundtable.minutes import urls as minutes_urls
from roundtable.minutes.models import MinutesStatus

from .conftest import make_meeting, make_minutes, set_status, version_of

pytestmark = pytest.mark.django_db

BAD_YEARS = ["0", "-1", "1899", "2201", "10000", "99999999999999999999", "abc", "2026.5", "²", "\x00"]


@pytest.fixture
def published(world):
    """Published minutes of Health and of its sub-SWG (10 March 2025)."""
    health = make_minutes(world)
    sub = make_minutes(world, make_meeting(world, group=world.health_sub, title_en="HPF, first quarter"))
    for minutes in (health, sub):
        set_status(version_of(minutes, "en"), MinutesStatus.PUBLISHED)
    return health, sub


@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_bad_year_on_the_public_list_lists_all_years_and_says_so(english, world, client, published, year):
    response = client.get(reverse("minutes:public_list"), {"year": year})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Not a year of meetings: showing all years." in body
    assert "Health SWG, first quarter" in body and "HPF, first quarter" in body


@pytest.mark.parametrize("year", ["0", "10000", "abc"])
def test_a_bad_year_keeps_the_group_filter(english, world, client, published, year):
    body = client.get(reverse("minutes:public_list"), {"year": year, "group": "health-hpf"}).content.decode()
    assert "HPF, first quarter" in body and "Health SWG, first quarter" not in body


def test_a_good_year_filters_the_public_list(english, world, client, published):
    body = client.get(reverse("minutes:public_list"), {"year": "2025"}).content.decode()
    assert "Health SWG, first quarter" in body and "showing all years" not in body
    body = client.get(reverse("minutes:public_list"), {"year": "2024"}).content.decode()
    assert "Health SWG, first quarter" not in body and "showing all years" not in body


def test_a_typed_number_of_rows_is_capped_and_said(english, world, client_for):
    minutes = make_minutes(world)
    item = minutes.items.get(order=3)
    data = {
        "revision": minutes.revision,
        "title_en": item.title_en,
        "d-TOTAL_FORMS": "100000",
        "d-INITIAL_FORMS": "0",
        "a-TOTAL_FORMS": "100000",
        "a-INITIAL_FORMS": "0",
    }
    url = "/en" + reverse("minutes:item_edit", args=[minutes.meeting_id, item.pk])[3:]
    response = client_for(world.user("secretariat")).post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "At most 50 rows in one agenda item." in body
    assert body.count('name="d-') <= 10 * 51 and body.count('name="a-') <= 10 * 51


@pytest.mark.parametrize("group", ["\x00", "x" * 3000, "nope", "²"])
def test_a_bad_group_on_the_list_of_all_action_points_is_no_500(world, client_for, minutes, group):
    response = client_for(world.user("rtp")).get(reverse("minutes:action_points_all"), {"group": group})
    assert response.status_code == 200


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
    "0001-01-01",
    "9999-12-31",
    "²",
    "\x00",
    "x" * 3000,
]
PARAMS = [
    "year",
    "group",
    "page",
    "version",
    "show",
    "status",
    "organisation",
    "note",
    "next",
    "comment",
    "comments_until",
    "text",
    "languages",
    "language",
    "revision",
    "title_lo",
    "title_en",
    "discussion_lo",
    "discussion_en",
    "d-TOTAL_FORMS",
    "d-INITIAL_FORMS",
    "d-0-id",
    "d-0-text_lo",
    "d-0-text_en",
    "a-TOTAL_FORMS",
    "a-INITIAL_FORMS",
    "a-0-id",
    "a-0-what_lo",
    "a-0-what_en",
    "a-0-due_date",
    "a-0-responsible_person",
    "a-0-responsible_organisation",
]
ROUTES = [
    f"minutes:{pattern.name}" for pattern in minutes_urls.urlpatterns if isinstance(pattern, URLPattern)
]
# They read nothing from the query string or the form: one request each is enough (a PDF is slow).
READ_NOTHING = {"minutes:export_pdf", "minutes:export_docx", "minutes:signed_pdf"}


@pytest.fixture
def probe_world(world):
    minutes = make_minutes(world)
    set_status(version_of(minutes, "en"), MinutesStatus.CIRCULATED)
    meeting_id = minutes.meeting_id
    item = minutes.items.get(order=3)
    point = item.action_points.get()
    without = make_meeting(world, title_en="Held, no minutes yet")
    on_meeting = {"meeting_id": meeting_id}
    return {
        "minutes:public_list": {},
        "minutes:work": {},
        "minutes:action_points_all": {},
        "minutes:action_points": {"code": "health"},
        "minutes:action_point": {"pk": point.pk},
        "minutes:detail": on_meeting,
        "minutes:start": {"meeting_id": without.pk},
        "minutes:edit": on_meeting,
        "minutes:item_add": on_meeting,
        "minutes:item_edit": {**on_meeting, "item_id": item.pk},
        "minutes:language_add": on_meeting,
        "minutes:steps": {**on_meeting, "step_name": "approve"},
        "minutes:step": {**on_meeting, "lang": "en", "step_name": "approve"},
        "minutes:comment": {**on_meeting, "lang": "en"},
        "minutes:signed_upload": {**on_meeting, "lang": "en"},
        "minutes:signed_pdf": {**on_meeting, "lang": "en"},
        "minutes:export_docx": {**on_meeting, "lang": "en"},
        "minutes:export_pdf": {**on_meeting, "lang": "en"},
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
    # Each request's writes are rolled back: what a POST changes stays as it was for the next value.
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
