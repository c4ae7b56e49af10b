"""What the aid app adds to others: the sitemap, the RTP Secretariat's overview, the progress report's ODA
facts, the mapping page's editing."""

from decimal import Decimal

import pytest

from roundtable.aid.models import Activity, SectorMapping, Source
from roundtable.aid.report_facts import REPORT_FACTS

from .conftest import activity_xml, file_xml, import_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(mapping, rates, world):
    import_bytes(file_xml(activity_xml("H-1")))
    activity = Activity.objects.get()
    activity.organisation = world.who
    activity.save()
    Activity.objects.create(
        source=Source.ODA, identifier="ODA-1", organisation=world.japan, imported_at=activity.imported_at
    )
    return activity


def test_the_sitemap_lists_the_public_aid_pages_in_both_languages(data, world):
    from types import SimpleNamespace

    from roundtable.core.sitemaps import SITEMAPS

    site = SimpleNamespace(domain="testserver", name="testserver")
    locs = [
        url["location"].removeprefix("http://testserver")
        for name in ("aid-pages", "aid-groups", "aid-partners", "aid-activities")
        for url in SITEMAPS[name]().get_urls(site=site, protocol="http")
    ]
    for lang in ("lo", "en"):
        assert f"/{lang}/aid/" in locs
        assert f"/{lang}/aid/groups/health/" in locs
        assert f"/{lang}/aid/partners/{world.who.pk}/" in locs
        assert f"/{lang}/aid/activities/{data.pk}/" in locs
    # No project of the ODA database, and no partner known only through one.
    assert not any(f"/partners/{world.japan.pk}/" in loc for loc in locs)
    oda = Activity.objects.get(identifier="ODA-1")
    assert not any(f"/activities/{oda.pk}/" in loc for loc in locs)


def test_the_rtp_overview_has_the_aid_block_and_nobody_else_sees_it(client_for, data, world):
    from roundtable.aid.sections import aid_secretariat

    class Request:
        user = world.user("rtp")

    section = aid_secretariat(Request())
    assert section["context"]["activities"] == 2 and section["context"]["unmatched"] >= 0
    Request.user = world.user("secretariat")
    assert aid_secretariat(Request()) is None


def test_the_progress_report_gets_the_years_oda_to_the_sector(data, world):
    facts = REPORT_FACTS["oda"](world.health, 2023)
    assert facts["currency"] == "USD" and facts["committed"] == 1000000.0 and facts["disbursed"] == 250000.0
    assert facts["partners"] == [
        {
            "name_lo": "ອົງການອະນາໄມໂລກ",
            "name_en": "World Health Organization",
            "committed": 1000000.0,
            "disbursed": 250000.0,
        }
    ]
    assert facts["source_en"] and facts["source_lo"]
    assert REPORT_FACTS["oda"](world.health, 2020) is None
    assert REPORT_FACTS["oda"](world.education, 2023) is None


def test_the_rtp_secretariat_edits_a_codes_mapping_on_its_page(client_for, data, world, english):
    client = client_for(world.user("rtp"))
    form = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "3",
        "form-MAX_NUM_FORMS": "10",
        "form-0-group": world.health.pk,
        "form-0-percentage": "70",
        "form-1-group": world.education.pk,
        "form-1-percentage": "20",
    }
    response = client.post("/en/aid/mapping/12220/", form)
    assert response.status_code == 302
    assert dict(SectorMapping.objects.filter(code="12220").values_list("group__code", "percentage")) == {
        "health": Decimal(70),
        "education": Decimal(20),
    }
    page = client.get("/en/aid/mapping/").content.decode()
    assert "10%" in page  # what is left unmapped
    too_much = {**form, "form-1-percentage": "40"}
    response = client.post("/en/aid/mapping/12220/", too_much)
    assert response.status_code == 200 and "at most 100" in response.content.decode()
    assert client.get("/en/aid/mapping/99999/").status_code == 404


def test_the_group_pages_section_gives_the_years_partners_and_unmapped_part(client, mapping, rates, world):
    from .conftest import sector_xml

    import_bytes(file_xml(activity_xml("H-1", sectors=sector_xml("12220", 50) + sector_xml("43010", 50))))
    html = client.get("/en/groups/health/").content.decode()
    assert 'id="aid"' in html and "United Nations Development Programme" in html
    assert "are in sectors not mapped to any group" in html and "500,000" in html
    assert 'id="aid"' not in client.get("/en/groups/education/").content.decode()
