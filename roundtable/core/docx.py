"""The Government's layout for every DOCX the platform files (minutes, work plans, sign-in sheets).

    document = government_document(meta=meta)          # A4 (landscape: meta.landscape), fonts, page N of M
    document_header(document, meta)                    # national heading, then the group, reference and dates
    add_table(document, headers, rows, widths_cm)      # a grid of fixed column widths, header row repeated
    ... the document's own content ...
    signature_block(document, role=meta.signature_role, name=meta.signature_name)
    return to_bytes(document)

`meta` is a core.documents.DocumentMeta. Call these inside `translation.override(lang)`: the heading and the
labels are the document's language. Fonts: Noto Sans Lao in the complex-script slot (w:cs), where Word and
LibreOffice take Lao from, Noto Sans (the same family's Latin) in the others. The footer carries "page N of M"
as fields (PAGE, NUMPAGES), which Word and LibreOffice both update when they open the file. python-docx's
default template is US Letter: every section is set to A4.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from .documents import page_numbers_parts

FONT = "Noto Sans Lao"
LATIN_FONT = "Noto Sans"
A4_CM = (21.0, 29.7)
MARGIN_CM = 2.0
STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid", "List Number")


def set_font(target, name: str = FONT, latin: str = LATIN_FONT) -> None:
    """Fonts of a style or a run: `name` in the complex-script slot (Lao), `latin` in the others."""
    from docx.oxml.ns import qn

    target.font.name = latin
    element = getattr(target, "element", None)
    if element is None:  # a run
        element = target._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:cs"), name)
    # Theme fonts would override the names above in Word: drop them.
    for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(slot), None)


def _field(run, instruction: str) -> None:
    """A Word field (e.g. PAGE) inside `run`: begin, instruction, separate, a placeholder, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def element(tag, **attrs):
        node = OxmlElement(tag)
        for key, value in attrs.items():
            node.set(qn(key), value)
        return node

    run._r.append(element("w:fldChar", **{"w:fldCharType": "begin"}))
    text = element("w:instrText", **{"xml:space": "preserve"})
    text.text = f" {instruction} "
    run._r.append(text)
    run._r.append(element("w:fldChar", **{"w:fldCharType": "separate"}))
    placeholder = element("w:t")
    placeholder.text = "1"
    run._r.append(placeholder)
    run._r.append(element("w:fldChar", **{"w:fldCharType": "end"}))


def usable_width_cm(landscape: bool = False) -> float:
    """The width between the margins."""
    return (A4_CM[1] if landscape else A4_CM[0]) - 2 * MARGIN_CM


def government_document(*, landscape: bool = False, size_pt: float = 10.5, meta=None):
    """A new Document: A4 (portrait or landscape), 2 cm margins, Noto Sans Lao / Noto Sans, page N of M.

    With `meta` (a DocumentMeta), its orientation and its reference (left of the footer).
    """
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    if meta is not None:
        landscape = meta.landscape
    document = Document()
    for style_name in STYLES:
        try:
            set_font(document.styles[style_name])
        except KeyError:
            continue
    document.styles["Normal"].font.size = Pt(size_pt)
    width, height = A4_CM
    before, middle, after = page_numbers_parts()
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            (Cm(height), Cm(width)) if landscape else (Cm(width), Cm(height))
        )
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(MARGIN_CM))
        footer = section.footer.paragraphs[0]
        # The reference on the left, the page number on the right (a right tab at the margin).
        footer.paragraph_format.tab_stops.add_tab_stop(Cm(usable_width_cm(landscape)), WD_TAB_ALIGNMENT.RIGHT)
        if meta is not None and meta.reference:
            footer.add_run(meta.reference)
        footer.add_run("\t" + before)
        _field(footer.add_run(), "PAGE")
        footer.add_run(middle)
        _field(footer.add_run(), "NUMPAGES")
        if after:
            footer.add_run(after)
        for run in footer.runs:
            run.font.size = Pt(8)
    return document


def national_heading(document) -> None:
    """The country and its motto, centred, as on every Government document."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for text, bold in (
        (_("Lao People's Democratic Republic"), True),
        (_("Peace Independence Democracy Unity Prosperity"), False),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = 0
        paragraph.add_run(text).bold = bold
    document.add_paragraph("—————").alignment = WD_ALIGN_PARAGRAPH.CENTER


def document_origin(
    document,
    *,
    group_name: str = "",
    secretariat_name: str = "",
    reference: str = "",
    dates: Iterable[tuple[str, date | None]] = (),
) -> None:
    """Who issues the document (left) and its reference and dates (right)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "\n".join(
        filter(None, [group_name, secretariat_name and f"{_('Secretariat')}: {secretariat_name}"])
    )
    if left.paragraphs[0].runs and group_name:
        left.paragraphs[0].runs[0].bold = True
    lines = [f"{_('Reference')}: {reference}"] if reference else []
    lines += [
        f"{label}: {formats.date_format(value, 'DATE_FORMAT') if value else '—'}" for label, value in dates
    ]
    right.text = "\n".join(lines)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def document_header(document, meta) -> None:
    """The national heading and the document's origin, from a DocumentMeta."""
    from .documents import as_date

    national_heading(document)
    document_origin(
        document,
        group_name=meta.group_name,
        secretariat_name=meta.secretariat_name,
        reference=meta.reference,
        dates=[(label, as_date(value)) for label, value in meta.dates],
    )


def add_table(
    document,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths_cm: Sequence[float],
    *,
    blank_rows: int = 0,
):
    """A "Table Grid" table of fixed column widths (Word and LibreOffice keep them), the header row bold and
    repeated on each page. Returns the table."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    header_props = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_props.append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value or ""
    for _blank in range(blank_rows):
        table.add_row()
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    return table


def signature_block(document, *, role: str = "", name: str = "") -> None:
    """The chair's signature: the role, a line to sign on, the name (right-aligned, kept together)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.add_paragraph()
    for text in (role or _("Chair"), "\n\n……………………………………", name):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.keep_with_next = True


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
