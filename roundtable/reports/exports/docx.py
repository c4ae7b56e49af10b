"""The DOCX of a progress report and of the compiled report, in the Government's layout: A4, the national
heading, the group and its secretariat, the reference and dates, the signature block, "page N of M".

python-docx writes the text; Lao takes its font from the complex-script slot (w:cs), so every run and style
names Noto Sans Lao there. Charts go in as Word's SVG picture with a PNG fallback (charts.Chart).
"""

from __future__ import annotations

import io

from django.utils import translation
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..document import ReportDocument, fact_summary, page_numbers_parts

FONT = "Noto Sans Lao"
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def _fonts(element) -> None:
    rpr = element.get_or_add_rPr() if hasattr(element, "get_or_add_rPr") else element.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    # A theme font (w:asciiTheme, w:cstheme…) wins over a named one: drop them, Lao needs Noto Sans Lao.
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def new_document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for margin in ("left_margin", "right_margin"):
        setattr(section, margin, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        style.font.name = FONT
        _fonts(style.element)
        if name.startswith("Heading") or name == "Title":
            style.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    document.styles["Normal"].font.size = Pt(10.5)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if run_defaults is not None and run_defaults.find(qn("w:rPr")) is not None:
        _fonts(run_defaults)
    page_footer(section)
    return document


def run(paragraph, text: str, *, bold: bool = False, size: float | None = None, italic: bool = False):
    """A run of text; its font comes from the styles (set once in new_document: setting it on each of the
    thousands of runs of a compiled report doubled its time)."""
    r = paragraph.add_run(text)
    if bold:
        r.bold = True
    if italic:
        r.italic = True
    if size:
        r.font.size = Pt(size)
    return r


def para(document, text: str = "", *, bold=False, size=None, align=None, italic=False, style=None):
    paragraph = document.add_paragraph(style=style)
    if text:
        for number, line in enumerate(text.split("\n")):
            if number:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            run(paragraph, line, bold=bold, size=size, italic=italic)
    if align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return paragraph


def style_id(document, name: str) -> str:
    """The style's id, looked up once per document: python-docx finds a style by name by walking every
    style of the template (and again to compare it with the default), which was a third of the compiled
    report's DOCX time for its 230 headings and 110 tables."""
    ids = document.__dict__.setdefault("_style_ids", {})
    if name not in ids:
        ids[name] = document.styles[name].style_id
    return ids[name]


def heading(document, text: str, level: int):
    h = document.add_paragraph()
    h._p.style = style_id(document, f"Heading {level}")
    run(h, text)
    return h


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills when it lays out the pages."""
    r = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        r._element.append(element)


def page_footer(section) -> None:
    """ "page N of M", centred, in the active language."""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, middle, after = page_numbers_parts()
    run(footer, before, size=8)
    _field(footer, "PAGE")
    run(footer, middle, size=8)
    _field(footer, "NUMPAGES")
    if after:
        run(footer, after, size=8)


def table(document, header: list[str] | None, rows: list[list[str]], widths: list[float] | None = None):
    """A grid table; `widths` (cm) are given to Word as the columns' widths."""
    t = document.add_table(rows=0, cols=len(header or rows[0]) if (header or rows) else 1)
    t._tbl.tblStyle_val = style_id(document, "Table Grid")
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    if header:
        cells = t.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            run(cell.paragraphs[0], text, bold=True)
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), "E6E6E6")
            cell._tc.get_or_add_tcPr().append(shading)
    for values in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            lines = str(text or "").split("\n")
            run(cell.paragraphs[0], lines[0])
            for line in lines[1:]:
                run(cell.add_paragraph(), line)
    if widths:
        for column, width in zip(t.columns, widths, strict=False):
            column.width = Cm(width)
    return t


def chart(document, chart, width_cm: float = 15.5) -> None:
    """The chart as Word's SVG picture, with its PNG for readers that do not draw SVG."""
    document.add_picture(io.BytesIO(chart.png()), width=Cm(width_cm))
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    blip = picture._p.findall(".//" + qn("a:blip"))[-1]
    package = document.part.package
    number = len([p for p in package.iter_parts() if p.partname.endswith(".svg")]) + 1
    part = Part(PackURI(f"/word/media/chart{number}.svg"), "image/svg+xml", chart.svg().encode(), package)
    rid = document.part.relate_to(part, RT.IMAGE)
    ext_list = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext")
    ext.set("uri", SVG_EXT)
    svg_blip = ext.makeelement(f"{{{SVG_NS}}}svgBlip", {qn("r:embed"): rid})
    ext.append(svg_blip)
    ext_list.append(ext)
    blip.append(ext_list)
    caption = para(document, chart.title, size=8.5, italic=True, align="center")
    caption.paragraph_format.space_after = Pt(8)


def national_heading(document, doc: ReportDocument) -> None:
    first, second = doc.heading
    para(document, first, bold=True, size=12, align="center")
    para(document, second, bold=True, size=10.5, align="center")
    para(document, "—————", align="center")


def reference_block(document, doc: ReportDocument, *, left: list[str], right: list[str]) -> None:
    t = document.add_table(rows=1, cols=2)
    for cell, lines, align in ((t.rows[0].cells[0], left, None), (t.rows[0].cells[1], right, "right")):
        paragraph = cell.paragraphs[0]
        for number, line in enumerate(lines):
            if number:
                paragraph = cell.add_paragraph()
            run(paragraph, line, bold=number == 0)
            if align == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def report_front(document, doc: ReportDocument) -> None:
    """The Government's header of one report: national heading, group and secretariat, reference, title."""
    national_heading(document, doc)
    reference_block(
        document,
        doc,
        left=[doc.group_name, f"{doc.labels['secretariat']}: {doc.secretariat}" if doc.secretariat else ""],
        right=[
            f"{doc.labels['reference']}: {doc.reference}",
            *[f"{label}: {value}" for label, value in doc.dates],
        ],
    )
    para(document)
    title = para(document, doc.title, bold=True, size=15, align="center")
    title.paragraph_format.space_after = Pt(2)
    para(document, doc.cycle_title, size=11, align="center")
    if doc.is_draft:
        para(
            document, f"{doc.status_label} · {doc.labels['draft_mark']}", italic=True, size=9, align="center"
        )


def _text(document, text: str, doc: ReportDocument) -> None:
    para(document, text or doc.labels["not_written"])


def report_body(
    document, doc: ReportDocument, *, level: int = 1, number_prefix: str = "", compact: bool = False
) -> None:
    """The sections of the template, in order; `level` lets the compiled report nest them in a chapter, and
    `compact` gives its facts in six lines (the compiled report's overview has their tables)."""
    L = doc.labels
    n = iter(range(1, 20))

    def h(text: str) -> None:
        heading(document, f"{number_prefix}{next(n)}. {text}", level)

    h(L["group"])
    table(
        document,
        None,
        [[L["group"], doc.group_name], [L["secretariat"], doc.secretariat or "—"]]
        + [[c["role"], " · ".join(x for x in (c["organisation"], c["person"]) if x)] for c in doc.chairs]
        + [[L["mandate"], doc.mandate or "—"]],
        widths=[4.5, 12.5],
    )
    h(L["overview"])
    _text(document, doc.overview, doc)
    h(L["priorities"])
    if doc.priorities:
        table(
            document,
            [L["number"], L["priority"], L["status"], L["progress"]],
            [
                [
                    str(i),
                    p["title"],
                    p["status_label"] or "—",
                    "\n".join(
                        x
                        for x in (p["narrative"], f"{L['reason']}: {p['reason']}" if p["reason"] else "")
                        if x
                    ),
                ]
                for i, p in enumerate(doc.priorities, start=1)
            ],
            widths=[1.0, 5.5, 3.0, 7.5],
        )
    else:
        para(document, L["none"])
    h(L["follow_ups"])
    if doc.follow_ups:
        table(
            document,
            [L["recommendation"], L["status"], L["follow_up"]],
            [
                [
                    f"{f['number']}. {f['recommendation']}\n({f['meeting']})",
                    f["status_label"] or "—",
                    f["text"],
                ]
                for f in doc.follow_ups
            ],
            widths=[7.0, 3.0, 7.0],
        )
    else:
        para(document, L["none"])
    if doc.subgroups:
        h(L["subgroups"])
        for s in doc.subgroups:
            para(
                document,
                f"{s['name']} · {L['held']}: {s['held']} ({L['minimum']}: {s['minimum']}) · "
                f"{L['minutes_published']}: {s['minutes_published']}",
                bold=True,
            )
            para(document, s["text"] or L["not_written"])
    h(L["facts"])
    para(document, L["facts_note"], italic=True, size=9)
    if compact:
        table(document, None, [[row.label, row.value] for row in fact_summary(doc.facts)], widths=[5.5, 11.5])
    for key in () if compact else ("meetings", "attendance", "minutes", "action_points", "workplan"):
        heading(document, L[key], level + 1)
        rows = [[row.label, row.value + (" !" if row.warn else "")] for row in doc.fact_rows[key]]
        table(document, None, rows, widths=[11.0, 6.0])
        if key == "attendance" and doc.attendance_by_kind:
            para(document)
            table(
                document,
                [L["organisation"], L["participants"]],
                [[k, str(c)] for k, c in doc.attendance_by_kind],
            )
    for c in () if compact else doc.charts:
        chart(document, c)
    heading(document, L["oda"], level + 1)
    if doc.oda:
        para(document, f"{L['committed']}: {doc.oda['committed']} {doc.oda['currency']} · "
                       f"{L['disbursed']}: {doc.oda['disbursed']} {doc.oda['currency']}")  # fmt: skip
        if doc.oda["years"]:
            para(document, L["oda_years"], bold=True)
            table(
                document,
                [L["year"], L["committed"], L["disbursed"]],
                [[y["year"], y["committed"], y["disbursed"]] for y in doc.oda["years"]],
            )
        if doc.oda["partners"]:
            para(document, L["oda_partners"], bold=True)
            table(
                document,
                [L["partner"], L["committed"], L["disbursed"]],
                [[p["name"], p["committed"], p["disbursed"]] for p in doc.oda["partners"]],
            )
        if doc.oda["source"]:
            para(document, doc.oda["source"], italic=True, size=9)
    else:
        para(document, L["oda_missing"], italic=True)
    h(L["challenges"])
    _text(document, doc.challenges, doc)
    h(L["messages"])
    _text(document, doc.messages, doc)
    h(L["next"])
    if doc.next_plan:
        para(document, L["from_next_plan"], bold=True)
        for title in doc.next_plan:
            para(document, f"• {title}")
    if doc.next_priorities or not doc.next_plan:
        _text(document, doc.next_priorities, doc)


def signature_block(document, doc: ReportDocument) -> None:
    para(document)
    sig = doc.signature
    lines = [doc.labels["signature"], f"{sig['role']}, {doc.group_name}"]
    if sig["date"]:
        lines.append(sig["date"])
    lines += ["", "", "………………………………", sig["name"] or ""]
    if sig["organisation"]:
        lines.append(sig["organisation"])
    block = para(document, "\n".join(lines), align="right")
    block.paragraph_format.keep_together = True


def report_docx(doc: ReportDocument) -> bytes:
    with translation.override(doc.lang):
        document = new_document()
        report_front(document, doc)
        report_body(document, doc)
        signature_block(document, doc)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def new_section(document) -> None:
    document.add_section(WD_SECTION.NEW_PAGE)
