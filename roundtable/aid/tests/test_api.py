"""The public API: /api/v1/aid/activities/ and /api/v1/aid/funding/?group=&year= in the OpenAPI schema with
their filters; public data only; bad filter values answer 400 naming the parameter."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.aid.models import Activity, Source

from .conftest import activity_xml, file_xml, import_bytes, sector_xml, transaction_xml

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(mapping, rates, world):
    import_bytes(
        file_xml(
            activity_xml(
                "H-1",
                locations='<location ref="LA-SV"><name><narrative>Savannakhet</narrative></name></location>',
            ),
            activity_xml("S-1", sectors=sector_xml("12220", 50) + sector_xml("11220", 50)),
            activity_xml(
                "U-1", sectors=sector_xml("43010", 100), transactions=transaction_xml(3, "2024-03-01", 10)
            ),
        )
    )


def schema(client) -> dict:
    return client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_the_schema_documents_both_endpoints_and_their_filters(client, db):
    paths = schema(client)["paths"]
    activities = paths["/api/v1/aid/activities/"]["get"]
    funding = paths["/api/v1/aid/funding/"]["get"]
    names = lambda op: {p["name"] for p in op["parameters"]}  # noqa: E731
    assert names(activities) == {
        "group",
        "year",
        "partner",
        "sector",
        "province",
        "search",
        "page",
        "page_size",
    }
    assert names(funding) == {"group", "year", "partner", "page", "page_size"}
    assert set(funding["responses"]) == {"200", "400"} and set(activities["responses"]) == {"200", "400"}
    assert "/api/v1/aid/activities/{id}/" in paths and not any(
        p.startswith("/api/v1/aid/funding/{") for p in paths
    )
    year = next(p for p in funding["parameters"] if p["name"] == "year")["schema"]
    assert (year["minimum"], year["maximum"]) == (1900, 2200)
    assert all(p.get("description") for p in funding["parameters"] + activities["parameters"])


def test_the_activities_list_and_its_filters(client, data, world):
    def ids(**params):
        response = client.get("/api/v1/aid/activities/", params)
        assert response.status_code == 200, response.content
        return {row["identifier"] for row in response.json()["results"]}

    assert ids() == {"H-1", "S-1", "U-1"}
    assert ids(group="health") == {"H-1", "S-1"}
    assert ids(group="education") == {"S-1"}
    assert ids(year=2024) == {"U-1"}
    assert ids(sector="122") == {"H-1", "S-1"} and ids(sector="43010") == {"U-1"}
    assert ids(province="LA-SV") == {"H-1"}
    assert ids(search="S-1") == {"S-1"}
    row = client.get("/api/v1/aid/activities/", {"group": "health"}).json()["results"]
    s1 = next(r for r in row if r["identifier"] == "S-1")
    # The filter does not shrink the totals: the activity's whole total for Lao PDR.
    assert s1["committed_usd"] == 1000000 and s1["groups"] == ["education", "health"]
    assert s1["url"].endswith(f"/lo/aid/activities/{s1['id']}/") and s1["url_en"].endswith(
        f"/en/aid/activities/{s1['id']}/"
    )


def test_the_funding_rows_by_group_and_year(client, data):
    rows = client.get("/api/v1/aid/funding/", {"group": "health", "year": 2023}).json()["results"]
    assert {(r["group"], r["year"]) for r in rows} == {("health", 2023)}
    (row,) = rows
    # H-1 whole, S-1: 50% 12220 + 50% × 40% of 11220.
    assert Decimal(str(row["committed_usd"])) == Decimal(1000000) + Decimal(700000)
    assert row["activities"] == 2 and row["partner_name_en"] == "United Nations Development Programme"
    unmapped = [r for r in client.get("/api/v1/aid/funding/").json()["results"] if r["group"] is None]
    assert [(r["year"], r["disbursed_usd"]) for r in unmapped] == [(2024, 10)]


@pytest.mark.parametrize(
    ("endpoint", "param", "value"),
    [
        ("activities", "group", "no-such-group"),
        ("activities", "year", "abc"),
        ("activities", "year", "10000"),
        ("activities", "partner", "999999"),
        ("activities", "province", "LA-ZZ"),
        ("funding", "group", "helth"),
        ("funding", "year", "1899"),
        ("funding", "page", "99"),
    ],
)
def test_a_bad_filter_answers_400_naming_the_parameter(client, data, endpoint, param, value):
    response = client.get(f"/api/v1/aid/{endpoint}/", {param: value})
    assert response.status_code == 400 and set(response.json()) == {param}


def test_the_oda_database_is_not_in_the_api(client, data):
    Activity.objects.create(
        source=Source.ODA, identifier="ODA-1", title_en="x", imported_at=Activity.objects.first().imported_at
    )
    assert "ODA-1" not in client.get("/api/v1/aid/activities/").content.decode()
    assert (
        client.get(f"/api/v1/aid/activities/{Activity.objects.get(identifier='ODA-1').pk}/").status_code
        == 404
    )


def test_the_lists_cost_the_same_queries_for_more_rows(client, data):
    def queries(path):
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200
        return len(context.captured_queries)

    few = (queries("/api/v1/aid/activities/"), queries("/api/v1/aid/funding/"))
    import_bytes(file_xml(*(activity_xml(f"MORE-{i}") for i in range(10))))
    assert (queries("/api/v1/aid/activities/"), queries("/api/v1/aid/funding/")) == few
