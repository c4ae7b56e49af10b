"""The search page (/lo/search/, /en/search/) and the API (/api/v1/search/)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_page_without_a_query_shows_the_form(client):
    response = client.get("/lo/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_the_lao_page_shows_results_with_a_marked_snippet(client, reindexed):
    html = client.get("/lo/search/", {"q": "ແຫຼ່ງທຶນ"}).content.decode()
    assert "<mark>" in html
    assert f'href="/lo/minutes/{reindexed.published_minutes.meeting_id}/?version=lo"' in html


def test_the_english_page_links_english_pages(client, reindexed):
    html = client.get("/en/search/", {"q": "funding"}).content.decode()
    assert f'href="/en/minutes/{reindexed.published_minutes.meeting_id}/?version=en"' in html
    assert "Health SWG, first quarter" in html


def test_the_page_has_no_inline_style_or_script(client, reindexed):
    html = client.get("/en/search/", {"q": "health"}).content.decode()
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "search/search.css" in html


def test_filters_and_pages(client, reindexed):
    html = client.get("/en/search/", {"q": "health", "type": "workplans.workplan"}).content.decode()
    assert "Annual work plan 2025" in html
    assert f"/en/minutes/{reindexed.published_minutes.meeting_id}/" not in html
    assert (
        client.get("/en/search/", {"q": "health", "group": "education"}).content.decode().count("search-hit")
        == 0
    )
    bad = client.get("/en/search/", {"q": "health", "year": "abc", "type": "nope"})
    assert bad.status_code == 200  # the bad filters are said and left out
    assert client.get("/en/search/", {"q": "health", "page": "999"}).status_code == 200


def test_a_member_finds_on_the_page_what_the_public_does_not(client_for, reindexed, world):
    assert (
        "Vaccination planning"
        not in client_for(None).get("/en/search/", {"q": "Vaccination"}).content.decode()
    )
    member = client_for(world.user("member"))
    assert "Vaccination planning" in member.get("/en/search/", {"q": "Vaccination"}).content.decode()


@pytest.mark.parametrize("persona", ["anonymous", "member", "rtp"])
def test_the_page_takes_a_fixed_number_of_queries(
    client_for, reindexed, world, persona, django_assert_max_num_queries
):
    client = client_for(world.user(persona))
    client.get("/en/search/", {"q": "health"})  # warm: the session, the content types
    with django_assert_max_num_queries(14):
        response = client.get("/en/search/", {"q": "health", "page": "1"})
    assert response.status_code == 200


# The query count at ten times the data: test_speed.py.


def test_the_api_answers_the_same_results_as_json(client, reindexed):
    body = client.get("/api/v1/search/", {"q": "ແຫຼ່ງທຶນ"}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    first = body["results"][0]
    assert set(first) == {"type", "title", "url", "snippet", "date", "group"}
    assert first["type"] == "minutes.minutes"
    assert first["url"].startswith("http://testserver/lo/minutes/")
    assert "<mark>" in first["snippet"]
    english = client.get("/api/v1/search/", {"q": "funding", "lang": "en"}).json()["results"][0]
    assert english["url"].startswith("http://testserver/en/")


def test_the_api_finds_public_records_only_even_for_a_logged_in_member(client_for, reindexed, world):
    member = client_for(world.user("member"))
    assert member.get("/api/v1/search/", {"q": "Vaccination"}).json()["count"] == 0


def test_the_api_without_a_query_is_an_empty_page(client, db):
    assert client.get("/api/v1/search/").json() == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("year", "abc"),
        ("year", "1899"),
        ("group", "nowhere"),
        ("type", "nope"),
        ("lang", "fr"),
        ("page", "0"),
    ],
)
def test_a_bad_api_parameter_answers_400_naming_it(client, db, param, value):
    response = client.get("/api/v1/search/", {"q": "health", param: value})
    assert response.status_code == 400
    assert set(response.json()) == {param}


def test_the_api_is_in_the_schema_with_its_parameters(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/search/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) == {"q", "type", "group", "year", "lang", "page", "page_size"}
    assert all(p.get("description") for p in parameters.values())
    assert set(operation["responses"]) == {"200", "400"}
