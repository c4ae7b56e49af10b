"""The participant list in the guideline's template, as a printable sign-in sheet (PDF and DOCX).

Columns: No., name, position, organisation, email, phone, gender, signature. Only the secretariat may
download it (the views check), and each line's email and phone only as far as the one who downloads it may
read them (permissions.contact_visible_participant_ids): a sheet is not a way round the directory's rule.
Both formats are in the Government's layout (core.documents, core.docx, core/pdf/), landscape A4, in the
page's language, with the chair's signature under the list.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.core import docx as D
from roundtable.core.documents import SIGN_IN_SHEET, DocumentMeta, document_reference, group_origin
from roundtable.core.i18n import current_lang, localized
from roundtable.core.pdf import render_document
from roundtable.groups.models import ChairRole, ChairTerm

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


def document_meta(meeting: Meeting) -> DocumentMeta:
    """Heading, reference, date and signature of the sheet, in the active language."""
    lang = current_lang()
    day = timezone.localdate(meeting.start)
    group_name, secretariat_name = group_origin(meeting.group, lang)
    if meeting.chair_person_id:
        name = localized(meeting.chair_person, "name", lang)
    else:
        chair = (
            ChairTerm.objects.current(day)
            .filter(group=meeting.group, role=ChairRole.CHAIR)
            .select_related("organisation", "person")
            .order_by("start_date", "pk")
            .first()
        )
        name = ""
        if chair is not None:
            name = localized(chair.person, "name", lang) if chair.person_id else ""
            name = " · ".join(filter(None, [name, localized(chair.organisation, "name", lang)]))
    return DocumentMeta(
        reference=document_reference(meeting.group.code, SIGN_IN_SHEET, day.year, meeting.pk),
        group_name=group_name,
        secretariat_name=secretariat_name,
        dates=[(_("Date of the meeting"), day)],
        signature_role=_("Chair"),
        signature_name=name,
        landscape=True,
    )


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
        "lang": current_lang(),
    }


def sheet_pdf(meeting: Meeting, viewer) -> bytes:
    return render_document("meetings/sheet.html", _context(meeting, viewer), document_meta(meeting))


# The columns (cm) in the 25.7 cm between the margins of a landscape A4 page.
SHEET_WIDTHS_CM = [1.0, 4.2, 3.4, 4.4, 4.6, 2.8, 1.5, 3.8]


def sheet_docx(meeting: Meeting, viewer) -> bytes:
    context = _context(meeting, viewer)
    meta = document_meta(meeting)
    document = D.government_document(meta=meta, size_pt=10)
    D.document_header(document, meta)
    document.add_heading(_("List of participants with contact details"), level=1)
    document.add_paragraph(f"{context['title']} · {context['group']}")
    document.add_paragraph(
        f"{_('Date')}: {context['when']} ({_('Vientiane time')})    {_('Venue')}: {meeting.venue or '—'}"
    )
    D.add_table(
        document,
        context["headers"],
        [
            [
                str(row["number"]),
                row["name"],
                row["position"],
                row["organisation"],
                row["email"],
                row["phone"],
                row["gender"],
                "",
            ]
            for row in context["rows"]
        ],
        SHEET_WIDTHS_CM,
        blank_rows=len(context["blank_rows"]),
    )
    D.signature_block(document, role=meta.signature_role, name=meta.signature_name)
    return D.to_bytes(document)
