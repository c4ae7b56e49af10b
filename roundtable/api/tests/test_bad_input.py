"""Bad input never costs a 500: every value a list cannot use answers 400 with JSON naming the parameter.

The rule (core.api) is the same on every endpoint: an unreadable or out-of-range value, a code that names
nothing, a page that does not exist. An empty value is no filter.
"""

import pytest

from .conftest import ALL_LISTS

PAGING = [
    ("page_size", "abc"),
    ("page_size", "0"),
    ("page_size", "-5"),
    ("page", "abc"),
    ("page", "0"),
    ("page", "9999"),
]
YEARS = ["0", "10000", "abc", "1899", "2201", "2025.5", "-2025"]
YEAR_LISTS = ["meetings", "minutes", "workplans"]
GROUP_LISTS = ["meetings", "minutes", "action-points", "workplans"]

BAD_VALUES = [
    *[(endpoint, param, value) for endpoint in ALL_LISTS for param, value in PAGING],
    *[(endpoint, "year", value) for endpoint in YEAR_LISTS for value in YEARS],
    *[(endpoint, "group", "no-such-group") for endpoint in GROUP_LISTS],
    ("action-points", "status", "closed"),
    ("groups", "kind", "club"),
    ("groups", "parent", "no-such-group"),
    ("organisations", "kind", "club"),
    ("frameworks", "kind", "plan"),
    ("framework-items", "framework", "no-such-framework"),
    ("framework-items", "parent", "99.99"),
    ("framework-items", "level", "chapter"),
]


@pytest.mark.parametrize(("endpoint", "param", "value"), BAD_VALUES)
def test_a_bad_value_answers_400_with_a_message_naming_the_parameter(
    client, api_world, endpoint, param, value
):
    response = client.get(f"/api/v1/{endpoint}/", {param: value})
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {param}
    (message,) = body[param]
    assert isinstance(message, str) and message


@pytest.mark.parametrize("endpoint", GROUP_LISTS)
def test_an_unknown_group_code_is_named_in_the_message(client, api_world, endpoint):
    body = client.get(f"/api/v1/{endpoint}/", {"group": "helth"}).json()
    assert "helth" in body["group"][0]


@pytest.mark.parametrize("endpoint", YEAR_LISTS)
def test_the_year_message_says_what_is_accepted(client, api_world, endpoint):
    assert "1900" in client.get(f"/api/v1/{endpoint}/", {"year": "0"}).json()["year"][0]
    assert "2200" in client.get(f"/api/v1/{endpoint}/", {"year": "10000"}).json()["year"][0]


@pytest.mark.parametrize("endpoint", YEAR_LISTS)
@pytest.mark.parametrize("year", ["1900", "2200"])
def test_the_first_and_last_accepted_years_answer_a_page(client, api_world, endpoint, year):
    response = client.get(f"/api/v1/{endpoint}/", {"year": year})
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("endpoint", GROUP_LISTS)
def test_a_known_group_without_records_is_an_empty_page_and_an_inactive_group_is_known(
    client, api_world, endpoint
):
    for code in ("education", "retired"):
        response = client.get(f"/api/v1/{endpoint}/", {"group": code})
        assert response.status_code == 200, code
        assert response.json()["results"] == []


@pytest.mark.parametrize("endpoint", ALL_LISTS)
def test_empty_values_are_no_filter_and_the_first_page(client, api_world, endpoint):
    everything = client.get(f"/api/v1/{endpoint}/").json()
    params = dict.fromkeys(("page", "page_size", "year", "group", "status", "kind", "parent"), "")
    assert client.get(f"/api/v1/{endpoint}/", params).json() == everything


def test_the_last_page_answers_and_the_one_after_it_is_400(client, api_world):
    # Five organisations in the fixture: pages of two are 1, 2 and 3.
    assert len(client.get("/api/v1/organisations/", {"page_size": 2, "page": 3}).json()["results"]) == 1
    response = client.get("/api/v1/organisations/", {"page_size": 2, "page": 4})
    assert response.status_code == 400
    assert "4" in response.json()["page"][0]
