"""What schemathesis found the API doing that its schema does not say (test_schemathesis.py runs it on its
own; these are the cases, in the ordinary suite).

- An address under /api/v1/ that names no endpoint (`/api/v1/meetings/1.5/`: an id is a whole number)
  answered Django's HTML page; the schema promises JSON.
- A key past the database's integers through a relation (`/api/v1/minutes/-954104003673205899264/`) was a
  500 on SQLite.
- `?year=` (an empty value) is no filter, as core.api says, but the schema did not say that a parameter may
  be empty: a client, or schemathesis, took the 200 for a value the API should have refused.
- A NUL character in a code (`?group=a%00b`) or a key (`/api/v1/groups/a%00/`) was a 500 on PostgreSQL,
  and `?search=a%00` answered a bare list instead of the object naming the parameter.
"""

import re
from urllib.parse import quote

import pytest

from .conftest import ALL_LISTS

NOT_ENDPOINTS = [
    "/api/v1/meetings/1.5/",
    "/api/v1/minutes/1.6708749445956728e-149/",
    "/api/v1/groups/health/members/",
    "/api/v1/no-such-list/",
]
HUGE_KEYS = ["-954104003673205899264", "954104003673205899264", str(2**63)]
# Every list of the API: those with a detail, and the search.
LISTS = [*ALL_LISTS, "search"]
ID_DETAILS = ["meetings", "minutes", "action-points", "workplans", "organisations", "framework-items"]


@pytest.mark.parametrize("path", NOT_ENDPOINTS)
def test_an_address_that_names_no_endpoint_answers_the_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_an_address_without_its_slash_is_still_redirected_to_it(client, db):
    response = client.get("/api/v1/groups")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/groups/"


@pytest.mark.parametrize("endpoint", ID_DETAILS)
@pytest.mark.parametrize("key", HUGE_KEYS)
def test_a_key_past_the_database_integers_is_a_404(client, api_world, endpoint, key):
    response = client.get(f"/api/v1/{endpoint}/{key}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_the_schema_says_that_every_query_parameter_may_be_empty(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    lists = {path for path in schema["paths"] if "{" not in path}
    assert lists >= {f"/api/v1/{endpoint}/" for endpoint in LISTS}
    for path in lists:
        parameters = schema["paths"][path]["get"]["parameters"]
        assert {p["name"] for p in parameters} >= {"page", "page_size"}, path
        for parameter in parameters:
            assert parameter["in"] == "query"
            assert parameter["allowEmptyValue"] is True, (path, parameter["name"])
    # A detail's key is in the path: never empty.
    detail = schema["paths"]["/api/v1/meetings/{id}/"]["get"]["parameters"]
    assert [p.get("allowEmptyValue") for p in detail] == [None]


@pytest.mark.parametrize("endpoint", LISTS)
def test_an_empty_page_parameter_is_the_first_page(client, api_world, endpoint):
    response = client.get(f"/api/v1/{endpoint}/", {"page": "", "page_size": ""})
    assert response.status_code == 200
    assert response.json()["previous"] is None


# What a fuzzer sends, on every parameter of every list and in every detail's key. PostgreSQL refuses a NUL
# character in a query (a 500 for `?group=a%00b` and `/api/v1/groups/a%00/`); DRF's search answered a bare
# list for `?search=%00`, not the object naming the parameter that the schema documents.
NASTY = [
    "\x00",
    "a\x00b",
    "\ufffd",
    "%",
    "'",
    "x" * 5000,
    "1e309",
    "٢٠٢٥",  # Arabic-Indic digits: Python's int() reads them
    "ນະຄອນຫຼວງ",
]


def _paths(client) -> dict:
    return client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]


def test_no_value_of_any_parameter_is_a_server_error_and_each_400_names_it(client, api_world):
    for path, item in _paths(client).items():
        for parameter in [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"]:
            for value in NASTY:
                response = client.get(path, {parameter: value})
                assert response.status_code in (200, 400), (path, parameter, value, response.status_code)
                assert response["Content-Type"] == "application/json", (path, parameter, value)
                if response.status_code == 400:
                    body = response.json()
                    assert set(body) == {parameter}, (path, parameter, value, body)
                    assert all(isinstance(message, str) for message in body[parameter])


def test_no_key_is_a_server_error(client, api_world):
    details = [path for path in _paths(client) if path.endswith("}/")]
    assert len(details) >= 8
    for path in details:
        for value in [*NASTY, "health", "1"]:
            response = client.get(re.sub(r"\{\w+\}", quote(value, safe=""), path))
            assert response.status_code in (200, 404), (path, value, response.status_code)
            assert response["Content-Type"] == "application/json", (path, value)
