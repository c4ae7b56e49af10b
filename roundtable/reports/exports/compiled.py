"""The compiled Round Table report of a cycle: one document per language (PDF and DOCX) with a cover, the
contents, an overview chapter with tables and charts across the groups, one chapter per group in the
structure's order (its accepted progress report), and an annex of the submission status.

`load(cycle)` reads everything once (a fixed number of queries, whatever the number of groups); the
numbers of the overview are those of the reports' frozen facts and rows, so they equal each chapter's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from roundtable.core.i18n import pick
from roundtable.core.pdf import FONT_DIR, FONTS

from .. import charts
from ..document import NATIONAL_HEADING, ReportDocument, build_document, day, fact_summary, page_numbers_css
from ..models import (
    COMPILED_STATUSES,
    Cycle,
    PriorityStatus,
    ProgressReport,
    RecommendationFollowUp,
    ReportStatus,
    ReportStep,
    SubgroupNote,
)
from ..tracker import tracker_rows
from . import docx as D

FORMATS = ("pdf", "docx")
LANGS = ("lo", "en")


@dataclass
class Loaded:
    """What the compiled report is made of, read once for both languages and both formats."""

    cycle: Cycle
    reports: list[ProgressReport]  # accepted or published, in the structure's order
    tracker: list  # tracker.TrackerRow of every group that reports
    compiled_on: object


def load(cycle: Cycle) -> Loaded:
    cycle = Cycle.objects.select_related("secretariat").get(pk=cycle.pk)
    signature = (
        ReportStep.objects.filter(name="chair_approve")
        .select_related("actor", "actor__person", "actor__person__organisation")
        .order_by("-at", "-id")
    )
    reports = list(
        ProgressReport.objects.filter(cycle=cycle, status__in=COMPILED_STATUSES)
        .select_related("group", "cycle")
        .prefetch_related(
            "priorities",
            Prefetch(
                "follow_ups",
                queryset=RecommendationFollowUp.objects.select_related("recommendation__cycle").order_by(
                    "recommendation__cycle__held_on", "recommendation__number", "id"
                ),
            ),
            Prefetch("subgroup_notes", queryset=SubgroupNote.objects.select_related("group")),
            Prefetch("steps", queryset=signature, to_attr="approvals"),
        )
        .order_by("group__order", "group__code")
    )
    return Loaded(cycle=cycle, reports=reports, tracker=tracker_rows(cycle), compiled_on=timezone.localdate())


@dataclass
class CompiledDocument:
    lang: str
    heading: tuple[str, str]
    title: str
    theme: str
    held_on: str
    venue: str
    secretariat: str
    reference: str
    compiled_on: str
    chapters: list[ReportDocument]
    tables: dict
    charts: list = field(default_factory=list)
    annex: list = field(default_factory=list)
    labels: dict = field(default_factory=dict)


def _chapter(report: ProgressReport, lang: str) -> ReportDocument:
    approvals = getattr(report, "approvals", [])
    return build_document(
        report,
        lang,
        facts=report.facts or {},
        priorities=list(report.priorities.all()),
        follow_ups=list(report.follow_ups.all()),
        subgroups=list(report.subgroup_notes.all()),
        signature_step=approvals[0] if approvals else None,
        with_charts=False,
    )


def overview_tables(chapters: list[ReportDocument]) -> dict:
    """The overview's tables, one row per group, from each chapter's own facts and rows."""
    meetings, minutes, priorities, actions, attendance = [], [], [], [], []
    for doc in chapters:
        f = doc.facts
        m, mi, a, att = f["meetings"], f["minutes"], f["action_points"], f["attendance"]
        meetings.append(
            [doc.group_name, *m["quarters"], m["held"], f"{m['quarters_met']}/{m['quarters_elapsed']}"]
        )
        minutes.append(
            [doc.group_name, mi["meetings"], mi["sent_on_time"], mi["sent_late"] + mi["not_sent"],
             mi["published_on_time"], mi["published_late"] + mi["not_published"]]
        )  # fmt: skip
        counts = dict.fromkeys([*PriorityStatus.values, ""], 0)
        for p in doc.priorities:
            counts[p["status"] or ""] += 1
        priorities.append([doc.group_name, *(counts[s] for s in PriorityStatus.values), counts[""]])
        actions.append(
            [doc.group_name, a["done"], a["open"] - a["overdue"], a["overdue"], a["dropped"], a["total"]]
        )
        attendance.append([doc.group_name, att["women"], att["men"], att["other"], att["total"]])
    return {
        "meetings": meetings,
        "minutes": minutes,
        "priorities": priorities,
        "actions": actions,
        "attendance": attendance,
    }


def _headers() -> dict:
    group = _("Group")
    return {
        "meetings": [group, "Q1", "Q2", "Q3", "Q4", _("Total"), _("Quarters with the minimum")],
        "minutes": [
            group, _("Meetings held"), _("Sent on time"), _("Sent late or not sent"),
            _("Published on time"), _("Published late or not published"),
        ],
        "priorities": [group, *(str(label) for label in PriorityStatus.labels), _("Not given")],
        "actions": [group, _("Done"), _("Open, not yet due"), _("Overdue"), _("Dropped"), _("Total")],
        "attendance": [group, _("Women"), _("Men"), _("Other or not stated"), _("Total")],
    }  # fmt: skip


def overview_charts(tables: dict) -> list[charts.Chart]:
    def short(name: str) -> str:
        return name if len(name) <= 34 else name[:33] + "…"

    return [
        charts.stacked_bars(
            _("Meetings held per quarter"),
            [(short(r[0]), r[1:5]) for r in tables["meetings"]],
            ["Q1", "Q2", "Q3", "Q4"],
            marker=4,
            marker_label=_("guideline: one a quarter"),
        ),
        charts.stacked_bars(
            _("Minutes published on time"),
            [(short(r[0]), [r[4], r[5]]) for r in tables["minutes"]],
            [_("Published on time"), _("Published late or not published")],
        ),
        charts.stacked_bars(
            _("Priorities by status"),
            [(short(r[0]), r[1:6]) for r in tables["priorities"]],
            [*(str(label) for label in PriorityStatus.labels), _("Not given")],
        ),
        charts.stacked_bars(
            _("Action points"),
            [(short(r[0]), r[1:5]) for r in tables["actions"]],
            [_("Done"), _("Open, not yet due"), _("Overdue"), _("Dropped")],
        ),
        charts.stacked_bars(
            _("Attendance by gender"),
            [(short(r[0]), r[1:4]) for r in tables["attendance"]],
            [_("Women"), _("Men"), _("Other or not stated")],
        ),
    ]


def build(loaded: Loaded, lang: str) -> CompiledDocument:
    with translation.override(lang):
        cycle = loaded.cycle
        chapters = [_chapter(report, lang) for report in loaded.reports]
        tables = overview_tables(chapters)
        annex = [
            [
                pick(row.group.name_lo, row.group.name_en, lang),
                str(ReportStatus(row.report.status).label) if row.report else _("Not started"),
                day(row.submitted_on) or "—",
                str(row.days_late) if row.days_late else "—",
                str(row.reminders),
            ]
            for row in loaded.tracker
        ]
        secretariat = cycle.secretariat
        return CompiledDocument(
            lang=lang,
            heading=NATIONAL_HEADING.get(lang, NATIONAL_HEADING["en"]),
            title=cycle.title,
            theme=pick(cycle.theme_lo, cycle.theme_en, lang),
            held_on=day(cycle.held_on),
            venue=cycle.venue,
            secretariat=pick(secretariat.name_lo, secretariat.name_en, lang) if secretariat else "",
            reference=f"RTP/{cycle.code.upper()}",
            compiled_on=day(loaded.compiled_on),
            chapters=chapters,
            tables={key: {"header": header, "rows": tables[key]} for key, header in _headers().items()},
            charts=overview_charts(tables),
            annex=annex,
            labels={
                "compiled": _("Compiled report of the progress reports of the Sector Working Groups"),
                "theme": _("Theme"),
                "held_on": _("Date of the meeting"),
                "venue": _("Venue"),
                "secretariat": _("Secretariat"),
                "reference": _("Reference"),
                "compiled_on": _("Compiled on"),
                "contents": _("Contents"),
                "overview": _("Overview across the groups"),
                "overview_note": _(
                    "The numbers come from the platform's records, as each group's report froze them when it "
                    "was submitted."
                ),
                "meetings": _("Meetings held per quarter"),
                "minutes": _("Minutes sent and published on time"),
                "priorities": _("Priorities by status"),
                "actions": _("Action points"),
                "attendance": _("Attendance by gender"),
                "annex": _("Annex: submission status"),
                "annex_header": [
                    _("Group"),
                    _("Status"),
                    _("Submitted"),
                    _("Days late"),
                    _("Reminders sent"),
                ],
                "chapter": _("Chapter"),
                "no_reports": _("No progress report has been accepted yet."),
            },
        )


TABLE_KEYS = ("meetings", "minutes", "priorities", "actions", "attendance")


def to_pdf(doc: CompiledDocument) -> bytes:
    with translation.override(doc.lang):
        for chapter in doc.chapters:
            chapter.summary = fact_summary(chapter.facts)
        html = render_to_string(
            "reports/pdf/compiled.html",
            {
                "doc": doc,
                "page_numbers": page_numbers_css(),
                "table_keys": [(key, doc.labels[key], doc.tables[key]) for key in TABLE_KEYS],
                **FONTS,
            },
        )
        return write_pdf(html)


def write_pdf(html: str) -> bytes:
    """core.pdf.render_pdf's WeasyPrint call, on HTML already rendered (the process pool renders it once)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()


def to_docx(doc: CompiledDocument) -> bytes:
    with translation.override(doc.lang):
        L = doc.labels
        document = D.new_document()
        first, second = doc.heading
        D.para(document, first, bold=True, size=12, align="center")
        D.para(document, second, bold=True, size=10.5, align="center")
        D.para(document, "—————", align="center")
        for _n in range(4):
            D.para(document)
        D.para(document, doc.title, bold=True, size=22, align="center")
        D.para(document, L["compiled"], size=13, align="center")
        if doc.theme:
            D.para(document, f"{L['theme']}: {doc.theme}", italic=True, size=12, align="center")
        D.para(document)
        for label, value in (
            (L["held_on"], doc.held_on),
            (L["venue"], doc.venue),
            (L["secretariat"], doc.secretariat),
            (L["reference"], doc.reference),
            (L["compiled_on"], doc.compiled_on),
        ):
            if value:
                D.para(document, f"{label}: {value}", align="center")
        D.new_section(document)
        D.heading(document, L["contents"], 1)
        D.para(document, f"1. {L['overview']}")
        for number, chapter in enumerate(doc.chapters, start=2):
            D.para(document, f"{number}. {chapter.group_name}")
        D.para(document, L["annex"])
        D.new_section(document)
        D.heading(document, f"1. {L['overview']}", 1)
        D.para(document, L["overview_note"], italic=True, size=9)
        for index, key in enumerate(TABLE_KEYS):
            D.heading(document, L[key], 2)
            table = doc.tables[key]
            if table["rows"]:
                D.table(document, table["header"], [[str(v) for v in row] for row in table["rows"]])
                D.chart(document, doc.charts[index])
            else:
                D.para(document, L["no_reports"])
        for number, chapter in enumerate(doc.chapters, start=2):
            D.new_section(document)
            D.heading(document, f"{number}. {chapter.group_name}", 1)
            D.reference_block(
                document,
                chapter,
                left=[chapter.title, f"{chapter.labels['secretariat']}: {chapter.secretariat}"],
                right=[f"{chapter.labels['reference']}: {chapter.reference}",
                       *[f"{label}: {value}" for label, value in chapter.dates]],
            )  # fmt: skip
            D.report_body(document, chapter, level=2, number_prefix=f"{number}.", compact=True)
            D.signature_block(document, chapter)
        D.new_section(document)
        D.heading(document, L["annex"], 1)
        D.table(document, L["annex_header"], doc.annex)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


RENDERERS = {"pdf": to_pdf, "docx": to_docx}


def render(loaded: Loaded, fmt: str, lang: str) -> bytes:
    return RENDERERS[fmt](build(loaded, lang))
