"""The public API: /api/v1/cycles/ (open and published cycles) and /api/v1/reports/ (published reports of
published cycles), with links to every export in both languages, documented filters, and a 400 on a bad
filter."""

import pytest

from roundtable.reports import services
from roundtable.reports.models import CycleStatus, ReportStatus


@pytest.fixture
def published(world, reporting, make_report, django_capture_on_commit_callbacks):
    report = make_report(ReportStatus.ACCEPTED)
    from roundtable.reports.tasks import compile_now

    compile_now(reporting.cycle)
    services.cycle_publish(cycle=reporting.cycle, actor=world.user("rtp"), notify=False)
    report.refresh_from_db()
    return report


def test_the_reports_endpoint_lists_published_reports_with_their_exports(client, published, reporting):
    body = client.get("/api/v1/reports/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert (item["cycle"], item["group"], item["year"], item["status"]) == (
        "rtim-2026",
        "health",
        2026,
        "published",
    )
    assert item["overview_en"].startswith("This year")
    assert [p["status"] for p in item["priorities"]] == ["on_track", "behind"]
    assert item["follow_ups"][0]["meeting"] == "hlrtm-14"
    assert item["facts"]["group"]["code"] == "health" and "meetings" in item["facts"]
    assert item["exports"]["pdf"].endswith("/lo/round-table/rtim-2026/reports/health/report.pdf")
    assert item["exports_en"]["docx"].endswith("/en/round-table/rtim-2026/reports/health/report.docx")
    assert item["url_en"].endswith("/en/round-table/rtim-2026/reports/health/")
    for link in [item["exports"]["pdf"], item["exports_en"]["docx"], item["url"]]:
        assert client.get(link).status_code == 200, link
    assert "email" not in str(item).lower()


def test_the_cycles_endpoint_gives_the_meeting_its_road_map_recommendations_and_compiled_report(
    client, published, reporting
):
    body = client.get("/api/v1/cycles/").json()
    codes = [c["code"] for c in body["results"]]
    assert codes == ["rtim-2026", "hlrtm-14"]
    cycle = client.get("/api/v1/cycles/rtim-2026/").json()
    assert (cycle["kind"], cycle["year"], cycle["held_on"], cycle["deadline"]) == (
        "rtim", 2026, "2027-01-28", "2026-12-31",
    )  # fmt: skip
    assert cycle["title_en"] == "Round Table Implementation Meeting on 2026"
    assert set(cycle["groups"]) == {"health", "education"}
    assert cycle["compiled"]["pdf"].endswith("/lo/round-table/rtim-2026/compiled.pdf")
    assert client.get(cycle["compiled_en"]["docx"]).status_code == 200
    earlier = client.get("/api/v1/cycles/hlrtm-14/").json()
    assert earlier["recommendations"][0]["groups"] == ["health"]
    assert earlier["compiled"] is None


def test_a_cycle_in_preparation_and_the_reports_of_an_unpublished_cycle_are_absent(
    client, world, reporting, make_report
):
    make_report(ReportStatus.ACCEPTED)
    reporting.cycle.status = CycleStatus.DRAFT
    reporting.cycle.save()
    assert client.get("/api/v1/cycles/rtim-2026/").status_code == 404
    assert [c["code"] for c in client.get("/api/v1/cycles/").json()["results"]] == ["hlrtm-14"]
    assert client.get("/api/v1/reports/").json()["count"] == 0


@pytest.mark.parametrize(
    "query,count",
    [
        ("?cycle=rtim-2026", 1),
        ("?group=health", 1),
        ("?group=education", 0),
        ("?year=2026", 1),
        ("?year=2025", 0),
    ],
)
def test_the_reports_filters(client, published, query, count):
    assert client.get("/api/v1/reports/" + query).json()["count"] == count


@pytest.mark.parametrize("query", ["?cycle=nope", "?group=nope", "?year=abc", "?year=0"])
def test_a_bad_filter_answers_400_naming_it(client, published, query):
    response = client.get("/api/v1/reports/" + query)
    assert response.status_code == 400
    assert query[1:].split("=")[0] in response.json()


def test_the_cycle_filters(client, published):
    assert [c["code"] for c in client.get("/api/v1/cycles/?kind=hlrtm").json()["results"]] == ["hlrtm-14"]
    assert client.get("/api/v1/cycles/?status=draft").status_code == 400
    assert client.get("/api/v1/cycles/?year=2026").json()["count"] == 1


def test_the_endpoints_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in ["/api/v1/cycles/", "/api/v1/cycles/{code}/", "/api/v1/reports/", "/api/v1/reports/{id}/"]:
        assert path in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"]["/api/v1/reports/"]["get"]["parameters"]}
    assert {"cycle", "group", "year"} <= parameters
