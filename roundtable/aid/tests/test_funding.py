"""Sector splits: a transaction's shares (groups and the unmapped bucket) add up exactly to its share for
Lao PDR; the funding figures on the pages, the API and the exports equal the transactions."""

import csv
import io
from decimal import Decimal

import pytest
from django.db.models import Sum

from roundtable.aid import figures
from roundtable.aid.models import Activity, FundingShare, SectorMapping, Transaction
from roundtable.aid.services.funding import MappingTable, group_fractions, sector_split
from roundtable.aid.services.mapping import mapping_set

from .conftest import activity_xml, file_xml, import_bytes, sector_xml, transaction_xml

pytestmark = pytest.mark.django_db

D = Decimal


def test_a_split_mapping_and_two_sectors_give_shares_that_add_up_to_one():
    mapping = MappingTable([("12220", 1, D(100)), ("11220", 2, D(60)), ("11220", 1, D(40))])
    split = sector_split([("1", "12220", D(60)), ("1", "11220", D(40))])
    shares = dict(group_fractions(split, mapping, D(1)))
    assert shares == {1: D("0.76"), 2: D("0.24")}
    assert sum(shares.values()) == 1


def test_what_a_mapping_leaves_of_100_and_unknown_codes_are_unmapped():
    mapping = MappingTable([("12220", 1, D(70))])
    shares = dict(
        group_fractions(sector_split([("1", "12220", D(50)), ("1", "99810", D(50))]), mapping, D(1))
    )
    assert shares == {1: D("0.35"), None: D("0.65")}


def test_thirds_round_and_still_add_up_exactly():
    mapping = MappingTable([("12220", 1, D(100)), ("11220", 2, D(100)), ("21020", 3, D(100))])
    split = sector_split([("1", "12220", D("33.33")), ("1", "11220", D("33.33")), ("1", "21020", D("33.34"))])
    for lao in (D(1), D("0.7"), D("0.33333333")):
        shares = group_fractions(split, mapping, lao)
        assert sum(f for _g, f in shares) == lao


def test_a_5_digit_code_without_its_own_row_follows_its_category():
    mapping = MappingTable([("111", 2, D(100))])
    assert group_fractions(sector_split([("1", "11110", None)]), mapping, D(1)) == [(2, D(1))]


def test_3_digit_sectors_count_when_there_are_no_5_digit_ones_and_the_transaction_sector_wins():
    mapping = MappingTable([("112", 2, D(100)), ("12220", 1, D(100))])
    assert group_fractions(sector_split([("2", "112", D(100))]), mapping, D(1)) == [(2, D(1))]
    own = sector_split([("2", "112", D(100))], ("1", "12220"))
    assert group_fractions(own, mapping, D(1)) == [(1, D(1))]
    assert sector_split([("99", "A1", D(100))]) == [(None, D(1))]


def test_the_imported_shares_of_each_transaction_add_up_to_its_share_for_lao_pdr(mapping, rates):
    sectors = sector_xml("12220", 55) + sector_xml("11220", 45)
    shared = activity_xml(
        "S-1",
        sectors=sectors,
        recipients='<recipient-country code="LA" percentage="70"/>'
        '<recipient-country code="TH" percentage="30"/>',
    )
    import_bytes(file_xml(shared, activity_xml("S-2", sectors=sector_xml("43010", 100))))
    for txn in Transaction.objects.select_related("activity"):
        total = FundingShare.objects.filter(transaction=txn).aggregate(s=Sum("fraction"))["s"]
        assert total == txn.activity.lao_share
    s1 = Activity.objects.get(identifier="S-1")
    assert s1.lao_share == D("0.7")
    # 12220 → Health; 11220 → Education 60 / Health 40; 43010 is mapped to nothing.
    health, education = (
        FundingShare.objects.filter(activity=s1, group__code=code).values_list("fraction", flat=True).first()
        for code in ("health", "education")
    )
    assert health == D("0.7") * (D("0.55") + D("0.45") * D("0.4"))
    assert education == D("0.7") * D("0.45") * D("0.6")
    assert set(FundingShare.objects.filter(activity__identifier="S-2").values_list("group", flat=True)) == {
        None
    }


def test_changing_the_mapping_counts_the_activities_again(mapping, world, rates):
    import_bytes(file_xml(activity_xml("S-1", sectors=sector_xml("12220", 100))))
    assert set(FundingShare.objects.values_list("group__code", flat=True)) == {"health"}
    mapping_set(
        actor=world.user("rtp"), code="12220", rows=[(world.health, D(50)), (world.health_sub, D(25))]
    )
    shares = dict(FundingShare.objects.filter(transaction__type=2).values_list("group__code", "fraction"))
    assert shares == {"health": D("0.5"), "health-hpf": D("0.25"), None: D("0.25")}
    mapping_set(actor=world.user("rtp"), code="12220", rows=[])
    assert not SectorMapping.objects.filter(code="12220").exists()
    assert set(FundingShare.objects.values_list("group", flat=True)) == {None}


# --- the figures shown equal the transactions ------------------------------------------------------


@pytest.fixture
def imported(mapping, rates):
    """Three activities: Health only, Health and Education split, another sector (unmapped); a commitment
    and two disbursements each, one in EUR."""
    txns = (
        transaction_xml(2, "2023-01-10", 1000000)
        + transaction_xml(3, "2023-05-10", 250000)
        + transaction_xml(4, "2023-09-10", 100000)
    )
    activities = [
        activity_xml("F-1", transactions=txns),
        activity_xml(
            "F-2",
            currency="EUR",
            sectors=sector_xml("12220", 50) + sector_xml("11220", 50),
            transactions=txns,
        ),
        activity_xml("F-3", sectors=sector_xml("43010", 100), transactions=txns),
    ]
    import_bytes(file_xml(*activities))


def expected(types, currency="usd", activities=None) -> Decimal:
    """Σ value × counted fraction, computed here from the transactions and the shares, one by one."""
    total = Decimal(0)
    for share in FundingShare.objects.select_related("transaction", "group"):
        txn = share.transaction
        if txn.type in types and (activities is None or share.activity.identifier in activities):
            total += getattr(txn, f"value_{currency}") * share.fraction
    return total


def test_all_shares_together_give_back_the_transactions(imported):
    for currency in ("usd", "lak"):
        column = f"value_{currency}"
        transactions = sum(getattr(t, column) for t in Transaction.objects.filter(type__in=[2, 3, 4]))
        totals = figures.totals(figures.visible_shares(None), currency)
        assert abs(totals["committed"] + totals["disbursed"] - transactions) < D("0.02")


def test_the_group_page_shows_the_groups_figures(imported, client, world):
    shares = FundingShare.objects.filter(group__in=[world.health.pk, world.health_sub.pk])
    committed = sum(s.transaction.value_usd * s.fraction for s in shares.filter(transaction__type=2))
    disbursed = sum(s.transaction.value_usd * s.fraction for s in shares.filter(transaction__type__in=[3, 4]))
    # F-1 all (USD); F-2 (EUR at 0.92) half 12220 and half 11220, of which Health 40%: 0.7; F-3 nothing.
    assert committed.quantize(D("0.01")) == (D(1000000) + D("1086956.52") * D("0.7")).quantize(D("0.01"))
    response = client.get("/en/aid/groups/health/")
    assert response.status_code == 200
    page = response.content.decode()
    money = lambda value: f"{value.quantize(D(1)):,}"  # noqa: E731
    assert money(committed) in page and money(disbursed) in page
    totals = response.context["totals"]
    assert totals["committed"] == committed.quantize(D("0.01")) and totals["disbursed"] == disbursed.quantize(
        D("0.01")
    )


def test_the_overview_rows_and_the_unmapped_bucket_add_up_to_the_total(imported, client, world):
    response = client.get("/en/aid/?currency=lak")
    context = response.context
    rows = {row["group"].code: row for row in context["rows"]}
    health = sum(
        s.transaction.value_lak * s.fraction
        for s in FundingShare.objects.filter(group__code__in=["health", "health-hpf"], transaction__type=2)
    )
    assert rows["health"]["committed"] == health.quantize(D("0.01"))
    total = context["total"]
    counted = sum(r["committed"] for r in context["rows"]) + context["unmapped"]["committed"]
    assert abs(counted - total["committed"]) < D("0.03")
    assert abs(total["committed"] - expected([2], "lak")) < D("0.01")
    assert context["unmapped"]["committed"] == (expected([2], "lak", {"F-3"})).quantize(D("0.01"))


def test_the_year_filter_counts_the_transactions_of_that_year(imported, client):
    txns = transaction_xml(3, "2024-02-10", 5000, currency="USD")
    import_bytes(file_xml(activity_xml("F-4", transactions=txns)))
    response = client.get("/en/aid/groups/health/?year=2024")
    assert response.context["totals"]["disbursed"] == D(5000)
    assert response.context["totals"]["committed"] == 0


def test_the_api_funding_rows_add_up_to_the_group_page(imported, client):
    rows = client.get("/api/v1/aid/funding/", {"group": "health", "year": 2023}).json()["results"]
    page = client.get("/en/aid/groups/health/?year=2023").context["totals"]
    assert abs(D(str(sum(r["committed_usd"] for r in rows))) - page["committed"]) < D("0.02")
    assert abs(D(str(sum(r["disbursed_usd"] for r in rows))) - page["disbursed"]) < D("0.02")
    assert {r["group"] for r in rows} == {"health"}


def test_the_csv_export_of_funding_adds_up_to_the_total(imported, client):
    response = client.get("/en/aid/export/funding.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    committed = sum(D(row["committed_usd"]) for row in rows)
    assert abs(committed - figures.totals(figures.visible_shares(None), "usd")["committed"]) < D("0.05")
