"""No person's email or phone on any public path: every page of the sitemap, every public API list and detail.

The sweep is generic: it follows /sitemap.xml and the OpenAPI schema, so new public pages and endpoints are
covered without changing this test.
"""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from roundtable.directory.models import Person

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def secrets_of_people() -> set[str]:
    values = set()
    for email, phone in Person.objects.values_list("email", "phone"):
        if email:
            values.add(email.lower())
        if phone:
            values.add(phone)
            values.add(re.sub(r"\D", "", phone))
    return {v for v in values if len(v) >= 6}


def assert_no_secret(body: str, where: str, secrets: set[str]) -> None:
    lowered = body.lower()
    digits = re.sub(r"\D", "", body)
    for secret in secrets:
        haystack = digits if secret.isdigit() else lowered
        assert secret not in haystack, f"{where} shows a person's contact detail: {secret}"


def sitemap_paths(client: Client, address: str = "/sitemap.xml") -> list[str]:
    """Every page the sitemap names: /sitemap.xml is an index, its sitemaps are followed."""
    response = client.get(address)
    assert response.status_code == 200, address
    root = ET.fromstring(response.content)
    paths = []
    for loc in root.findall(".//sm:loc", SITEMAP_NS):
        path = re.sub(r"^https?://[^/]+", "", loc.text.strip())
        paths.extend(sitemap_paths(client, path) if root.tag.endswith("sitemapindex") else [path])
    return paths


def test_no_public_page_of_the_sitemap_shows_an_email_or_phone(world):
    client = Client()
    secrets = secrets_of_people()
    assert secrets
    paths = sitemap_paths(client)
    assert any(p.startswith("/lo/groups/health") for p in paths), paths[:20]
    assert any(p.startswith("/en/") for p in paths)
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_secret(response.content.decode(), path, secrets)


def api_paths(client: Client) -> list[str]:
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    lists, details = [], []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        (details if "{" in path else lists).append(path)
    urls = list(lists)
    for path in details:
        parent = path[: path.index("{")]
        param = re.search(r"\{(\w+)\}", path).group(1)
        if parent not in lists:
            continue
        results = client.get(parent).json().get("results", [])
        for item in results[:5]:
            value = item.get(param) or item.get("id") or item.get("code")
            if value is not None:
                urls.append(re.sub(r"\{\w+\}", str(value), path, count=1))
    return [u for u in urls if "{" not in u and not u.endswith(("/schema/", "/docs/"))]


def test_no_public_api_list_or_detail_shows_an_email_or_phone(world):
    client = Client()
    secrets = secrets_of_people()
    paths = api_paths(client)
    assert any("/groups/" in p for p in paths)
    assert any(re.search(r"/groups/[\w-]+/$", p) for p in paths), paths
    for path in paths:
        response = client.get(path, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, path
        assert_no_secret(response.content.decode(), path, secrets)
