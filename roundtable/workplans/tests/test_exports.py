"""Exports in the template's layout, in the chosen language; public once published, private before."""

import contextlib
import io
import re
import zlib

import pytest
from docx import Document
from openpyxl import load_workbook

from roundtable.workplans.models import PlanStakeholder, WorkPlanStatus

from .conftest import PRIORITY_LO

S = WorkPlanStatus


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _pdf_objects(content: bytes) -> bytes:
    """The PDF with its compressed streams inflated (font names sit in compressed object streams)."""
    parts = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", content, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    return b"".join(parts)


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c
    )


@pytest.fixture
def published(make_plan, world):
    plan = make_plan(
        status=S.PUBLISHED,
        sector_strategy_lo="ຍຸດທະສາດຂະແໜງສາທາລະນະສຸກ",
        sector_strategy_en="Health sector strategy",
    )
    plan.planned_meetings.create(
        group=world.health, date="2026-03-10", title_lo="ກອງປະຊຸມໄຕມາດ 1", title_en="Q1 meeting"
    )
    PlanStakeholder.objects.create(
        workplan=plan,
        organisation=world.who,
        person=world.people["stakeholder"],
        role_code="development_partner",
    )
    return plan


def test_the_docx_holds_the_priorities_in_lao(published, client_for):
    response = client_for(None).get("/lo/workplans/health/2026/export.docx")
    assert response.status_code == 200
    assert 'filename="workplan-health-2026-lo.docx"' in response["Content-Disposition"]
    text = _docx_text(response.content)
    assert PRIORITY_LO in text
    assert "ແຜນວຽກປະຈຳປີ 2026" in text  # the title, translated
    assert "ຍຸດທະສາດຂະແໜງສາທາລະນະສຸກ" in text and "NSEDP-10 2.1" in text and "ກອງປະຊຸມໄຕມາດ 1" in text
    assert "ອົງການອະນາໄມໂລກ" in text
    assert "Dara" not in text and "dara.private@example.la" not in text  # no person in a public export


def test_the_xlsx_holds_the_priorities_in_lao_and_in_english(published, client_for):
    lao = _xlsx_text(client_for(None).get("/lo/workplans/health/2026/export.xlsx").content)
    assert PRIORITY_LO in lao and "ການປົກປ້ອງສຸຂະພາບຖ້ວນໜ້າ" in lao
    english = _xlsx_text(client_for(None).get("/en/workplans/health/2026/export.xlsx").content)
    assert "Better primary health care" in english and "Annual work plan 2026" in english
    assert "Health sector strategy" in english
    # The stakeholder's role is a code, written in the export's language.
    assert "Development partner" in english and "ຄູ່ຮ່ວມພັດທະນາ" not in english
    assert "ຄູ່ຮ່ວມພັດທະນາ" in lao


def test_the_pdf_is_a_pdf_with_the_lao_font(published, client_for):
    response = client_for(None).get("/lo/workplans/health/2026/export.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"Noto-Sans-Lao" in _pdf_objects(response.content)  # the Lao font is embedded


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("member", True), ("chair", True), ("rtp", True), ("other_member", False), ("anonymous", False)],
)
def test_a_drafts_export_is_for_those_who_may_see_the_draft(make_plan, world, client_for, role, allowed):
    make_plan()
    response = client_for(world.user(role)).get("/lo/workplans/health/2026/export.docx")
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert response["Cache-Control"] == "private, no-store"


def test_an_unknown_format_is_not_found(published, client_for):
    assert client_for(None).get("/lo/workplans/health/2026/export.odt").status_code == 404
