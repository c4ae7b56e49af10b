"""A work plan in the guideline template's layout, as DOCX, XLSX or PDF, in the page's language.

One function (`document`) reads the plan into plain rows in the chosen language; each format only lays
them out. Person names are left out: an export may be public, stakeholders appear as organisations, and the
chair's signature block names the chairing organisation. DOCX and PDF are in the Government's layout
(core.documents, core.docx, core/pdf/); the XLSX is typed: dates are dates, a budget is a number with its
currency in the next column.
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from roundtable.core import docx as D
from roundtable.core.documents import WORK_PLAN, DocumentMeta, document_reference, group_origin
from roundtable.core.i18n import current_lang, localized
from roundtable.core.pdf import render_document
from roundtable.core.spreadsheets import write_cell
from roundtable.groups.models import ChairRole, ChairTerm

from .models import WorkPlan, WorkPlanStatus

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


def _meta(plan: WorkPlan, lang: str) -> DocumentMeta:
    """Heading, reference, dates and signature of the plan, in the active language (`lang`)."""
    group_name, secretariat_name = group_origin(plan.group, lang)
    approved = (
        plan.steps.filter(to_status=WorkPlanStatus.APPROVED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    chair = (
        ChairTerm.objects.current(timezone.localdate())
        .filter(group=plan.group, role=ChairRole.CHAIR)
        .select_related("organisation")
        .order_by("start_date", "pk")
        .first()
    )
    return DocumentMeta(
        reference=document_reference(plan.group.code, WORK_PLAN, plan.year, plan.pk),
        group_name=group_name,
        secretariat_name=secretariat_name,
        dates=[(_("Approved by the RTP Secretariat"), approved), (_("Published"), plan.published_at)],
        signature_role=_("Chair"),
        signature_name=localized(chair.organisation, "name", lang) if chair else "",
        landscape=True,
    )


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
                    "start": p.start_date,
                    "end": p.end_date,
                    "budget": _money(p),
                    "amount": p.budget,
                    "currency": p.currency if p.budget is not None else "",
                    "source": p.funding_source,
                }
            )
        meetings = [
            {
                "day": m.date,
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
            "meta": _meta(plan, lang),
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
                "from": _("From"),
                "to": _("To"),
                "amount": _("Estimated budget"),
                "currency": _("Currency"),
                "source": _("Funding source"),
            },
            "year": plan.year,
            "strategy": localized(plan, "sector_strategy", lang),
            "context": localized(plan, "context", lang),
            "priorities": rows,
            "meetings": meetings,
            "stakeholders": stakeholders,
        }


# --- DOCX ------------------------------------------------------------------------------------------------

# The priorities' columns (cm), filling the 25.7 cm between the margins of a landscape A4 page.
PRIORITY_WIDTHS_CM = [1.0, 5.2, 3.6, 3.6, 3.0, 4.0, 2.4, 2.9]


def to_docx(doc: dict) -> bytes:
    labels, meta = doc["labels"], doc["meta"]
    with translation.override(doc["lang"]):
        document_ = D.government_document(meta=meta, size_pt=9.5)
        D.document_header(document_, meta)
        document_.add_heading(doc["title"], level=0)
        D.add_table(
            document_,
            [labels["group"], labels["year"], labels["status"]],
            [[doc["group"], str(doc["year"]), doc["status"]]],
            [12.0, 4.0, 9.7],
        )
        document_.add_heading(f"1. {labels['strategy']}", level=1)
        document_.add_paragraph(doc["strategy"] or labels["none"])
        document_.add_heading(f"2. {labels['context']}", level=1)
        document_.add_paragraph(doc["context"] or labels["none"])
        document_.add_heading(f"3. {labels['priorities']}", level=1)
        columns = ["number", "priority", "lead", "nsedp", "sdg", "results", "when", "budget"]
        table = D.add_table(
            document_,
            [labels[key] for key in columns],
            [
                [
                    str(p["number"]),
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
            PRIORITY_WIDTHS_CM,
        )
        for row in table.rows[1:]:  # the priority's title in bold
            runs = row.cells[1].paragraphs[0].runs
            if runs:
                runs[0].bold = True
        document_.add_heading(f"4. {labels['meetings']}", level=1)
        D.add_table(
            document_,
            [labels["date"], labels["group"], labels["meeting"]],
            [[m["date"], m["group"], m["title"]] for m in doc["meetings"]],
            [4.5, 8.0, 13.2],
        )
        document_.add_heading(f"5. {labels['stakeholders']}", level=1)
        D.add_table(
            document_,
            [labels["number"], labels["organisation"], labels["role"]],
            [[str(n), s["organisation"], s["role"]] for n, s in enumerate(doc["stakeholders"], start=1)],
            [1.2, 14.5, 10.0],
        )
        D.signature_block(document_, role=meta.signature_role, name=meta.signature_name)
        return D.to_bytes(document_)


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
    from openpyxl.utils import get_column_letter

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
            sheet.column_dimensions[get_column_letter(col)].width = width
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
    header = ["number", "priority", "lead", "nsedp", "sdg", "results", "from", "to", "amount", "currency"]
    table(
        sheet,
        [labels[k] for k in header] + [labels["source"]],
        [
            [
                p["number"],
                "\n".join(x for x in (p["title"], p["description"]) if x),
                "\n".join(x for x in (p["lead"], p["partners"]) if x),
                "\n".join(p["nsedp"]),
                "\n".join(p["sdg"]),
                p["results"],
                p["start"],
                p["end"],
                p["amount"],
                p["currency"],
                p["source"],
            ]
            for p in doc["priorities"]
        ],
        [6, 45, 28, 40, 36, 36, 12, 12, 16, 9, 24],
        start=start,
    )
    meetings = book.create_sheet(_sheet_title(labels["meetings"]))
    table(
        meetings,
        [labels["date"], labels["group"], labels["meeting"]],
        [[m["day"], m["group"], m["title"]] for m in doc["meetings"]],
        [14, 40, 50],
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
    with translation.override(doc["lang"]):
        return render_document("workplans/export_pdf.html", {"doc": doc}, doc["meta"])


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
