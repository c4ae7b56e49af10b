"""One progress report as DOCX or PDF, in one language (the page's: `/lo/...` or `/en/...`)."""

from __future__ import annotations

from itertools import zip_longest

from django.http import HttpResponse
from django.utils import translation

from roundtable.core.pdf import render_pdf

from ..document import ReportDocument, document_for, page_numbers_css
from ..models import ProgressReport
from .docx import report_docx

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def fact_sections(doc: ReportDocument) -> list[tuple[str, str]]:
    return [
        (key, doc.labels[key]) for key in ("meetings", "attendance", "minutes", "action_points", "workplan")
    ]


def fact_grid(doc: ReportDocument) -> list[tuple]:
    """The facts as one table of two halves side by side (label, value | label, value): each section's
    title, then its rows. One compact table lays out far faster in WeasyPrint than five, or than columns."""
    cells: list[dict] = []
    for key, title in fact_sections(doc):
        cells.append({"head": title})
        cells += [{"label": row.label, "value": row.value, "warn": row.warn} for row in doc.fact_rows[key]]
        if key == "attendance":
            cells += [
                {"label": f"· {kind}", "value": str(count), "warn": False}
                for kind, count in doc.attendance_by_kind
            ]
    half = (len(cells) + 1) // 2
    while half < len(cells) and "head" in cells[half - 1]:  # a section's title stays with its rows
        half += 1
    left, right = cells[:half], cells[half:]
    return list(zip_longest(left, right))


def pdf_context(doc: ReportDocument) -> dict:
    return {"doc": doc, "page_numbers": page_numbers_css(), "fact_grid": fact_grid(doc)}


def report_pdf(doc: ReportDocument) -> bytes:
    with translation.override(doc.lang):
        return render_pdf("reports/pdf/report.html", pdf_context(doc))


RENDERERS = {"docx": report_docx, "pdf": report_pdf}


def render(report: ProgressReport, fmt: str, lang: str) -> bytes:
    return RENDERERS[fmt](document_for(report, lang))


def filename(report: ProgressReport, fmt: str, lang: str) -> str:
    return f"progress-report-{report.cycle.code}-{report.group.code}-{lang}.{fmt}"


def response(report: ProgressReport, fmt: str, lang: str) -> HttpResponse:
    result = HttpResponse(render(report, fmt, lang), content_type=FORMATS[fmt])
    result["Content-Disposition"] = f'attachment; filename="{filename(report, fmt, lang)}"'
    # An unpublished report's export is private: no shared cache may keep it.
    public = report.is_published and report.cycle.is_published
    result["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return result
