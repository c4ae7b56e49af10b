"""The official annotated example of an IATI 2.03 activity imports with every element it carries.

The example is for Afghanistan and Antigua (25% each), not Lao PDR: the recipient country is a setting, set
to AF here, as a deployment for another country would."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from lxml import etree

from roundtable.aid.iati.activity import _READERS
from roundtable.aid.models import Activity, ActivityOrganisation, BudgetType, TransactionType

from .conftest import EXAMPLE, import_bytes


@pytest.fixture
def afghanistan(settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "AID_RECIPIENT_COUNTRY": "AF"}


@pytest.fixture
def example(db, afghanistan):
    result, source = import_bytes(EXAMPLE.read_bytes(), name=EXAMPLE.name)
    assert result.status == "imported", [p.message for p in result.problems]
    assert (result.activities, result.lao_activities, result.refused_activities) == (1, 1, 0)
    return Activity.objects.get(identifier="AA-AAA-123456789-ABC123")


def test_the_example_validates_and_is_kept_for_the_country_of_the_setting(example):
    assert example.source == "iati"
    # AF is 25% of the activity: its share for the country.
    assert example.lao_share == Decimal("0.25")


def test_identity_titles_and_descriptions_in_every_language(example):
    assert example.titles == {
        "en": "Activity title",
        "fr": "Titre de l'activité",
        "es": "Título de la actividad",
    }
    assert example.title_en == "Activity title" and example.title_lo == ""
    assert [d["type"] for d in example.descriptions] == ["1", "2", "3"]
    assert example.descriptions[1]["texts"]["en"].startswith("Objectives for the activity")
    assert example.descriptions[2]["texts"]["fr"].startswith("Déclaration de groupes")
    assert example.default_lang == "en" and example.default_currency == "USD"
    assert example.hierarchy == 1 and example.humanitarian is True
    assert example.last_updated == datetime(2014, 9, 10, 7, 15, 37, tzinfo=UTC)


def test_organisations_status_and_dates(example):
    assert (example.reporting_org_ref, example.reporting_org_type, example.reporting_org_name) == (
        "AA-AAA-123456789",
        "40",
        "Organisation name",
    )
    participants = list(example.participants.order_by("role"))
    assert [(p.role, p.ref, p.type, p.name, p.activity_ref) for p in participants] == [
        (1, "BB-BBB-123456789", "40", "Name of Agency B", "BB-BBB-123456789-1234"),
        (2, "CC-CCC-123456789", "10", "Name of Agency C", "CC-CCC-123456789-1234"),
        (3, "AA-AAA-123456789", "21", "Name of Agency A", "AA-AAA-123456789-1234"),
    ]
    assert example.status == 2
    assert (example.planned_start, example.actual_start, example.planned_end, example.actual_end) == (
        date(2012, 4, 15),
        date(2012, 4, 28),
        date(2015, 12, 31),
        None,
    )


def test_recipients_locations_and_sectors(example):
    assert example.recipient_countries == [
        {"code": "AF", "percentage": "25"},
        {"code": "AG", "percentage": "25"},
    ]
    assert example.recipient_regions == [
        {"code": "489", "vocabulary": "1", "percentage": "25"},
        {"code": "A1", "vocabulary": "99", "percentage": "25"},
    ]
    locations = list(example.locations.order_by("pk"))
    assert [
        (loc.ref, loc.name, loc.admin_vocabulary, loc.admin_level, loc.admin_code) for loc in locations
    ] == [
        ("AF-KAN", "Location name", "G1", "1", "1453782"),
        ("KH-PNH", "Location #2 name", "G1", "1", "1453782"),
    ]
    assert (locations[0].latitude, locations[0].longitude) == (Decimal("31.616944"), Decimal("65.716944"))
    sectors = list(example.sectors.order_by("vocabulary", "code"))
    assert [(s.vocabulary, s.code, s.percentage, s.name) for s in sectors] == [
        ("2", "111", Decimal("50"), ""),
        ("2", "112", Decimal("50"), ""),
        ("99", "A1", Decimal("100"), "A description of the sector"),
    ]


def test_budget_and_transaction_with_value_dates_and_currencies(example):
    (budget,) = example.budgets.all()
    assert (budget.type, budget.status, budget.period_start, budget.period_end) == (
        BudgetType.ORIGINAL,
        1,
        date(2014, 1, 1),
        date(2014, 12, 31),
    )
    assert (budget.value, budget.currency, budget.value_date) == (Decimal(3000), "EUR", date(2014, 1, 1))
    (txn,) = example.transactions.all()
    assert (txn.ref, txn.type, txn.date, txn.value, txn.currency, txn.value_date) == (
        "1234",
        TransactionType.INCOMING_FUNDS,
        date(2012, 1, 1),
        Decimal(1000),
        "EUR",
        date(2012, 1, 1),
    )
    assert txn.description == "Transaction description text"
    assert (txn.provider_ref, txn.provider_name, txn.receiver_ref, txn.receiver_name) == (
        "BB-BBB-123456789",
        "Agency B",
        "AA-AAA-123456789",
        "Agency A",
    )
    assert (txn.sector_vocabulary, txn.sector_code, txn.recipient_country) == ("2", "111", "TM")
    # No rates are loaded: the figures stay empty, never guessed.
    assert txn.value_usd is None and txn.value_lak is None


def test_every_other_element_is_kept_as_published(example):
    extras = example.extras
    assert extras["other-identifier"][0]["ref"] == "ABC123-XYZ"
    assert extras["contact-info"][0]["email"] == [{"text": "transparency@example.org"}]
    assert extras["activity-scope"] == [{"code": "3"}]
    assert extras["tag"][1] == {
        "vocabulary": "99",
        "vocabulary-uri": "http://example.com/vocab.html",
        "code": "T1",
        "narratives": {"en": "A description of the tag"},
    }
    assert extras["country-budget-items"][0]["budget-item"][0]["code"] == "1844"
    assert extras["humanitarian-scope"][0]["code"] == "EQ-2015-000048-NPL"
    assert [m["code"] for m in extras["policy-marker"]] == ["2", "9", "A1"]
    for tag, code in [
        ("collaboration-type", "1"),
        ("default-flow-type", "10"),
        ("default-finance-type", "110"),
        ("default-tied-status", "3"),
    ]:
        assert extras[tag] == [{"code": code}], tag
    assert [a["code"] for a in extras["default-aid-type"]] == ["A01", "1"]
    assert extras["planned-disbursement"][0]["value"][0] == {
        "currency": "EUR",
        "value-date": "2014-01-01",
        "text": "3000",
    }
    assert extras["capital-spend"] == [{"percentage": "88.8"}]
    assert extras["document-link"][0]["url"] == "http:www.example.org/docs/report_en.odt"
    assert extras["related-activity"] == [{"ref": "AA-AAA-123456789-6789", "type": "1"}]
    assert [d["name"] for d in extras["legacy-data"]] == ["Project Status", "cost"]
    assert extras["conditions"][0]["attached"] == "1"
    indicator = extras["result"][0]["indicator"][0]
    assert indicator["period"][0]["target"][0]["value"] == "10"
    assert extras["crs-add"][0]["channel-code"] == [{"text": "21039"}]
    assert extras["fss"][0]["forecast"][0]["text"] == "10000"
    # The parts of the transaction the record leaves out, and the secondary-reporter flag.
    assert extras["transaction"][0]["disbursement-channel"] == [{"code": "1"}]
    assert extras["transaction"][0]["humanitarian"] == "1"
    assert extras["reporting-org"] == [{"ref": "AA-AAA-123456789", "secondary-reporter": "0"}]
    assert extras["participating-org"] == [{"ref": "AA-AAA-123456789", "crs-channel-code": "000000"}]
    # Each location's reach, identifier, description, exactness, class and feature designation.
    assert set(extras["location"][0]) >= {"location-reach", "location-id", "exactness", "feature-designation"}


def test_no_element_of_the_example_is_left_out(example):
    """Each child element of the activity is a record of its own or kept in the activity's other elements."""
    tree = etree.parse(str(EXAMPLE))
    (activity,) = tree.getroot().iter("iati-activity")
    published = {child.tag for child in activity if isinstance(child.tag, str)}
    assert published <= set(_READERS) | set(example.extras)


def test_the_participants_are_matched_to_nothing_and_wait_on_the_review_list(example):
    from roundtable.aid.services.partners import unmatched

    assert not ActivityOrganisation.objects.exclude(organisation=None).exists()
    refs = {entry.ref for entry in unmatched()}
    assert {"AA-AAA-123456789", "BB-BBB-123456789", "CC-CCC-123456789"} <= refs


def test_the_example_is_left_out_for_lao_pdr(db):
    result, _source = import_bytes(EXAMPLE.read_bytes())
    assert (result.activities, result.lao_activities) == (1, 0)
    assert not Activity.objects.exists()
