"""The permission ladder on every aid page, htmx fragment, export and API endpoint.

- IATI data is public: anonymous visitors read the aid pages, the fragments, the exports and the API.
- Projects of the national ODA database: the RTP Secretariat and the groups' members, nowhere public.
- The officers' pages (imports, rates, mapping edits, partner review, ODA uploads): the RTP Secretariat only.
- Links from priorities to activities: the group's secretariat and the RTP Secretariat.
"""

from decimal import Decimal

import pytest

from roundtable.aid import permissions
from roundtable.aid.models import Activity, ImportRun, ImportVia, OdaUpload, Source
from roundtable.aid.services.mapping import mapping_set
from roundtable.conftest import LADDER
from roundtable.core.services import Refused

from .conftest import activity_xml, file_xml, import_bytes

pytestmark = pytest.mark.django_db

ODA_TITLE = "Friendship hospital extension"


@pytest.fixture
def data(mapping, rates, world):
    _result, source = import_bytes(file_xml(activity_xml("IATI-1")))
    oda = Activity.objects.create(
        source=Source.ODA,
        identifier="ODA-1",
        title_en=ODA_TITLE,
        reporting_org_name="Embassy of the People's Republic of China",
        imported_at=Activity.objects.get().imported_at,
    )
    return {"iati": Activity.objects.get(identifier="IATI-1"), "oda": oda, "run": source.run}


PUBLIC_PAGES = [
    "/{lang}/aid/",
    "/{lang}/aid/groups/health/",
    "/{lang}/aid/groups/health-hpf/",
    "/{lang}/aid/activities/",
    "/{lang}/aid/activities/?q=health&year=2023&province=LA-SV&group=health",
    "/{lang}/aid/unmapped/",
    "/{lang}/aid/mapping/",
]
OFFICER_PAGES = [
    "/en/aid/imports/",
    "/en/aid/imports/{run}/",
    "/en/aid/rates/",
    "/en/aid/partners/review/",
    "/en/aid/oda/",
    "/en/aid/mapping/12220/",
    "/en/aid/mapping/code/?code=12220",
]


@pytest.mark.parametrize("lang", ["lo", "en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_anonymous_visitors_read_the_public_pages_in_both_languages(client, data, path, lang):
    response = client.get(path.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert "style=" not in html and "<style" not in html and "<script>" not in html


def test_the_pages_speak_the_language_of_their_address(client, data):
    # (The interface's Lao translations come with the catalogue; the records' own texts are checked here.)
    assert "Aid to the sectors" in client.get("/en/aid/").content.decode()
    assert '<html lang="lo">' in client.get("/lo/aid/").content.decode()
    assert 'href="/en/aid/"' in client.get("/lo/aid/").content.decode()  # the language switch
    # The activity's own title follows the page's language.
    activity = data["iati"]
    assert (
        "<h1>ໂຄງການ Better health care</h1>"
        in client.get(f"/lo/aid/activities/{activity.pk}/").content.decode()
    )
    assert "ສາທາລະນະສຸກ" in client.get("/lo/aid/groups/health/").content.decode()
    assert "<h1>Better health care</h1>" in client.get(f"/en/aid/activities/{activity.pk}/").content.decode()


def test_the_partner_and_activity_pages_are_public(client, data, world):
    activity = data["iati"]
    activity.organisation = world.who
    activity.save()
    assert client.get(f"/en/aid/partners/{world.who.pk}/").status_code == 200
    assert client.get(f"/en/aid/activities/{activity.pk}/").status_code == 200


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_the_public_never_sees_a_project_of_the_oda_database(client_for, data, persona, world):
    client = client_for(world.user(persona))
    oda = data["oda"]
    assert client.get(f"/en/aid/activities/{oda.pk}/").status_code == 404
    for path in ["/en/aid/activities/", "/en/aid/unmapped/", "/en/aid/?currency=lak"]:
        assert ODA_TITLE not in client.get(path).content.decode(), path
    fragment = client.get("/en/aid/activities/", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and ODA_TITLE not in fragment.content.decode()
    for path in ["/en/aid/export/activities.csv", "/en/aid/export/activities.json"]:
        assert ODA_TITLE not in b"".join(client.get(path).streaming_content).decode()
    identifiers = {row["identifier"] for row in client.get("/api/v1/aid/activities/").json()["results"]}
    assert identifiers == {"IATI-1"}


@pytest.mark.parametrize("persona", ["other_member", "member", "secretariat", "rtp"])
def test_members_of_the_groups_and_the_rtp_secretariat_see_the_oda_projects(client_for, data, persona, world):
    client = client_for(world.user(persona))
    assert client.get(f"/en/aid/activities/{data['oda'].pk}/").status_code == 200
    assert ODA_TITLE in client.get("/en/aid/activities/").content.decode()
    assert ODA_TITLE in b"".join(client.get("/en/aid/export/activities.csv").streaming_content).decode()
    # The API stays public data only, whoever asks.
    assert {r["identifier"] for r in client.get("/api/v1/aid/activities/").json()["results"]} == {"IATI-1"}


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_rtp_secretariat_reaches_the_officers_pages(client_for, data, persona, world):
    client = client_for(world.user(persona))
    for path in OFFICER_PAGES:
        response = client.get(path.format(run=data["run"].pk))
        if persona == "rtp":
            assert response.status_code in (200, 302), path
        elif persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
        else:
            assert response.status_code == 403, (path, persona)


@pytest.mark.parametrize("persona", ["secretariat", "member", "other_secretariat", "outsider"])
def test_the_officers_writes_are_refused_to_others(client_for, data, persona, world, tmp_path):
    client = client_for(world.user(persona))
    upload = tmp_path / "a.xml"
    upload.write_bytes(file_xml(activity_xml("X-9")))
    with open(upload, "rb") as handle:
        assert client.post("/en/aid/imports/", {"files": handle}).status_code == 403
    assert client.post("/en/aid/mapping/defaults/").status_code == 403
    assert client.post("/en/aid/mapping/12220/", {}).status_code == 403
    assert client.post("/en/aid/partners/review/", {"ref": "X", "organisation": "none"}).status_code == 403
    assert not Activity.objects.filter(identifier="X-9").exists()
    assert ImportRun.objects.filter(via=ImportVia.UPLOAD).count() == 0 and not OdaUpload.objects.exists()
    with pytest.raises(Refused):
        mapping_set(actor=world.user(persona), code="12220", rows=[(world.health, Decimal(10))])


def test_links_from_priorities_are_for_the_groups_secretariat_and_the_rtp_secretariat(
    client_for, data, world
):
    expected = {
        "secretariat": 200,
        "rtp": 200,
        "other_secretariat": 403,
        "member": 403,
        "chair": 403,
        "outsider": 403,
    }
    for persona, status in expected.items():
        assert client_for(world.user(persona)).get("/en/aid/groups/health/priorities/").status_code == status
        assert permissions.can_link_priorities(world.user(persona), world.health) == (status == 200)
    # A group's secretariat is secretariat of its sub-SWGs, not of another group.
    assert permissions.can_link_priorities(world.user("secretariat"), world.health_sub)
    assert not permissions.can_link_priorities(world.user("secretariat"), world.education)
    assert client_for(None).get("/en/aid/groups/health/priorities/").status_code == 302


def test_an_inactive_group_has_no_public_aid_page(client_for, data, world):
    world.education.is_active = False
    world.education.save()
    assert client_for(None).get("/en/aid/groups/education/").status_code == 404
    assert client_for(world.user("rtp")).get("/en/aid/groups/education/").status_code == 200
    assert client_for(None).get("/en/aid/groups/no-such-group/").status_code == 404


def test_the_group_page_fragment_for_htmx_is_the_table_alone(client, data):
    response = client.get("/en/aid/groups/health/?page=1", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="aid-activities">') and "<html" not in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_the_group_section_shows_on_the_group_page_for_everyone(client, data):
    html = client.get("/en/groups/health/").content.decode()
    assert 'id="aid"' in html and "/en/aid/groups/health/" in html
