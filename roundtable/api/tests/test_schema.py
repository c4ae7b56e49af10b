import re

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema


def test_schema_is_valid_openapi_with_every_path(client, db):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        "/api/v1/groups/",
        "/api/v1/groups/{code}/",
        "/api/v1/organisations/",
        "/api/v1/organisations/{id}/",
        "/api/v1/frameworks/",
        "/api/v1/frameworks/{code}/",
        "/api/v1/framework-items/",
        "/api/v1/framework-items/{id}/",
        "/api/v1/meetings/",
    }
    # Read-only: only GET is described.
    assert {method for item in schema["paths"].values() for method in item} == {"get"}


def test_schema_documents_the_filters_and_pagination(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    def params(path):
        return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}

    assert {"kind", "parent", "page", "page_size"} <= params("/api/v1/groups/")
    assert {"kind", "search", "page", "page_size"} <= params("/api/v1/organisations/")
    assert {"framework", "level"} <= params("/api/v1/framework-items/")


def test_docs_page_loads_without_external_urls(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger" in html.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert not re.search(r"https?://(?!testserver)", html)
    # No inline script (the Content-Security-Policy forbids it): the start-up script is its own request.
    assert "<script>" not in html and "<style" not in html
    script_url = re.search(r'<script src="([^"]*\?[^"]*script=[^"]*)"', html).group(1).replace("&amp;", "&")
    script = client.get(script_url)
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    # Swagger UI would otherwise load a badge from validator.swagger.io.
    assert '"validatorUrl": null' in script.content.decode()
    # Every script and stylesheet the page asks for is one of our own static files.
    assets = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+\.(?:js|css))["']""", html)
    assert assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset


# What each list accepts: its filters, then the two paging parameters every list has.
FILTERS = {
    "groups": {"kind", "forum_kind", "parent"},
    "organisations": {"kind", "country", "search"},
    "frameworks": {"kind"},
    "framework-items": {"framework", "level", "parent"},
    "meetings": {"group", "year"},
    "minutes": {"group", "year"},
    "action-points": {"group", "status"},
    "workplans": {"group", "year"},
    "search": {"q", "type", "group", "year", "lang"},
    "compliance": {"year", "group", "kind", "obligation"},
    "cycles": {"kind", "status", "year"},
    "reports": {"cycle", "group", "year"},
    "aid/activities": {"group", "partner", "province", "search", "sector", "year"},
    "aid/funding": {"group", "partner", "year"},
    "indicators": {"framework", "owner"},
}
# The lists without a detail: the search (its hits are other lists' records), the aid funding (rows of a
# table, each an activity's).
WITHOUT_DETAIL = {"search", "aid/funding"}


def _schema(client) -> dict:
    return client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def _list_parameters(schema: dict, endpoint: str) -> dict[str, dict]:
    return {p["name"]: p for p in schema["paths"][f"/api/v1/{endpoint}/"]["get"]["parameters"]}


def test_every_list_of_the_api_root_is_in_the_table_of_filters(client, db):
    assert set(client.get("/api/v1/").json()) == set(FILTERS)


@pytest.mark.parametrize("endpoint", FILTERS)
def test_the_schema_documents_every_filter_of_every_list_and_its_400(client, db, endpoint):
    schema = _schema(client)
    assert set(_list_parameters(schema, endpoint)) == FILTERS[endpoint] | {"page", "page_size"}
    assert set(schema["paths"][f"/api/v1/{endpoint}/"]["get"]["responses"]) == {"200", "400"}
    details = [path for path in schema["paths"] if path.startswith(f"/api/v1/{endpoint}/{{")]
    assert len(details) == (endpoint not in WITHOUT_DETAIL)
    for detail in details:
        assert set(schema["paths"][detail]["get"]["responses"]) == {"200", "404"}


def test_every_filter_the_viewsets_declare_is_in_the_schema(client, db):
    """The same check from the other side: a filter added to a FilterSet cannot miss the schema."""
    from roundtable.api.urls import router

    schema = _schema(client)
    for prefix, viewset, _basename in router.registry:
        declared = set(viewset.filterset_class.base_filters) if viewset.filterset_class else set()
        assert declared <= set(_list_parameters(schema, prefix)), prefix


def test_the_schema_gives_the_bounds_and_choices_a_client_must_respect(client, db):
    schema = _schema(client)
    for endpoint in ("meetings", "minutes", "workplans"):
        year = _list_parameters(schema, endpoint)["year"]["schema"]
        assert (year["type"], year["minimum"], year["maximum"]) == ("integer", 1900, 2200), endpoint
    for endpoint in FILTERS:
        parameters = _list_parameters(schema, endpoint)
        assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
        assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1}
        assert all(p.get("description") for p in parameters.values()), endpoint
    status = _list_parameters(schema, "action-points")["status"]["schema"]
    assert set(status["enum"]) == {"open", "in_progress", "done", "dropped"}
