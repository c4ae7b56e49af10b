"""DOCX and PDF of one language version, in the guideline template's layout.

Header (meeting, date, venue, chair, co-chairs), attendance by organisation, then for each agenda item
a table "Subject / Decision / Responsible / Deadline": the discussion and decisions, then one row per
action point. The labels are in the version's language, whatever the page's language.
"""

from __future__ import annotations

import io

from django.utils import formats, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from roundtable.core.pdf import render_pdf

from .document import MinutesDocument
from .models import MinutesVersion

DOCX_FONT = "Noto Sans Lao"


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _set_font(style, name: str) -> None:
    # Word takes Lao from the complex-script font slot (w:cs), not from ascii/hAnsi.
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), name)


def labels() -> dict[str, str]:
    return {
        "title": _("Minutes of the meeting"),
        "group": _("Group"),
        "date": _("Date"),
        "venue": _("Venue"),
        "chaired_by": _("Chaired by"),
        "chair": _("Chair"),
        "cochairs": _("Co-chairs"),
        "attendance": _("Attendance"),
        "organisation": _("Organisation"),
        "participants": _("Participants"),
        "women": _("Women"),
        "men": _("Men"),
        "other": _("Other or not stated"),
        "total": _("Total"),
        "subject": _("Subject"),
        "decision": _("Decision"),
        "responsible": _("Responsible"),
        "deadline": _("Deadline"),
        "discussion": _("Discussion"),
        "action": _("Action"),
        "status": _("Status"),
        "none": _("No record."),
    }


def minutes_docx(doc: MinutesDocument, version: MinutesVersion) -> bytes:
    with translation.override(doc.lang):
        text = labels()
        document = Document()
        for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Table Grid"):
            try:
                _set_font(document.styles[style_name], DOCX_FONT)
            except KeyError:
                continue
        document.styles["Normal"].font.size = Pt(10.5)
        document.add_heading(text["title"], level=0)
        document.add_paragraph(doc.meeting_title).runs[0].bold = True

        header = document.add_table(rows=0, cols=2)
        header.style = "Table Grid"
        for label, value in (
            (text["group"], doc.group_name),
            (text["date"], doc.when()),
            (text["venue"], doc.venue),
            (text["chaired_by"], doc.chaired_by),
            (text["chair"], doc.chair),
            (text["cochairs"], "; ".join(doc.cochairs)),
        ):
            cells = header.add_row().cells
            cells[0].text, cells[1].text = label, value or "—"

        document.add_heading(text["attendance"], level=1)
        attendance = document.add_table(rows=1, cols=2)
        attendance.style = "Table Grid"
        attendance.rows[0].cells[0].text = text["organisation"]
        attendance.rows[0].cells[1].text = text["participants"]
        for org in doc.organisations:
            cells = attendance.add_row().cells
            cells[0].text = org.name + (f" ({org.acronym})" if org.acronym else "")
            cells[1].text = ", ".join(org.people) if org.people else str(org.count)
        counts = doc.gender_counts
        document.add_paragraph(
            f"{text['total']}: {doc.attendee_count} · {text['women']}: {counts['f']} · "
            f"{text['men']}: {counts['m']}" + (f" · {text['other']}: {counts['o']}" if counts["o"] else "")
        )

        for item in doc.items:
            document.add_heading(f"{item.number}. {item.title}", level=1)
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, label in zip(
                table.rows[0].cells, ("subject", "decision", "responsible", "deadline"), strict=True
            ):
                cell.text = text[label]
                cell.paragraphs[0].runs[0].bold = True
            cells = table.add_row().cells
            cells[0].text = item.discussion or "—"
            cells[1].text = "\n".join(f"{i}. {d}" for i, d in enumerate(item.decisions, start=1)) or "—"
            for action in item.actions:
                cells = table.add_row().cells
                cells[0].text = f"{text['action']}:"
                cells[1].text = action.what
                cells[2].text = action.responsible or "—"
                cells[3].text = _date(action.due_date) or "—"

        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def minutes_pdf(doc: MinutesDocument, version: MinutesVersion) -> bytes:
    with translation.override(doc.lang):
        return render_pdf("minutes/export_pdf.html", {"doc": doc, "text": labels(), "version": version})
