"""The Government layout of every kind of DOCX (work plan, minutes, sign-in sheet): A4, Noto Sans Lao for Lao,
the national heading in the document's language, the reference, the chair's signature, page N of M; and
LibreOffice opens each of them and lays it out on A4 with its text (where LibreOffice is installed)."""

import io
import shutil
import subprocess

import pdfplumber
import pytest
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn

from roundtable.core.docx import document_origin, government_document, national_heading, signature_block
from roundtable.meetings import sheets
from roundtable.minutes import exports as minutes_exports
from roundtable.minutes.document import build_document, minutes_queryset
from roundtable.minutes.tests.conftest import LAO_ACTION, make_minutes
from roundtable.workplans import exports as workplan_exports
from roundtable.workplans.models import WorkPlan
from roundtable.workplans.tests.conftest import PRIORITY_LO, add_priority

HEADING = {
    "lo": "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ",
    "en": "Lao People's Democratic Republic",
}


def build(lang: str, landscape: bool = False) -> bytes:
    with translation.override(lang):
        document = government_document(landscape=landscape)
        national_heading(document)
        document_origin(document, group_name="Health", reference="RTP/HEALTH/2026/1")
        document.add_paragraph("ກອງປະຊຸມ")
        signature_block(document, name="Bounkong Sihavong")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def kinds(world):
    """kinds(lang) → {kind: (docx bytes, landscape?, texts it must hold, its reference)} in `lang`.

    The first text is a paragraph's (the title), the others a table cell's: LibreOffice's PDF of a table
    interleaves the lines of neighbouring cells, so only the first is looked for there."""
    plan = WorkPlan.objects.create(group=world.health, year=2026)
    add_priority(plan, budget=1200, currency="USD", funding_source_lo="ງົບປະມານແຫ່ງລັດ")
    minutes = minutes_queryset().get(pk=make_minutes(world).pk)
    meeting = minutes.meeting

    def make(lang: str) -> dict:
        version = minutes.versions.get(language=lang)
        with translation.override(lang):
            return {
                "work plan": (
                    workplan_exports.render(plan, "docx", lang),
                    True,
                    ["ແຜນວຽກປະຈຳປີ 2026", PRIORITY_LO]
                    if lang == "lo"
                    else ["Annual work plan 2026", "Better primary health care"],
                    f"RTP/HEALTH/WP/2026/{plan.pk}",
                ),
                "minutes": (
                    minutes_exports.minutes_docx(build_document(minutes, lang, with_names=True), version),
                    False,
                    [meeting.title_lo, LAO_ACTION]
                    if lang == "lo"
                    else [meeting.title_en, "MOH sends the budget report"],
                    f"RTP/HEALTH/MIN/2025/{meeting.pk}",
                ),
                "sign-in sheet": (
                    sheets.sheet_docx(meeting, world.user("secretariat")),
                    True,
                    [meeting.title_lo if lang == "lo" else meeting.title_en, "Bounkong Sihavong"],
                    f"RTP/HEALTH/SIS/2025/{meeting.pk}",
                ),
            }

    return make


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in document.sections for p in section.footer.paragraphs]
    return "\n".join(parts)


@pytest.mark.parametrize("landscape", [False, True])
def test_every_section_is_a4_with_page_n_of_m_in_the_footer(landscape):
    document = Document(io.BytesIO(build("en", landscape)))
    for section in document.sections:
        width, height = sorted([section.page_width.cm, section.page_height.cm])
        assert (round(width, 1), round(height, 1)) == (21.0, 29.7)
        assert (section.page_width > section.page_height) == landscape
        footer = section.footer.paragraphs[0]._p.xml
        assert " PAGE " in footer and " NUMPAGES " in footer and "of" in footer


def test_the_heading_is_in_the_documents_language_and_lao_has_its_font_in_every_style():
    document = Document(io.BytesIO(build("en")))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["Lao People's Democratic Republic", "Peace Independence Democracy Unity Prosperity"]
    for style in ("Normal", "Title", "Heading 1", "Table Grid"):
        fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == "Noto Sans Lao"  # Word and LibreOffice take Lao from this slot
        assert {fonts.get(qn(slot)) for slot in ("w:ascii", "w:hAnsi", "w:eastAsia")} == {"Noto Sans"}


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_every_kind_of_docx_is_a4_in_the_governments_layout(kinds, lang):
    for kind, (content, landscape, texts, reference) in kinds(lang).items():
        document = Document(io.BytesIO(content))
        for section in document.sections:
            width, height = sorted([section.page_width.cm, section.page_height.cm])
            assert (round(width, 1), round(height, 1)) == (21.0, 29.7), kind
            assert (section.page_width > section.page_height) == landscape, kind
            assert " NUMPAGES " in section.footer.paragraphs[0]._p.xml, kind
        body = all_text(document)
        assert document.paragraphs[0].text == HEADING[lang], kind
        assert all(text in body for text in texts), kind
        assert reference in body, kind  # in the document's origin and its footer
        chair = "ປະທານ" if lang == "lo" else "Chair"
        assert chair in body, kind  # the signature block


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) not installed"
)
def test_libreoffice_opens_every_kind_of_docx_and_lays_it_out_on_a4_with_its_text(kinds, tmp_path):
    sources = []
    expected = {}
    for kind, (content, landscape, texts, reference) in kinds("lo").items():
        source = tmp_path / f"{kind.replace(' ', '-')}.docx"
        source.write_bytes(content)
        sources.append(str(source))
        expected[source.with_suffix(".pdf")] = (kind, landscape, [HEADING["lo"], texts[0], reference])
    # One LibreOffice for the three files: it starts slowly.
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *sources],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    for pdf_path, (kind, landscape, texts) in expected.items():
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                size = (round(page.width), round(page.height))
                assert size == ((842, 595) if landscape else (595, 842)), kind
                assert all(c["x0"] >= 0 and c["x1"] <= page.width + 1 for c in page.chars), kind
            text = "".join(page.extract_text() or "" for page in pdf.pages)
        squeezed = text.replace(" ", "").replace("\n", "")
        for wanted in texts:
            assert wanted.replace(" ", "") in squeezed, (kind, wanted)
