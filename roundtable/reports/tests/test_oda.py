"""ODA to the sector in the progress report (issue 13): the aid app's provider gives the report's facts the
year's commitments and disbursements by partner, and the last five years; the page, the exports and the
compiled report show them, and the figures are the transactions' (each transaction × its share for the group).
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from roundtable.aid.models import Activity, SectorMapping
from roundtable.aid.report_facts import REPORT_FACTS
from roundtable.aid.tests.conftest import activity_xml, file_xml, import_bytes, sector_xml, transaction_xml
from roundtable.reports.exports import compiled
from roundtable.reports.exports import report as report_exports
from roundtable.reports.facts import register_fact_provider
from roundtable.reports.models import ReportStatus

from .test_compiled import pdf_text

pytestmark = pytest.mark.django_db

# Health gets all of 12220 and 40 % of 11220 (Education the other 60 %).
WHO_COMMITTED, WHO_DISBURSED, WHO_2024 = 1_000_000, 250_000, 100_000
JAPAN_COMMITTED, JAPAN_DISBURSED = 400_000, 200_000
JAPAN_SHARE = 0.5 * 1.0 + 0.5 * 0.4  # half its money to 12220 (all Health), half to 11220 (40 % Health)


@pytest.fixture
def aid(world):
    """Two partners' activities in Health's sectors, in USD: WHO's in 2026 and 2024, Japan's in 2026 over two
    sectors, one of them split with Education. The reports' conftest leaves providers out; here the aid
    app's is the one."""
    SectorMapping.objects.create(code="12220", group=world.health, percentage=100)
    SectorMapping.objects.create(code="11220", group=world.education, percentage=60)
    SectorMapping.objects.create(code="11220", group=world.health, percentage=40)
    dates = {"start": "2024-01-01", "end": "2027-12-31"}
    import_bytes(
        file_xml(
            activity_xml(
                "XM-DAC-928-LA-1",
                reporting_ref="XM-DAC-928",
                reporting_name="World Health Organization",
                transactions=transaction_xml(2, "2026-01-15", WHO_COMMITTED)
                + transaction_xml(3, "2026-03-10", WHO_DISBURSED)
                + transaction_xml(3, "2024-05-10", WHO_2024),
                **dates,
            ),
            activity_xml(
                "JP-8-LA-1",
                reporting_ref="JP-8",
                reporting_name="Japan",
                sectors=sector_xml("12220", 50) + sector_xml("11220", 50),
                transactions=transaction_xml(2, "2026-02-01", JAPAN_COMMITTED)
                + transaction_xml(3, "2026-06-01", JAPAN_DISBURSED),
                **dates,
            ),
        )
    )
    Activity.objects.filter(identifier="XM-DAC-928-LA-1").update(organisation=world.who)
    Activity.objects.filter(identifier="JP-8-LA-1").update(organisation=world.japan)
    register_fact_provider("oda", REPORT_FACTS["oda"])


def expected_health_2026() -> dict:
    committed = WHO_COMMITTED + JAPAN_COMMITTED * JAPAN_SHARE
    disbursed = WHO_DISBURSED + JAPAN_DISBURSED * JAPAN_SHARE
    return {"committed": committed, "disbursed": disbursed}


def test_the_oda_facts_are_the_transactions_by_year_and_by_partner(world, reporting, aid, make_report):
    report = make_report(ReportStatus.SUBMITTED)
    oda = report.facts["oda"]  # frozen at submission, from the provider
    expected = expected_health_2026()
    assert oda["currency"] == "USD"
    assert (oda["committed"], oda["disbursed"]) == (expected["committed"], expected["disbursed"])
    partners = {p["name_en"]: (p["committed"], p["disbursed"]) for p in oda["partners"]}
    assert partners == {
        "World Health Organization": (WHO_COMMITTED, WHO_DISBURSED),
        world.japan.name_en: (JAPAN_COMMITTED * JAPAN_SHARE, JAPAN_DISBURSED * JAPAN_SHARE),
    }
    years = {row["year"]: (row["committed"], row["disbursed"]) for row in oda["years"]}
    assert list(years) == [2022, 2023, 2024, 2025, 2026]
    assert years[2024] == (0, WHO_2024) and years[2025] == (0, 0)
    assert years[2026] == (expected["committed"], expected["disbursed"])
    # Education's report counts its own 60 % of Japan's 11220 money, nothing of WHO's.
    education = REPORT_FACTS["oda"](world.education, 2026)
    assert education["committed"] == JAPAN_COMMITTED * 0.5 * 0.6
    assert [p["name_en"] for p in education["partners"]] == [world.japan.name_en]


def test_the_page_and_the_exports_show_the_oda(world, reporting, aid, make_report, client_for, english):
    report = make_report(ReportStatus.SUBMITTED)
    client = client_for(world.user("secretariat"))
    page = client.get(report.get_absolute_url()).content.decode()
    for figure in ("1,280,000", "390,000", "World Health Organization", "280,000", "100,000"):
        assert figure in page, figure
    assert "oda-missing" not in page
    pdf = client.get(reverse("reports:export", args=[reporting.cycle.code, "health", "pdf"]))
    text = pdf_text(pdf.content)
    for figure in ("1,280,000", "390,000", "World Health Organization", world.japan.name_en, "2024"):
        assert figure in text, figure
    docx = Document(io.BytesIO(report_exports.render(report, "docx", "en")))
    rows = [[cell.text for cell in row.cells] for table in docx.tables for row in table.rows]
    assert ["2026", "1,280,000", "390,000"] in rows
    assert ["World Health Organization", "1,000,000", "250,000"] in rows


def test_the_compiled_report_shows_each_groups_oda(world, reporting, aid, make_report):
    make_report(ReportStatus.ACCEPTED)
    loaded = compiled.load(reporting.cycle)
    with translation.override("en"):
        text = pdf_text(compiled.render(loaded, "pdf", "en"))
    assert "1,280,000" in text and "World Health Organization" in text
    docx = Document(io.BytesIO(compiled.render(loaded, "docx", "en")))
    rows = [[cell.text for cell in row.cells] for table in docx.tables for row in table.rows]
    assert ["2026", "1,280,000", "390,000"] in rows


def test_without_aid_data_the_report_keeps_the_place_and_says_so(world, reporting, make_report, client_for):
    register_fact_provider("oda", REPORT_FACTS["oda"])
    report = make_report(ReportStatus.SUBMITTED)
    assert report.facts["oda"] is None
    page = client_for(world.user("secretariat")).get(report.get_absolute_url()).content.decode()
    assert "oda-missing" in page
