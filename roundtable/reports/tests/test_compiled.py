"""The compiled Round Table report: built by a job (its four documents each an item, a done job not run
again), by `manage.py compile_report CYCLE` too; each accepted group's chapter present in each language, the
overview's numbers equal to the records, the annex naming every group's state; A4 with nothing outside the
page; single reports in the Government layout."""

import io
from datetime import date

import pdfplumber
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from docx import Document

from roundtable.core.jobs.models import Job, JobStatus
from roundtable.groups.models import ChairTerm
from roundtable.reports.exports import compiled
from roundtable.reports.exports import report as report_exports
from roundtable.reports.facts import compute_facts
from roundtable.reports.models import CompiledReport, ReportStatus
from roundtable.reports.tasks import compile_now, compile_report
from roundtable.workplans.models import WorkPlan

DEC_1 = timezone.make_aware(timezone.datetime(2026, 12, 1, 10, 0))
A4 = (595.28, 841.89)


@pytest.fixture
def accepted(world, reporting, records, make_report):
    """Health and Education accepted on 1 December 2026 (the facts frozen then)."""
    WorkPlan.objects.create(group=world.education, year=2026, status="draft")
    # The world has no chair for Education: Health's chair chairs it too, so that its report is approved.
    ChairTerm.objects.create(
        group=world.education, role="chair", organisation=world.moes, person=world.people["chair"],
        start_date=date(2024, 1, 1),
    )  # fmt: skip
    with time_machine.travel(DEC_1, tick=False):
        health = make_report(ReportStatus.ACCEPTED)
        education = make_report(ReportStatus.ACCEPTED, group=world.education)
    return health, education


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def docx_tables(content: bytes) -> list[list[list[str]]]:
    document = Document(io.BytesIO(content))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_job_builds_four_documents_and_a_done_job_is_not_run_again(world, reporting, accepted):
    outcome = compile_now(reporting.cycle)
    assert outcome == {"reports": 2, "documents": 4}
    job = Job.objects.get(kind="reports.compile")
    assert (job.status, job.total, job.done) == (JobStatus.DONE, 4, 4)
    record = CompiledReport.objects.get(cycle=reporting.cycle)
    assert record.report_count == 2
    names = [record.file_for(fmt, lang).name for fmt in ("pdf", "docx") for lang in ("lo", "en")]
    assert all(f"/compiled/{job.pk}/" in name for name in names)
    # Run again (a retry of a job that finished): nothing is rebuilt, the outcome is the recorded one.
    assert compile_report.call(job_id=job.pk, cycle_id=reporting.cycle.pk) == outcome
    # Compiled again: new files replace the old ones in the record.
    compile_now(reporting.cycle)
    record.refresh_from_db()
    assert record.pdf_lo.name != names[0]


def test_each_chapter_is_there_in_each_language_and_the_numbers_are_the_records(world, reporting, accepted):
    health, education = accepted
    loaded = compiled.load(reporting.cycle)
    expected = compute_facts(world.health, 2026, on=DEC_1.date())
    for lang in ("lo", "en"):
        names = {g: (g.name_lo if lang == "lo" else g.name_en) for g in (world.health, world.education)}
        text = pdf_text(compiled.render(loaded, "pdf", lang))
        for name in names.values():
            assert name in text, (lang, name)
        docx = compiled.render(loaded, "docx", lang)
        paragraphs = docx_text(docx)
        assert f"2. {names[world.education]}" in paragraphs and f"3. {names[world.health]}" in paragraphs
        tables = docx_tables(docx)
        # The overview's five tables come first: meetings, minutes, priorities, action points, attendance.
        meetings, minutes, priorities, actions, attendance = tables[:5]
        assert meetings[0][1:5] == ["Q1", "Q2", "Q3", "Q4"]
        health_row = next(r for r in meetings if r[0] == names[world.health])
        assert health_row[1:6] == [
            *map(str, expected["meetings"]["quarters"]),
            str(expected["meetings"]["held"]),
        ]
        health_minutes = next(r for r in minutes if r[0] == names[world.health])
        m = expected["minutes"]
        assert health_minutes[1:] == [
            str(m["meetings"]), str(m["sent_on_time"]), str(m["sent_late"] + m["not_sent"]),
            str(m["published_on_time"]), str(m["published_late"] + m["not_published"]),
        ]  # fmt: skip
        assert next(r for r in priorities if r[0] == names[world.health])[1:] == ["1", "1", "0", "0", "0"]
        a = expected["action_points"]
        assert next(r for r in actions if r[0] == names[world.health])[1:] == [
            str(a["done"]),
            str(a["open"] - a["overdue"]),
            str(a["overdue"]),
            str(a["dropped"]),
            str(a["total"]),
        ]
        health_att = next(r for r in attendance if r[0] == names[world.health])
        att = expected["attendance"]
        assert health_att[1:] == [str(att["women"]), str(att["men"]), str(att["other"]), str(att["total"])]
        annex = tables[-1]
        assert [r[0] for r in annex[1:]] == [names[world.education], names[world.health]]
    # Frozen: a meeting recorded after the acceptance changes neither the chapter nor the overview.
    assert health.facts["meetings"]["quarters"] == expected["meetings"]["quarters"]


def test_only_accepted_reports_are_compiled_and_the_annex_names_the_others(
    world, reporting, records, make_report
):
    make_report(ReportStatus.SUBMITTED)
    loaded = compiled.load(reporting.cycle)
    assert loaded.reports == []
    doc = compiled.build(loaded, "en")
    assert doc.chapters == []
    assert [row[:2] for row in doc.annex] == [
        ["Education", "Not started"],
        ["Health", "Submitted to the RTP Secretariat"],
    ]


def test_the_command_compiles_a_cycle_by_its_code(world, reporting, accepted):
    out = io.StringIO()
    call_command("compile_report", "rtim-2026", stdout=out)
    assert "2 progress reports" in out.getvalue()
    assert CompiledReport.objects.filter(cycle=reporting.cycle).exists()
    with pytest.raises(CommandError, match="rtim-2026"):
        call_command("compile_report", "nope")


def _misfits(content: bytes) -> list[str]:
    problems = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if abs(page.width - A4[0]) > 2 or abs(page.height - A4[1]) > 2:
                problems.append(f"page {number} is not A4 portrait")
            outside = [c for c in page.chars if c["x0"] < -1 or c["x1"] > page.width + 1]
            if outside:
                problems.append(f"page {number}: {''.join(c['text'] for c in outside[:30])!r}")
    return problems


def test_every_pdf_is_a4_with_nothing_outside_the_page_and_says_page_n_of_m(world, reporting, accepted):
    health, _education = accepted
    loaded = compiled.load(reporting.cycle)
    for lang in ("lo", "en"):
        for content in (compiled.render(loaded, "pdf", lang), report_exports.render(health, "pdf", lang)):
            assert _misfits(content) == []
            with pdfplumber.open(io.BytesIO(content)) as pdf:
                pages = len(pdf.pages)
                last = pdf.pages[-1].extract_text()
            assert f"{pages}" in last.splitlines()[-1]


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_a_single_report_has_the_government_layout(world, reporting, accepted, lang):
    health, _education = accepted
    text = pdf_text(report_exports.render(health, "pdf", lang))
    heading = {"lo": "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ", "en": "Lao People's Democratic Republic"}[lang]
    motto = {"lo": "ວັດທະນະຖາວອນ", "en": "Peace Independence Democracy Unity Prosperity"}[lang]
    assert heading in text and motto in text
    assert "RTP/RTIM-2026/HEALTH" in text
    assert (world.health.name_lo if lang == "lo" else "Health") in text
    assert "Bounkong Sihavong" in text or "ບຸນກອງ ສີຫາວົງ" in text  # the chair who approved it signs
    docx = report_exports.render(health, "docx", lang)
    paragraphs = docx_text(docx)
    assert heading in paragraphs and "………" in paragraphs
    footer = Document(io.BytesIO(docx)).sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
