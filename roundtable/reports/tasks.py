"""The compiled Round Table report, built in the background as a job (its starter follows it on
`/<lang>/jobs/<id>/`); `manage.py compile_report CYCLE` runs the same task in-process.

The four documents (PDF and DOCX, in Lao and in English) are written one after the other, each its own
item of the job: a job run again after a failure writes only those not written yet. The cycle's
CompiledReport points to the new files once all four are there; the old ones are removed after the commit.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from roundtable.core.tasks import job_create, job_run, job_start

from .exports import compiled
from .models import CompiledReport, Cycle


def compiled_name(cycle: Cycle, job_id: int, fmt: str, lang: str) -> str:
    return f"round-table/{cycle.code}/compiled/{job_id}/round-table-report-{cycle.code}-{lang}.{fmt}"


@task()
def compile_report(*, job_id: int, cycle_id: int) -> dict:
    """Build the compiled report of the cycle in both languages and both formats."""
    with job_run(job_id) as run:
        if run.already_done:
            return run.job.outcome
        cycle = Cycle.objects.get(pk=cycle_id)
        loaded = compiled.load(cycle)
        outputs = [(fmt, lang) for lang in compiled.LANGS for fmt in compiled.FORMATS]
        run.set_total(len(outputs))
        names = {}
        for fmt, lang in outputs:
            key, name = f"{fmt}:{lang}", compiled_name(cycle, job_id, fmt, lang)
            if key not in run.done_keys or not default_storage.exists(name):
                if default_storage.exists(name):
                    default_storage.delete(name)
                name = default_storage.save(name, ContentFile(compiled.render(loaded, fmt, lang)))
                run.item_done(key)
            names[(fmt, lang)] = name
        _attach(cycle, run.job, names, len(loaded.reports))
        return run.finish({"reports": len(loaded.reports), "documents": len(names)})


def _attach(cycle: Cycle, job, names: dict, count: int) -> None:
    with transaction.atomic():
        record, _created = CompiledReport.objects.select_for_update().get_or_create(
            cycle=cycle, defaults={"compiled_at": timezone.now()}
        )
        old = [f.name for f in (record.pdf_lo, record.pdf_en, record.docx_lo, record.docx_en) if f]
        for (fmt, lang), name in names.items():
            getattr(record, f"{fmt}_{lang}").name = name
        record.compiled_at = timezone.now()
        record.compiled_by = job.started_by
        record.report_count = count
        record.save()
        stale = [name for name in old if name not in names.values()]
        transaction.on_commit(lambda: [default_storage.delete(name) for name in stale])


def compile_start(*, cycle: Cycle, actor, return_path: str = ""):
    """Queue the compilation of the cycle's report (run at once with the immediate backend)."""
    return job_start(
        compile_report,
        kind="reports.compile",
        title=lambda: _("Compiled report: %(cycle)s") % {"cycle": cycle.title},
        total=4,
        return_path=return_path,
        started_by=actor,
        cycle_id=cycle.pk,
    )


def compile_now(cycle: Cycle) -> dict:
    """The same task in this process (the management command, the benchmark)."""
    job = job_create(
        compile_report,
        kind="reports.compile",
        title=lambda: _("Compiled report: %(cycle)s") % {"cycle": cycle.title},
        total=4,
        cycle_id=cycle.pk,
    )
    return compile_report.call(job_id=job.pk, cycle_id=cycle.pk)
