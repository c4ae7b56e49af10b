"""Fixtures of the aid tests: IATI files written on the spot, imported through the importer, rates."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from roundtable.aid.models import ExchangeRate, ImportRun, ImportVia, SectorMapping, SourceFile
from roundtable.aid.services.importing import FileResult, iati_import_file

EXAMPLE = Path("/work/shared/data/iati/examples/activity-standard-example-annotated.xml")

# One activity's elements in the schema's order; each test changes what it is about.
ACTIVITY = """<iati-activity default-currency="{currency}" last-updated-datetime="{updated}" xml:lang="en">
  <iati-identifier>{identifier}</iati-identifier>
  <reporting-org ref="{reporting_ref}" type="10">
    <narrative>{reporting_name}</narrative></reporting-org>{extra_reporting}
  <title><narrative>{title}</narrative><narrative xml:lang="lo">ໂຄງການ {title}</narrative></title>
  <description type="1"><narrative>What the activity does.</narrative></description>
  <participating-org ref="{reporting_ref}" role="1" type="10">
    <narrative>{reporting_name}</narrative></participating-org>
  <participating-org role="4" type="10"><narrative>Ministry of Health</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="{start}" type="1"/>
  <activity-date iso-date="{end}" type="3"/>
  {recipients}
  {locations}
  {sectors}
  {budgets}
  {transactions}
</iati-activity>"""


def transaction_xml(kind: int, day: str, value, currency: str = "", extra: str = "") -> str:
    currency_attr = f' currency="{currency}"' if currency else ""
    return (
        f'<transaction><transaction-type code="{kind}"/><transaction-date iso-date="{day}"/>'
        f'<value{currency_attr} value-date="{day}">{value}</value>{extra}</transaction>'
    )


def sector_xml(code: str, percentage=None, vocabulary: str = "1") -> str:
    pct = f' percentage="{percentage}"' if percentage is not None else ""
    return f'<sector vocabulary="{vocabulary}" code="{code}"{pct}/>'


def activity_xml(
    identifier: str = "XM-DAC-41114-LA-1",
    *,
    title: str = "Better health care",
    reporting_ref: str = "XM-DAC-41114",
    reporting_name: str = "United Nations Development Programme",
    extra_reporting: str = "",
    currency: str = "USD",
    updated: str = "2024-06-01T00:00:00Z",
    start: str = "2023-01-01",
    end: str = "2025-12-31",
    recipients: str = '<recipient-country code="LA" percentage="100"/>',
    locations: str = "",
    sectors: str | None = None,
    budgets: str = "",
    transactions: str | None = None,
) -> str:
    if sectors is None:
        sectors = sector_xml("12220", 100)
    if transactions is None:
        transactions = transaction_xml(2, "2023-01-15", 1000000) + transaction_xml(3, "2023-03-10", 250000)
    return ACTIVITY.format(**locals())


def file_xml(*activities: str, version: str = "2.03") -> bytes:
    body = "\n".join(activities)
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="{version}">\n'
    return (head + body + "\n</iati-activities>\n").encode()


def import_bytes(data: bytes, name: str = "test.xml") -> tuple[FileResult, SourceFile]:
    run = ImportRun.objects.create(via=ImportVia.COMMAND)
    source = SourceFile.objects.create(run=run, name=name)
    result = iati_import_file(handle=io.BytesIO(data), source_file=source)
    source.refresh_from_db()
    return result, source


@pytest.fixture
def rates(db):
    """Monthly rates for 2023: EUR 0.92 a dollar, LAK 19,000 a dollar (June has no kip rate)."""
    rows = []
    for month in range(1, 13):
        first = date(2023, month, 1)
        rows.append(ExchangeRate(currency="EUR", month=first, per_usd=Decimal("0.92")))
        if month != 6:
            rows.append(ExchangeRate(currency="LAK", month=first, per_usd=Decimal("19000")))
    ExchangeRate.objects.bulk_create(rows)
    return rows


@pytest.fixture
def mapping(world):
    """12220 (basic health care) for Health; 11220 (primary education) split Education 60 / Health 40; the
    category 111 for Education."""
    SectorMapping.objects.create(code="12220", group=world.health, percentage=100)
    SectorMapping.objects.create(code="11220", group=world.education, percentage=60)
    SectorMapping.objects.create(code="11220", group=world.health, percentage=40)
    SectorMapping.objects.create(code="111", group=world.education, percentage=100)
    return SectorMapping.objects.all()
