"""One progress report as DOCX or PDF, in one language (the page's: `/lo/...` or `/en/...`)."""

from __future__ import annotations

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


def report_pdf(doc: ReportDocument) -> bytes:
    with translation.override(doc.lang):
        return render_pdf(
            "reports/pdf/report.html",
            {"doc": doc, "page_numbers": page_numbers_css(), "fact_sections": fact_sections(doc)},
        )


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
