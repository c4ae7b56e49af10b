"""The participant list in the guideline's template, as a printable sign-in sheet (PDF and DOCX).

Columns: No., name, position, organisation, email, phone, gender, signature. Only the secretariat may
download it (the views check), and each line's email and phone only as far as the one who downloads it may
read them (permissions.contact_visible_participant_ids): a sheet is not a way round the directory's rule.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.core.i18n import localized
from roundtable.core.pdf import render_pdf

from . import permissions
from .models import Meeting
from .when import meeting_when


def sheet_rows(meeting: Meeting, viewer) -> list[dict]:
    rows = []
    participants = list(
        meeting.participants.select_related("organisation")
        .exclude(response="decline")
        .order_by("organisation_name", "name")
    )
    visible = permissions.contact_visible_participant_ids(viewer, participants)
    for number, p in enumerate(participants, start=1):
        shown = p.pk in visible
        rows.append(
            {
                "number": number,
                "name": p.name,
                "position": p.position,
                "organisation": localized(p.organisation, "name") if p.organisation else p.organisation_name,
                "email": p.email if shown else "",
                "phone": p.phone if shown else "",
                "gender": {"f": _("F"), "m": _("M")}.get(p.gender, ""),
            }
        )
    return rows


def headers() -> list[str]:
    return [
        _("No."),
        _("Name and surname"),
        _("Position"),
        _("Organisation"),
        _("Email"),
        _("Phone"),
        _("Gender"),
        _("Signature"),
    ]


def _context(meeting: Meeting, viewer) -> dict:
    return {
        "meeting": meeting,
        "title": localized(meeting, "title"),
        "group": localized(meeting.group, "name"),
        "start": timezone.localtime(meeting.start),
        "end": timezone.localtime(meeting.end),
        "when": meeting_when(meeting, short=True),
        "rows": sheet_rows(meeting, viewer),
        "headers": headers(),
        "blank_rows": range(5),
    }


def sheet_pdf(meeting: Meeting, viewer) -> bytes:
    return render_pdf("meetings/sheet.html", _context(meeting, viewer))


def sheet_docx(meeting: Meeting, viewer) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    context = _context(meeting, viewer)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = doc.styles["Normal"]
    style.font.name = "Noto Sans Lao"
    style.font.size = Pt(10)
    # Word picks the font of Lao text from the complex-script slot.
    style.element.rPr.rFonts.set(qn("w:cs"), "Noto Sans Lao")
    doc.add_heading(_("List of participants with contact details"), level=1)
    doc.add_paragraph(f"{context['title']} · {context['group']}")
    doc.add_paragraph(
        f"{_('Date')}: {context['when']} ({_('Vientiane time')})    {_('Venue')}: {meeting.venue or '—'}"
    )
    table = doc.add_table(rows=1, cols=len(context["headers"]))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, context["headers"], strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in context["rows"]:
        cells = table.add_row().cells
        values = [
            str(row["number"]),
            row["name"],
            row["position"],
            row["organisation"],
            row["email"],
            row["phone"],
            row["gender"],
            "",
        ]
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    for _blank in context["blank_rows"]:
        table.add_row()
    widths = [Cm(1), Cm(4.5), Cm(3.5), Cm(4.5), Cm(4.5), Cm(3), Cm(1.5), Cm(4)]
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
