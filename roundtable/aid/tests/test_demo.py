"""The aid demo: generated files of 18 real partners imported through the importer, with the cases the
importer must handle; a second run changes nothing."""

import io

import pytest

from roundtable.aid import demo
from roundtable.aid.demo.partners import PARTNERS
from roundtable.aid.models import (
    Activity,
    ActivityVersion,
    BudgetType,
    ExchangeRate,
    FileStatus,
    ImportRun,
    OdaUpload,
    PriorityLink,
    SectorMapping,
    Source,
    SourceFile,
    effective_budgets,
)
from roundtable.aid.services.money import missing_rates
from roundtable.aid.services.partners import unmatched

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(world):
    out = io.StringIO()
    demo.load(out)
    return out.getvalue()


def test_every_partner_has_a_file_imported_through_the_importer(loaded):
    assert 15 <= len(PARTNERS) <= 20
    files = SourceFile.objects.filter(run__via="demo")
    assert files.count() == len(PARTNERS)
    assert set(files.values_list("status", flat=True)) == {FileStatus.IMPORTED}
    assert all(f.upload for f in files)
    assert Activity.objects.filter(source=Source.IATI).count() >= 50
    assert all("demo" in a.title_en for a in Activity.objects.filter(source=Source.IATI))
    assert {a.start.year for a in Activity.objects.filter(source=Source.IATI)} <= set(range(2021, 2027))
    assert "Aid demo:" in loaded


def test_the_cases_the_importer_must_handle_are_there(loaded):
    undp = Activity.objects.get(identifier="XM-DAC-41114-DEMO-001")
    budgets = effective_budgets(list(undp.budgets.all()))
    revised = [b for b, counts in budgets if b.type == BudgetType.REVISED]
    assert revised and all(counts for b, counts in budgets if b.type == BudgetType.REVISED)
    assert any(not counts and b.overlaps(revised[0]) for b, counts in budgets)
    afd = Activity.objects.get(identifier="FR-6-DEMO-001")
    assert set(afd.transactions.values_list("currency", flat=True)) == {"EUR", "USD"}
    assert (
        Activity.objects.filter(sectors__vocabulary="1")
        .distinct()
        .filter(pk__in=[a.pk for a in Activity.objects.all() if a.sectors.count() == 2])
        .exists()
    )
    assert str(Activity.objects.get(identifier="46004-DEMO-001").lao_share) == "0.70000000"
    assert not Activity.objects.filter(identifier="XM-DAC-41114-DEMO-TH-001").exists()
    uk = SourceFile.objects.get(name="demo/uk-activities.xml")
    assert uk.refused_activities == 1 and uk.errors[0]["code"] == "percentages"


def test_partners_are_matched_by_identifier_or_name_and_the_others_wait_for_review(loaded, world):
    assert Activity.objects.filter(reporting_org_ref="XM-DAC-928", organisation=world.who).exists()
    waiting = {entry.ref for entry in unmatched()}
    assert {"XI-IATI-EC_INTPA", "XM-DAC-5-7", "GB-GOV-1"} <= waiting


def test_rates_mapping_oda_export_and_links(loaded, world):
    assert ExchangeRate.objects.filter(currency="LAK").count() == 72
    assert ("GBP", "2026-10") in {(m["currency"], m["month"]) for m in missing_rates()}
    assert SectorMapping.objects.filter(group=world.health).exists()
    assert OdaUpload.objects.get().imported_at
    assert Activity.objects.filter(source=Source.ODA).count() == 5


def test_a_second_run_changes_nothing(loaded):
    before = [
        m.objects.count()
        for m in (Activity, ActivityVersion, SourceFile, ImportRun, ExchangeRate, PriorityLink, OdaUpload)
    ]
    demo.load(io.StringIO())
    after = [
        m.objects.count()
        for m in (Activity, ActivityVersion, SourceFile, ImportRun, ExchangeRate, PriorityLink, OdaUpload)
    ]
    assert after == before


def test_the_demo_files_are_the_same_on_every_run():
    partner = PARTNERS[0]
    assert demo.partner_file(partner) == demo.partner_file(partner)
