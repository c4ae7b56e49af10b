"""A work plan in the guideline template's layout, as DOCX, XLSX or PDF, in the page's language.

One function (`document`) reads the plan into plain rows in the chosen language; each format only lays
them out. Person names are left out: an export may be public, stakeholders appear as organisations.
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from roundtable.core.i18n import current_lang, localized
from roundtable.core.pdf import render_pdf
from roundtable.core.spreadsheets import write_cell

from .models import WorkPlan

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
LAO_FONT = "Noto Sans Lao"


def _item(item, lang: str) -> str:
    title = localized(item, "short", lang) or localized(item, "title", lang)
    return f"{item.framework.code.upper()} {item.code} {title}"


def _money(priority) -> str:
    if priority.budget is None:
        return ""
    return f"{formats.number_format(priority.budget, 0, force_grouping=True)} {priority.currency}".strip()


def _when(priority) -> str:
    start = formats.date_format(priority.start_date, "SHORT_DATE_FORMAT") if priority.start_date else ""
    end = formats.date_format(priority.end_date, "SHORT_DATE_FORMAT") if priority.end_date else ""
    return f"{start} – {end}" if start or end else ""


def document(plan: WorkPlan, lang: str) -> dict:
    """The plan's content in `lang`, as the three exports lay it out."""
    with translation.override(lang):
        priorities = plan.priorities.select_related("lead_organisation").prefetch_related(
            "partners", "nsedp_outputs__framework", "sdg_targets__framework"
        )
        rows = []
        for number, p in enumerate(priorities, start=1):
            rows.append(
                {
                    "number": number,
                    "title": localized(p, "title", lang),
                    "description": localized(p, "description", lang),
                    "lead": localized(p.lead_organisation, "name", lang) if p.lead_organisation else "",
                    "partners": ", ".join(o.acronym or localized(o, "name", lang) for o in p.partners.all()),
                    "nsedp": [_item(i, lang) for i in p.nsedp_outputs.all()],
                    "sdg": [_item(i, lang) for i in p.sdg_targets.all()],
                    "results": localized(p, "expected_results", lang),
                    "when": _when(p),
                    "budget": _money(p),
                    "source": p.funding_source,
                }
            )
        meetings = [
            {
                "date": formats.date_format(m.date, "DATE_FORMAT"),
                "group": localized(m.group, "name", lang),
                "title": localized(m, "title", lang),
            }
            for m in plan.planned_meetings.select_related("group")
        ]
        stakeholders = [
            {
                "organisation": localized(s.organisation, "name", lang) if s.organisation else s.name,
                "role": s.role,
            }
            for s in plan.stakeholders.select_related("organisation")
        ]
        group_name = localized(plan.group, "name", lang)
        return {
            "lang": lang,
            "title": _("Annual work plan %(year)s") % {"year": plan.year},
            "group": group_name,
            "status": plan.get_status_display(),
            "labels": {
                "group": _("Group"),
                "year": _("Year"),
                "status": _("Status"),
                "strategy": _("Sector strategy"),
                "context": _("Context"),
                "priorities": _("Priority programmes/projects"),
                "meetings": _("Planned meetings"),
                "stakeholders": _("Stakeholders"),
                "number": _("No."),
                "priority": _("Priority"),
                "lead": _("Lead organisation and partners"),
                "nsedp": _("NSEDP outputs"),
                "sdg": _("SDG targets"),
                "results": _("Expected results"),
                "when": _("Timeframe"),
                "budget": _("Estimated budget and funding source"),
                "date": _("Date"),
                "meeting": _("Meeting"),
                "organisation": _("Organisation"),
                "role": _("Role in the sector"),
                "none": _("None."),
            },
            "year": plan.year,
            "strategy": localized(plan, "sector_strategy", lang),
            "context": localized(plan, "context", lang),
            "priorities": rows,
            "meetings": meetings,
            "stakeholders": stakeholders,
        }


# --- DOCX ------------------------------------------------------------------------------------------------


def _lao_font(run) -> None:
    """Lao is a complex script: Word picks the font of the `cs` slot for it."""
    from docx.oxml.ns import qn

    run.font.name = LAO_FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), LAO_FONT)


def _cell(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    _lao_font(run)


def to_docx(doc: dict) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document_ = Document()
    section = document_.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.8))
    style = document_.styles["Normal"]
    style.font.size = Pt(10)
    style.font.name = LAO_FONT
    labels = doc["labels"]

    def heading(text: str, level: int) -> None:
        for run in document_.add_heading(text, level=level).runs:
            _lao_font(run)

    def paragraph(text: str) -> None:
        _lao_font(document_.add_paragraph().add_run(text or labels["none"]))

    heading(doc["title"], 0)
    table = document_.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for row, (label, value) in zip(
        table.rows,
        [
            (labels["group"], doc["group"]),
            (labels["year"], str(doc["year"])),
            (labels["status"], doc["status"]),
        ],
        strict=True,
    ):
        _cell(row.cells[0], label, bold=True)
        _cell(row.cells[1], value)
    heading(f"1. {labels['strategy']}", 1)
    paragraph(doc["strategy"])
    heading(f"2. {labels['context']}", 1)
    paragraph(doc["context"])
    heading(f"3. {labels['priorities']}", 1)
    columns = ["number", "priority", "lead", "nsedp", "sdg", "results", "when", "budget"]
    table = document_.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells, columns, strict=True):
        _cell(cell, labels[key], bold=True)
    for p in doc["priorities"]:
        cells = table.add_row().cells
        _cell(cells[0], str(p["number"]))
        _cell(cells[1], p["title"], bold=True)
        if p["description"]:
            _lao_font(cells[1].add_paragraph().add_run(p["description"]))
        _cell(cells[2], "\n".join(x for x in (p["lead"], p["partners"]) if x))
        _cell(cells[3], "\n".join(p["nsedp"]))
        _cell(cells[4], "\n".join(p["sdg"]))
        _cell(cells[5], p["results"])
        _cell(cells[6], p["when"])
        _cell(cells[7], "\n".join(x for x in (p["budget"], p["source"]) if x))
    heading(f"4. {labels['meetings']}", 1)
    table = document_.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells, ["date", "group", "meeting"], strict=True):
        _cell(cell, labels[key], bold=True)
    for m in doc["meetings"]:
        cells = table.add_row().cells
        _cell(cells[0], m["date"])
        _cell(cells[1], m["group"])
        _cell(cells[2], m["title"])
    heading(f"5. {labels['stakeholders']}", 1)
    table = document_.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells, ["number", "organisation", "role"], strict=True):
        _cell(cell, labels[key], bold=True)
    for number, s in enumerate(doc["stakeholders"], start=1):
        cells = table.add_row().cells
        _cell(cells[0], str(number))
        _cell(cells[1], s["organisation"])
        _cell(cells[2], s["role"])
    buffer = io.BytesIO()
    document_.save(buffer)
    return buffer.getvalue()


# --- XLSX ------------------------------------------------------------------------------------------------


def _sheet_title(text: str) -> str:
    # Excel forbids these characters in sheet names and keeps 31 characters.
    for char in "[]:*?/\\":
        text = text.replace(char, "-")
    return text[:31]


def to_xlsx(doc: dict) -> bytes:
    """Every cell through core.spreadsheets.write_cell: typed text starting like a formula stays text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    labels = doc["labels"]
    bold = Font(name=LAO_FONT, bold=True)
    normal = Font(name=LAO_FONT)
    fill = PatternFill("solid", fgColor="EEF1F6")
    wrap = Alignment(wrap_text=True, vertical="top")
    book = Workbook()

    def table(sheet, header: list[str], rows: list[list], widths: list[int], start: int = 1) -> None:
        for col, text in enumerate(header, start=1):
            cell = write_cell(sheet, start, col, text)
            cell.font, cell.fill, cell.alignment = bold, fill, wrap
        for r, values in enumerate(rows, start=start + 1):
            for col, value in enumerate(values, start=1):
                cell = write_cell(sheet, r, col, value)
                cell.font, cell.alignment = normal, wrap
        for col, width in enumerate(widths, start=1):
            sheet.column_dimensions[chr(64 + col)].width = width
        sheet.freeze_panes = sheet.cell(row=start + 1, column=1)

    sheet = book.active
    sheet.title = _sheet_title(labels["priorities"])
    write_cell(sheet, 1, 1, doc["title"]).font = Font(name=LAO_FONT, bold=True, size=14)
    facts = [
        (labels["group"], doc["group"]),
        (labels["year"], doc["year"]),
        (labels["status"], doc["status"]),
        (labels["strategy"], doc["strategy"]),
        (labels["context"], doc["context"]),
    ]
    for r, (label, value) in enumerate(facts, start=2):
        write_cell(sheet, r, 1, label).font = bold
        cell = write_cell(sheet, r, 2, value)
        cell.font, cell.alignment = normal, wrap
    start = len(facts) + 3
    table(
        sheet,
        [labels[k] for k in ("number", "priority", "lead", "nsedp", "sdg", "results", "when", "budget")],
        [
            [
                p["number"],
                "\n".join(x for x in (p["title"], p["description"]) if x),
                "\n".join(x for x in (p["lead"], p["partners"]) if x),
                "\n".join(p["nsedp"]),
                "\n".join(p["sdg"]),
                p["results"],
                p["when"],
                "\n".join(x for x in (p["budget"], p["source"]) if x),
            ]
            for p in doc["priorities"]
        ],
        [6, 45, 28, 40, 36, 36, 20, 24],
        start=start,
    )
    meetings = book.create_sheet(_sheet_title(labels["meetings"]))
    table(
        meetings,
        [labels["date"], labels["group"], labels["meeting"]],
        [[m["date"], m["group"], m["title"]] for m in doc["meetings"]],
        [20, 40, 50],
    )
    people = book.create_sheet(_sheet_title(labels["stakeholders"]))
    table(
        people,
        [labels["number"], labels["organisation"], labels["role"]],
        [[n, s["organisation"], s["role"]] for n, s in enumerate(doc["stakeholders"], start=1)],
        [6, 60, 40],
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- PDF -------------------------------------------------------------------------------------------------


def to_pdf(doc: dict) -> bytes:
    return render_pdf("workplans/export_pdf.html", {"doc": doc})


RENDERERS = {"docx": to_docx, "xlsx": to_xlsx, "pdf": to_pdf}


def render(plan: WorkPlan, fmt: str, lang: str | None = None) -> bytes:
    return RENDERERS[fmt](document(plan, lang or current_lang()))


def response(plan: WorkPlan, fmt: str) -> HttpResponse:
    lang = current_lang()
    body = render(plan, fmt, lang)
    result = HttpResponse(body, content_type=FORMATS[fmt])
    result["Content-Disposition"] = (
        f'attachment; filename="workplan-{plan.group.code}-{plan.year}-{lang}.{fmt}"'
    )
    # A draft's export is private: no shared cache may keep it.
    result["Cache-Control"] = "public, max-age=300" if plan.is_published else "private, no-store"
    return result
