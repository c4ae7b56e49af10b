"""The Government's layout for every DOCX the platform files (minutes, work plans, sign-in sheets, reports).

    document = government_document(lang, landscape=False)   # A4, margins, one Lao font in every slot
    national_heading(document)                               # the country and its motto, centred
    document_origin(document, group_name=..., reference=..., dates=[(label, date), ...])
    ... the document's own content ...
    signature_block(document, role=_("Chair"), name=...)

Call it inside `translation.override(lang)`: the heading and the labels are the document's language.
The footer carries "page N of M" as Word fields (PAGE, NUMPAGES), which Word and LibreOffice both
update when they open the file. python-docx's default template is US Letter: every section is set to A4.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

FONT = "Noto Sans Lao"
A4_CM = (21.0, 29.7)


def set_font(style, name: str = FONT) -> None:
    """One font in every slot: Word takes Lao from the complex-script slot (w:cs), not ascii/hAnsi."""
    from docx.oxml.ns import qn

    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), name)


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


def government_document(*, landscape: bool = False, size_pt: float = 10.5):
    """A new Document: A4 (portrait or landscape), 2 cm margins, Noto Sans Lao throughout, page N of M."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid", "List Number"):
        try:
            set_font(document.styles[style_name])
        except KeyError:
            continue
    document.styles["Normal"].font.size = Pt(size_pt)
    width, height = A4_CM
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            (Cm(height), Cm(width)) if landscape else (Cm(width), Cm(height))
        )
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run(_("page") + " ")
        _field(footer.add_run(), "PAGE")
        footer.add_run(" " + _("of") + " ")
        _field(footer.add_run(), "NUMPAGES")
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
    document.add_paragraph().alignment = WD_ALIGN_PARAGRAPH.CENTER  # the space under the motto


def document_origin(
    document,
    *,
    group_name: str = "",
    secretariat_name: str = "",
    reference: str = "",
    dates: Iterable[tuple[str, date | None]] = (),
) -> None:
    """Who issues the document (left) and its reference and dates (right)."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "\n".join(
        filter(None, [group_name, secretariat_name and f"{_('Secretariat')}: {secretariat_name}"])
    )
    lines = [f"{_('Reference')}: {reference}"] if reference else []
    lines += [
        f"{label}: {formats.date_format(value, 'DATE_FORMAT') if value else '—'}" for label, value in dates
    ]
    right.text = "\n".join(lines)
    document.add_paragraph()


def signature_block(document, *, role: str = "", name: str = "") -> None:
    """The chair's signature: the role, a line to sign on, the name (right-aligned, kept together)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for text in (role or _("Chair"), "\n\n……………………………………", name):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.keep_with_next = True
