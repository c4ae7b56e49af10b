"""Money: each value in its currency, converted to USD and LAK at its value date's monthly rate, the rates
stored with it; a missing rate is reported, never guessed, and loading it later converts the values."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from roundtable.aid import figures
from roundtable.aid.models import ExchangeRate, Transaction
from roundtable.aid.services import money
from roundtable.core.services import Refused

from .conftest import activity_xml, file_xml, import_bytes, transaction_xml

pytestmark = pytest.mark.django_db


def import_transactions(*transactions: str, currency: str = "EUR"):
    result, source = import_bytes(
        file_xml(activity_xml("M-1", currency=currency, transactions="".join(transactions)))
    )
    return result, source, list(Transaction.objects.order_by("date"))


def test_a_value_converts_at_its_months_rates_and_keeps_them(rates):
    _result, source, (txn,) = import_transactions(transaction_xml(3, "2023-03-15", 1000))
    assert (txn.value, txn.currency) == (Decimal(1000), "EUR")
    assert txn.usd_rate == Decimal("0.92") and txn.lak_rate == Decimal(19000)
    assert txn.value_usd == Decimal("1086.96")  # 1000 / 0.92
    assert txn.value_lak == Decimal("20652173.91")  # 1000 / 0.92 × 19,000
    assert source.missing_rates == []


def test_us_dollars_and_kip_need_only_the_kip_rate(rates):
    _r, _s, (usd, lak) = import_transactions(
        transaction_xml(3, "2023-03-15", 500, currency="USD"),
        transaction_xml(3, "2023-04-15", 1900000, currency="LAK"),
    )
    assert (usd.value_usd, usd.value_lak, usd.usd_rate) == (Decimal(500), Decimal(9500000), Decimal(1))
    assert (lak.value_usd, lak.value_lak) == (Decimal(100), Decimal(1900000))


def test_a_missing_rate_leaves_the_figure_empty_and_is_reported(rates):
    result, source, (june, next_year) = import_transactions(
        transaction_xml(3, "2023-06-15", 1000),  # June has a euro rate but no kip rate
        transaction_xml(3, "2024-02-01", 1000),  # 2024 has no rate at all
    )
    assert june.value_usd == Decimal("1086.96") and june.value_lak is None and not june.has_rate
    assert next_year.value_usd is None and next_year.value_lak is None and next_year.usd_rate is None
    assert source.missing_rates == [
        {"currency": "LAK", "month": "2023-06", "count": 1},
        {"currency": "EUR", "month": "2024-02", "count": 1},
        {"currency": "LAK", "month": "2024-02", "count": 1},
    ]
    assert result.activities == 1 and result.refused_activities == 0
    assert {(m["currency"], m["month"]) for m in money.missing_rates()} == {
        ("LAK", "2023-06"),
        ("EUR", "2024-02"),
        ("LAK", "2024-02"),
    }


def test_the_figures_leave_out_what_has_no_rate_and_say_how_much(rates, mapping, world):
    import_transactions(transaction_xml(3, "2023-03-15", 920), transaction_xml(3, "2024-02-01", 1000))
    shares = figures.visible_shares(None)
    assert figures.totals(shares, "usd")["disbursed"] == Decimal("1000.00")
    assert figures.without_rate(shares, "usd") == 1


def test_loading_the_missing_rates_converts_the_values_and_the_figures_follow(rates, mapping, world):
    import_transactions(transaction_xml(3, "2024-02-01", 900))
    data = b"currency,month,per_usd,source\nEUR,2024-02,0.9,ECB\nLAK,2024-02,20000,BOL\n"
    outcome = money.rates_import(actor=world.user("rtp"), data=data)
    assert outcome == {"created": 2, "updated": 0, "unchanged": 0, "reconverted": 1}
    txn = Transaction.objects.get()
    assert (txn.value_usd, txn.value_lak, txn.usd_rate, txn.lak_rate) == (
        Decimal("1000.00"),
        Decimal("20000000.00"),
        Decimal("0.9"),
        Decimal(20000),
    )
    assert figures.totals(figures.visible_shares(None), "lak")["disbursed"] == Decimal("20000000.00")
    # A corrected rate converts the month again; the same file again changes nothing.
    again = money.rates_import(actor=world.user("rtp"), data=data.replace(b"0.9,ECB", b"0.8,ECB"))
    assert (again["updated"], again["unchanged"], again["reconverted"]) == (1, 1, 1)
    assert Transaction.objects.get().value_usd == Decimal("1125.00")
    assert ExchangeRate.history.filter(currency="EUR").count() == 2


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("EURO,2024-01,0.9", "not a currency"),
        ("EUR,January 2024,0.9", "YYYY-MM"),
        ("EUR,2024-01,-1", "positive"),
        ("EUR,2024-01,abc", "positive"),
    ],
)
def test_a_rates_file_with_a_bad_row_loads_nothing(world, english, line, fragment):
    data = f"currency,month,per_usd\nLAK,2024-01,20000\n{line}\n".encode()
    with pytest.raises(ValidationError) as error:
        money.rates_import(actor=world.user("rtp"), data=data)
    assert "Line 3" in error.value.messages[0] and fragment in error.value.messages[0]
    assert not ExchangeRate.objects.exists()


def test_a_rate_given_twice_is_an_error(world, english):
    data = b"currency,month,per_usd\nLAK,2024-01,20000\nLAK,2024-01,20001\n"
    with pytest.raises(ValidationError, match="already on line 2"):
        money.rates_import(actor=world.user("rtp"), data=data)


def test_only_the_rtp_secretariat_loads_rates(world):
    for persona in ("secretariat", "member", "outsider"):
        with pytest.raises(Refused):
            money.rates_import(actor=world.user(persona), data=b"currency,month,per_usd\nLAK,2024-01,20000\n")
    assert not ExchangeRate.objects.exists()


def test_the_table_converts_without_the_database():
    table = money.RateTable(
        {("EUR", date(2023, 1, 1)): Decimal("0.5"), ("LAK", date(2023, 1, 1)): Decimal(20000)}
    )
    converted = table.convert(Decimal(10), "EUR", date(2023, 1, 31))
    assert (converted.value_usd, converted.value_lak, converted.missing) == (Decimal(20), Decimal(400000), ())
    assert table.convert(Decimal(10), "EUR", date(2023, 2, 1)).missing == (
        ("EUR", date(2023, 2, 1)),
        ("LAK", date(2023, 2, 1)),
    )
