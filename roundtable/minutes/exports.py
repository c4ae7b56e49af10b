"""DOCX and PDF of one language version, in the guideline template's layout.

Header (meeting, date, venue, chair, co-chairs), attendance by organisation, then for each agenda item
a table "Subject / Decision / Responsible / Deadline": the discussion and decisions, then one row per
action point. The labels are in the version's language, whatever the page's language. Both formats are in
the Government's layout (core.documents, core.docx, core/pdf/): the national heading, the group and its
secretariat, the reference RTP/<GROUP>/MIN/<YEAR>/<meeting>, the approval and publication dates, the chair's
signature, page N of M, A4.
"""

from __future__ import annotations

from django.utils import formats, translation
from django.utils.translation import gettext as _

from roundtable.core import docx as D
from roundtable.core.documents import MINUTES, DocumentMeta, document_reference, group_origin
from roundtable.core.pdf import render_document

from .document import MinutesDocument
from .models import MinutesVersion


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def document_meta(doc: MinutesDocument, version: MinutesVersion) -> DocumentMeta:
    """Heading, reference, dates and signature of one language version (call it in the version's language)."""
    meeting = version.minutes.meeting
    group_name, secretariat_name = group_origin(meeting.group, doc.lang)
    return DocumentMeta(
        reference=document_reference(doc.group_code, MINUTES, doc.date.year, meeting.pk),
        group_name=group_name,
        secretariat_name=secretariat_name,
        dates=[
            (_("Date of the meeting"), doc.date),
            (_("Approved by the chair"), version.chair_approved_at),
            (_("Published"), version.published_at),
        ],
        signature_role=_("Chair"),
        signature_name=doc.chaired_by or doc.chair,
    )


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


# The item tables' columns (cm) in the 17 cm between the margins of a portrait A4 page.
ITEM_WIDTHS_CM = [4.8, 6.4, 3.3, 2.5]


def minutes_docx(doc: MinutesDocument, version: MinutesVersion) -> bytes:
    with translation.override(doc.lang):
        text = labels()
        meta = document_meta(doc, version)
        document = D.government_document(meta=meta)
        D.document_header(document, meta)
        if version.status != "published":
            document.add_paragraph(version.get_status_display()).runs[0].italic = True
        document.add_heading(text["title"], level=0)
        document.add_paragraph(doc.meeting_title).runs[0].bold = True
        D.add_table(
            document,
            [text["group"], doc.group_name],
            [
                (label, value or "—")
                for label, value in (
                    (text["date"], doc.when()),
                    (text["venue"], doc.venue),
                    (text["chaired_by"], doc.chaired_by),
                    (text["chair"], doc.chair),
                    (text["cochairs"], "; ".join(doc.cochairs)),
                )
            ],
            [4.5, 12.5],
        )

        document.add_heading(text["attendance"], level=1)
        D.add_table(
            document,
            [text["organisation"], text["participants"]],
            [
                (
                    org.name + (f" ({org.acronym})" if org.acronym else ""),
                    ", ".join(org.people) if org.people else str(org.count),
                )
                for org in doc.organisations
            ],
            [7.5, 9.5],
        )
        counts = doc.gender_counts
        document.add_paragraph(
            f"{text['total']}: {doc.attendee_count} · {text['women']}: {counts['f']} · "
            f"{text['men']}: {counts['m']}" + (f" · {text['other']}: {counts['o']}" if counts["o"] else "")
        )

        for item in doc.items:
            document.add_heading(f"{item.number}. {item.title}", level=1)
            rows = [
                (
                    item.discussion or "—",
                    "\n".join(f"{i}. {d}" for i, d in enumerate(item.decisions, start=1)) or "—",
                    "",
                    "",
                )
            ]
            rows += [
                (f"{text['action']}:", a.what, a.responsible or "—", _date(a.due_date) or "—")
                for a in item.actions
            ]
            D.add_table(
                document,
                [text["subject"], text["decision"], text["responsible"], text["deadline"]],
                rows,
                ITEM_WIDTHS_CM,
            )

        D.signature_block(document, role=meta.signature_role, name=meta.signature_name)
        return D.to_bytes(document)


def minutes_pdf(doc: MinutesDocument, version: MinutesVersion) -> bytes:
    with translation.override(doc.lang):
        return render_document(
            "minutes/export_pdf.html",
            {"doc": doc, "text": labels(), "version": version},
            document_meta(doc, version),
        )
