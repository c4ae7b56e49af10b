from urllib.parse import urlsplit

import pytest

from roundtable.conftest import LADDER
from roundtable.directory.models import Organisation

from .conftest import ENDPOINTS, detail_paths


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_list_answers_anonymously_with_a_page(client, api_world, endpoint):
    response = client.get(f"/api/v1/{endpoint}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == len(body["results"]) > 0


def test_every_detail_answers_anonymously(client, api_world):
    for path in detail_paths(api_world):
        assert client.get(path).status_code == 200, path


def test_the_api_root_lists_the_endpoints(client, db):
    body = client.get("/api/v1/").json()
    assert set(body) >= {*ENDPOINTS, "meetings"}


def test_every_route_of_the_api_root_is_a_public_read_only_paginated_list(client, api_world):
    """Including the routes other apps publish (meetings, minutes, work plans)."""
    for name, url in client.get("/api/v1/").json().items():
        response = client.get(path_of(url))
        assert response.status_code == 200, name
        assert set(response.json()) == {"count", "next", "previous", "results"}, name
        assert client.post(path_of(url), data={}).status_code == 405, name


@pytest.mark.parametrize("persona", LADDER)
def test_every_persona_of_the_ladder_gets_the_same_public_answer(client_for, client, api_world, persona):
    anonymous = [client.get(path).json() for path in detail_paths(api_world)]
    as_persona = client_for(api_world.world.user(persona))
    assert [as_persona.get(path).json() for path in detail_paths(api_world)] == anonymous


def test_a_browser_gets_the_browsable_page(client, api_world):
    response = client.get("/api/v1/groups/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "Health" in response.content.decode()


def test_a_missing_object_is_404(client, api_world):
    assert client.get("/api/v1/groups/nothing/").status_code == 404
    assert client.get("/api/v1/organisations/999999/").status_code == 404
    assert client.get("/api/v1/frameworks/nothing/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_write_methods_are_refused_on_lists_and_details(client_for, api_world, method):
    rtp = client_for(api_world.world.user("rtp"))
    for path in ["/api/v1/groups/", *detail_paths(api_world)]:
        response = getattr(rtp, method)(path, data={"code": "x"}, content_type="application/json")
        assert response.status_code == 405, path
    assert Organisation.objects.count() == 5


def test_group_detail_shows_structure_chairs_tor_and_links(client, api_world):
    w = api_world.world
    body = client.get("/api/v1/groups/health/").json()
    assert body["code"] == "health"
    assert body["kind"] == "swg"
    assert (body["name_lo"], body["name_en"]) == ("ສາທາລະນະສຸກ", "Health")
    assert body["mandate_en"] == "Coordinates the health sector."
    assert body["parent"] is None
    assert body["lead_ministry"]["id"] == w.moh.pk
    assert body["lead_ministry"]["acronym"] == "MOH"
    assert body["chair"]["organisation"]["name_en"] == "Ministry of Health"
    assert body["chair"]["representative"] == {"name_lo": "ບຸນກອງ ສີຫາວົງ", "name_en": "Bounkong Sihavong"}
    assert [c["organisation"]["acronym"] for c in body["cochairs"]] == ["JP"]
    assert body["cochairs"][0]["planned_end"] == "2027-12-31"
    assert body["sub_groups"] == ["health-hpf"]
    [tor] = body["terms_of_reference"]
    assert (tor["title"], tor["language"], tor["version"], tor["date"]) == (
        "Health SWG ToR",
        "en",
        "2",
        "2024-03-01",
    )
    assert [(o["framework"], o["code"]) for o in body["nsedp_outcomes"]] == [("nsedp-9", "2")]
    assert [(s["framework"], s["code"]) for s in body["sdgs"]] == [("sdg", "3")]


def test_sub_group_names_its_parent(client, api_world):
    body = client.get("/api/v1/groups/health-hpf/").json()
    assert body["parent"] == "health"
    assert body["chair"] is None
    assert body["cochairs"] == []


def test_a_chair_term_that_has_ended_is_not_shown(client, api_world):
    api_world.world.health.chair_terms.filter(role="cochair").update(ended_on="2024-06-30")
    assert client.get("/api/v1/groups/health/").json()["cochairs"] == []


def test_inactive_groups_are_not_published(client, api_world):
    codes = [g["code"] for g in client.get("/api/v1/groups/").json()["results"]]
    assert "retired" not in codes
    assert client.get("/api/v1/groups/retired/").status_code == 404


def test_groups_filter_by_kind_and_parent(client, api_world):
    def codes(query):
        return [g["code"] for g in client.get(f"/api/v1/groups/?{query}").json()["results"]]

    assert codes("kind=subswg") == ["health-hpf"]
    assert sorted(codes("kind=swg")) == ["education", "health"]
    assert codes("parent=health") == ["health-hpf"]
    assert codes("parent=education") == []


def test_organisations_filter_by_kind_and_search_in_both_languages(client, api_world):
    def acronyms(query):
        return sorted(o["acronym"] for o in client.get(f"/api/v1/organisations/?{query}").json()["results"])

    assert acronyms("kind=ministry") == ["MOES", "MOH", "MPI"]
    assert acronyms("search=health") == ["MOH", "WHO"]
    assert acronyms("search=ອະນາໄມ") == ["WHO"]
    assert acronyms("search=jp") == ["JP"]
    assert acronyms("kind=multilateral&search=health") == ["WHO"]


def test_organisation_shows_its_public_fields_and_no_people(client, api_world):
    body = client.get(f"/api/v1/organisations/{api_world.world.japan.pk}/").json()
    assert set(body) == {
        "id",
        "name_lo",
        "name_en",
        "acronym",
        "kind",
        "country",
        "website",
        "iati_identifier",
        "url",
        "url_en",
    }
    assert (body["kind"], body["country"]) == ("bilateral", "JP")


def test_framework_links_to_its_items(client, api_world):
    body = client.get("/api/v1/frameworks/nsedp-9/").json()
    assert (body["kind"], body["start_year"], body["end_year"], body["item_count"]) == (
        "nsedp",
        2021,
        2025,
        2,
    )
    assert {"source_lo", "source_en"} <= body.keys() and "source" not in body
    items = client.get(path_of(body["items"])).json()["results"]
    assert [(i["code"], i["level"], i["parent"]) for i in items] == [
        ("2", "outcome", None),
        ("2.1", "output", "2"),
    ]


def test_framework_items_filter_by_framework_and_level(client, api_world):
    def codes(query):
        return [i["code"] for i in client.get(f"/api/v1/framework-items/?{query}").json()["results"]]

    assert codes("framework=sdg") == ["3", "3.1"]
    assert codes("level=target") == ["3.1"]
    assert codes("framework=nsedp-9&level=output") == ["2.1"]
    assert codes("framework=sdg&parent=3") == ["3.1"]


def test_url_fields_point_to_the_public_pages_in_lao_and_english(client, api_world):
    health = client.get("/api/v1/groups/health/").json()
    assert health["url"] == "http://testserver/lo/groups/health/"
    assert health["url_en"] == "http://testserver/en/groups/health/"
    urls = [
        health["url"],
        health["url_en"],
        health["lead_ministry"]["url"],
        health["chair"]["organisation"]["url"],
    ]
    urls += [health["nsedp_outcomes"][0]["url"], health["sdgs"][0]["url_en"]]
    for endpoint in ENDPOINTS:
        for obj in client.get(f"/api/v1/{endpoint}/").json()["results"]:
            assert urlsplit(obj["url"]).path.startswith("/lo/")
            assert urlsplit(obj["url_en"]).path.startswith("/en/")
            urls += [obj["url"], obj["url_en"]]
    for url in urls:
        assert client.get(urlsplit(url).path).status_code == 200, url


def test_framework_item_url_points_at_its_anchor_on_the_framework_page(client, api_world):
    item = client.get(f"/api/v1/framework-items/{api_world.target.pk}/").json()
    assert item["url"] == "http://testserver/lo/frameworks/sdg/#item-3.1"


def test_tor_download_url_is_served_by_the_groups_app_not_media(client, api_world):
    [tor] = client.get("/api/v1/groups/health/").json()["terms_of_reference"]
    assert tor["download_url"] == f"http://testserver/lo/groups/health/tor/{api_world.tor.pk}/"


def test_pagination_next_link_leads_to_the_rest(client, db):
    Organisation.objects.bulk_create(Organisation(name_en=f"Partner {i:03}", kind="ingo") for i in range(60))
    first = client.get("/api/v1/organisations/").json()
    assert (first["count"], len(first["results"]), first["previous"]) == (60, 50, None)
    assert first["next"].startswith("http://testserver/api/v1/organisations/")
    second = client.get(path_of(first["next"])).json()
    assert len(second["results"]) == 10
    assert second["next"] is None
    assert second["previous"] is not None
    names = [o["name_en"] for o in first["results"] + second["results"]]
    assert names == [f"Partner {i:03}" for i in range(60)]


def test_page_size_can_be_asked_for_up_to_200(client, db):
    Organisation.objects.bulk_create(Organisation(name_en=f"Partner {i:03}", kind="ingo") for i in range(210))
    assert len(client.get("/api/v1/organisations/?page_size=10").json()["results"]) == 10
    assert len(client.get("/api/v1/organisations/?page_size=1000").json()["results"]) == 200
