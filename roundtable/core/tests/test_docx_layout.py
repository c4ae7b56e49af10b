"""The Government layout of a DOCX: A4, one Lao font, the national heading, page N of M; LibreOffice opens
it."""

import io
import shutil
import subprocess

import pytest
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn

from roundtable.core.docx import document_origin, government_document, national_heading, signature_block


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


@pytest.mark.parametrize("landscape", [False, True])
def test_every_section_is_a4_with_page_n_of_m_in_the_footer(landscape):
    document = Document(io.BytesIO(build("en", landscape)))
    for section in document.sections:
        width, height = sorted([section.page_width.cm, section.page_height.cm])
        assert (round(width, 1), round(height, 1)) == (21.0, 29.7)
        assert (section.page_width > section.page_height) == landscape
        footer = section.footer.paragraphs[0]._p.xml
        assert " PAGE " in footer and " NUMPAGES " in footer and "of" in footer


def test_the_heading_is_in_the_documents_language_and_one_font_fills_every_slot():
    document = Document(io.BytesIO(build("en")))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["Lao People's Democratic Republic", "Peace Independence Democracy Unity Prosperity"]
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "Noto Sans Lao"  # Word and LibreOffice take Lao from the complex-script slot
    assert {fonts.get(qn(slot)) for slot in ("w:ascii", "w:hAnsi", "w:eastAsia")} == {"Noto Sans"}


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) not installed"
)
def test_libreoffice_opens_the_document_and_converts_it_to_an_a4_pdf(tmp_path):
    import pdfplumber

    source = tmp_path / "doc.docx"
    source.write_bytes(build("lo"))
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with pdfplumber.open(tmp_path / "doc.pdf") as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)
        text = page.extract_text()
    assert "ກອງປະຊຸມ" in text.replace(" ", "") or "ກອງປະຊຸມ" in text
