"""core.documents: one reference shape, the facts of the Government layout, page N of M in the document's
language; core.spreadsheets: typed dates and amounts; the PDF page template in both languages."""

import io
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pdfplumber
from django.utils import translation
from openpyxl import Workbook, load_workbook

from roundtable.core.documents import (
    MINUTES,
    WORK_PLAN,
    DocumentMeta,
    document_reference,
    group_origin,
    page_numbers_css,
)
from roundtable.core.pdf import render_document
from roundtable.core.spreadsheets import AMOUNT_FORMAT, DATE_FORMAT, write_cell

VTE = ZoneInfo("Asia/Vientiane")


def test_the_reference_names_the_group_the_kind_the_year_and_the_document():
    assert document_reference("health", WORK_PLAN, 2026, 7) == "RTP/HEALTH/WP/2026/7"
    assert document_reference("health-hpf", MINUTES, 2025, 42) == "RTP/HEALTH-HPF/MIN/2025/42"


def test_the_secretariat_is_the_lead_ministrys_or_the_parent_groups():
    moh = SimpleNamespace(name_lo="ກະຊວງສາທາລະນະສຸກ", name_en="Ministry of Health")
    health = SimpleNamespace(name_lo="ສາທາລະນະສຸກ", name_en="Health", lead_ministry=moh, parent=None)
    sub = SimpleNamespace(name_lo="", name_en="Health financing", lead_ministry=None, parent=health)
    assert group_origin(health, "lo") == ("ສາທາລະນະສຸກ", "ກະຊວງສາທາລະນະສຸກ")
    assert group_origin(sub, "en") == ("Health financing", "Ministry of Health")
    assert group_origin(sub, "lo") == ("Health financing", "ກະຊວງສາທາລະນະສຸກ")  # no Lao name: the English


def test_page_n_of_m_is_in_the_documents_language():
    with translation.override("en"):
        assert page_numbers_css() == '"page " counter(page) " of " counter(pages) ""'
    with translation.override("lo"):
        assert page_numbers_css() == '"ໜ້າ " counter(page) " ຈາກ " counter(pages) ""'


def test_a_moment_is_dated_by_its_day_in_vientiane():
    meta = DocumentMeta(
        reference="R", dates=[("Published", datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("UTC")))]
    )
    assert meta.context()["doc_dates"] == [("Published", date(2026, 3, 2))]


def test_the_pdf_page_carries_the_heading_the_reference_the_dates_the_signature_and_page_n_of_m():
    meta = DocumentMeta(
        reference="RTP/HEALTH/WP/2026/7",
        group_name="ສາທາລະນະສຸກ",
        secretariat_name="ກະຊວງສາທາລະນະສຸກ",
        dates=[("ເຜີຍແຜ່ແລ້ວ", date(2026, 3, 2))],
        signature_name="ບຸນກອງ ສີຫາວົງ",
    )
    with translation.override("lo"):
        content = render_document("core/pdf/skeleton.html", {}, meta)
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        page = pdf.pages[0]
        text = page.extract_text().replace(" ", "")
        fonts = {c["fontname"].split("+")[-1] for c in page.chars}
    for wanted in ("ສາທາລະນະລັດປະຊາທິປະໄຕປະຊາຊົນລາວ", "ເລກທີ:RTP/HEALTH/WP/2026/7", "ກະຊວງສາທາລະນະສຸກ"):
        assert wanted in text
    assert "ໜ້າ1ຈາກ1" in text and "ປະທານ" in text and "ບຸນກອງສີຫາວົງ" in text
    assert fonts <= {"Noto-Sans-Lao", "Noto-Sans-Lao-Bold", "Noto-Sans", "Noto-Sans-Bold"}


def test_xlsx_dates_are_dates_and_amounts_are_numbers_text_stays_guarded():
    book = Workbook()
    sheet = book.active
    write_cell(sheet, 1, 1, date(2026, 1, 31))
    write_cell(sheet, 1, 2, Decimal("3500000.00"))
    write_cell(sheet, 1, 3, "USD")
    write_cell(sheet, 1, 4, datetime(2026, 1, 31, 9, 0, tzinfo=VTE))
    write_cell(sheet, 1, 5, "=HYPERLINK(1)")
    buffer = io.BytesIO()
    book.save(buffer)
    cells = load_workbook(io.BytesIO(buffer.getvalue())).active[1]
    assert (
        cells[0].is_date
        and cells[0].value.date() == date(2026, 1, 31)
        and cells[0].number_format == DATE_FORMAT
    )
    assert cells[1].data_type == "n" and cells[1].value == 3500000 and cells[1].number_format == AMOUNT_FORMAT
    assert cells[2].value == "USD"
    assert cells[3].is_date and cells[3].value == datetime(2026, 1, 31, 9, 0)  # Vientiane time, no zone
    assert cells[4].data_type == "s" and cells[4].value == "=HYPERLINK(1)"


def test_the_work_plans_xlsx_gives_its_timeframe_as_dates_and_its_budget_as_a_number_beside_its_currency(
    world,
):
    from roundtable.workplans import exports
    from roundtable.workplans.models import WorkPlan
    from roundtable.workplans.tests.conftest import add_priority

    plan = WorkPlan.objects.create(group=world.health, year=2026)
    add_priority(
        plan,
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
        budget=Decimal("3500000"),
        currency="USD",
    )
    sheet = load_workbook(io.BytesIO(exports.render(plan, "xlsx", "en"))).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows()]
    header = next(row for row in rows if row[0].value == "No.")
    columns = {cell.value: index for index, cell in enumerate(header)}
    priority = rows[rows.index(header) + 1]
    assert priority[columns["From"]].is_date and priority[columns["From"]].value.date() == date(2026, 1, 1)
    assert priority[columns["To"]].is_date and priority[columns["To"]].value.date() == date(2026, 12, 31)
    budget = priority[columns["Estimated budget"]]
    assert budget.data_type == "n" and budget.value == 3500000
    assert priority[columns["Currency"]].value == "USD"
