import re

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
    # Swagger UI would otherwise load a badge from validator.swagger.io.
    assert '"validatorUrl": null' in html
    # Every script and stylesheet the page asks for is one of our own static files.
    assets = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+\.(?:js|css))["']""", html)
    assert assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
