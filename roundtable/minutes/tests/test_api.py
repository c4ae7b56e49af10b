"""The public API of published minutes and their action points."""

import pytest

from roundtable.minutes.models import MinutesStatus

from .conftest import LAO_DECISION, make_minutes, set_status, version_of

pytestmark = pytest.mark.urls("roundtable.minutes.tests.urls_api")


def test_published_minutes_with_only_the_published_languages_text(world, minutes, client):
    set_status(version_of(minutes, "lo"), MinutesStatus.PUBLISHED)
    data = client.get("/test-api/v1/minutes/").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["group"] == "health" and row["date"] == "2025-03-10" and row["languages"] == ["lo"]
    item = row["items"][2]
    assert item["decisions"][0]["text_lo"] == LAO_DECISION
    assert item["decisions"][0]["text_en"] is None  # English not published
    assert item["discussion_en"] is None
    assert row["url"].endswith(f"/lo/minutes/{minutes.meeting_id}/") and row["url"].startswith("http")
    assert row["url_en"].endswith(f"/en/minutes/{minutes.meeting_id}/")
    assert set(row["exports"]) == {"lo"} and row["exports"]["lo"]["docx"].endswith("/minutes.docx")
    names = {o["name_en"] for o in row["attending_organisations"]}
    assert {"World Health Organization", "Lao Red Cross"} <= names
    assert row["attendance"] == {"f": 2, "m": 2, "other": 1}
    assert "@" not in str(data) and "+856" not in str(data)
    assert client.get(f"/test-api/v1/minutes/{minutes.meeting_id}/").status_code == 200


def test_unpublished_minutes_are_not_in_the_api(world, minutes, client):
    set_status(version_of(minutes, "lo"), MinutesStatus.SENT)
    assert client.get("/test-api/v1/minutes/").json()["count"] == 0
    assert client.get(f"/test-api/v1/minutes/{minutes.meeting_id}/").status_code == 404
    assert client.get("/test-api/v1/action-points/").json()["count"] == 0


def test_action_points_of_published_minutes_name_the_organisation_not_the_person(world, minutes, client):
    set_status(version_of(minutes, "en"), MinutesStatus.PUBLISHED)
    data = client.get("/test-api/v1/action-points/", {"group": "health"}).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["what_en"] == "MOH sends the budget report" and row["what_lo"] is None
    assert row["responsible_organisation"]["acronym"] == "MOH"
    assert "Noy" not in str(row) and "responsible_person" not in row
    assert row["url"].endswith(f"/lo/minutes/{minutes.meeting_id}/#item-{row['url'].split('#item-')[1]}")
    assert row["group"] == "health" and row["status"] == "open"


def test_the_api_lists_cost_the_same_number_of_queries_for_ten_times_more_rows(
    world, client, django_assert_max_num_queries
):
    from datetime import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import VTE, make_meeting

    def add(n, offset):
        for i in range(n):
            m = make_meeting(
                world, start=datetime(2024, 1 + (i + offset) % 12, 1 + (i + offset) % 28, 9, 0, tzinfo=VTE)
            )
            minutes = make_minutes(world, m)
            set_status(version_of(minutes, "lo"), MinutesStatus.PUBLISHED)

    def count(path):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx)

    add(2, 0)
    small = (count("/test-api/v1/minutes/"), count("/test-api/v1/action-points/"))
    add(18, 2)
    large = (count("/test-api/v1/minutes/"), count("/test-api/v1/action-points/"))
    assert small == large


def test_the_minutes_filter_by_group_and_year_and_the_action_points_by_group_and_status(
    world, minutes, client
):
    set_status(version_of(minutes, "en"), MinutesStatus.PUBLISHED)

    def count(path, **params):
        response = client.get(f"/test-api/v1/{path}/", params)
        assert response.status_code == 200, response.content
        return response.json()["count"]

    assert count("minutes", year=2025) == count("minutes", group="health") == 1
    assert count("minutes", year=2024) == count("minutes", group="education") == 0
    assert count("action-points", status="open") == count("action-points", group="health") == 1
    assert count("action-points", status="done") == count("action-points", group="education") == 0


@pytest.mark.parametrize(
    ("path", "param", "value"),
    [
        ("minutes", "year", "0"),
        ("minutes", "year", "10000"),
        ("minutes", "year", "abc"),
        ("minutes", "group", "nothing"),
        ("action-points", "status", "closed"),
        ("action-points", "group", "nothing"),
    ],
)
def test_a_bad_filter_value_is_a_400_naming_it(world, minutes, client, path, param, value):
    set_status(version_of(minutes, "en"), MinutesStatus.PUBLISHED)
    response = client.get(f"/test-api/v1/{path}/", {param: value})
    assert response.status_code == 400
    assert list(response.json()) == [param]
