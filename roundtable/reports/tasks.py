"""The compiled Round Table report, built in the background as a job (its starter follows it on
`/<lang>/jobs/<id>/`); `manage.py compile_report CYCLE` runs the same task in-process.

The four documents (PDF and DOCX, in Lao and in English) are each an item of the job: a job run again after
a failure writes only those not written yet. The cycle's CompiledReport points to the new files once all
four are there; the old ones are removed after the commit.

The records are read once (`compiled.load`); the documents are then laid out from that data alone, in two
processes when the machine has two cores and the process has no other thread (a worker, the command):
WeasyPrint is pure Python and holds the interpreter, so the two PDFs take twice as long one after the
other. The children only compute: they never touch the database (everything is loaded before the fork),
and hand back the bytes. Elsewhere (a threaded development server), or with RT_COMPILE_PROCESSES=1,
the documents are made one after the other.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context

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


# What the forked children render from (set before the pool forks; never pickled).
_loaded: compiled.Loaded | None = None


def _render_one(fmt: str, lang: str) -> bytes:
    return compiled.render(_loaded, fmt, lang)


def processes() -> int:
    wanted = int(os.environ.get("RT_COMPILE_PROCESSES", "2") or 1)
    if threading.active_count() > 1 or not hasattr(os, "fork"):
        return 1
    return max(1, min(wanted, os.cpu_count() or 1))


def render_documents(loaded: compiled.Loaded, outputs: list[tuple[str, str]], done) -> None:
    """Render each (fmt, lang) of `outputs` and call `done(fmt, lang, content)` in this process as each
    is ready. The PDFs come first: they take longest."""
    global _loaded
    outputs = sorted(outputs, key=lambda o: o[0] != "pdf")
    workers = min(processes(), len(outputs))
    if workers <= 1:
        for fmt, lang in outputs:
            done(fmt, lang, compiled.render(loaded, fmt, lang))
        return
    _loaded = loaded
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            futures = {pool.submit(_render_one, fmt, lang): (fmt, lang) for fmt, lang in outputs}
            for future in as_completed(futures):
                fmt, lang = futures[future]
                done(fmt, lang, future.result())
    finally:
        _loaded = None


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
        pending = []
        for fmt, lang in outputs:
            key, name = f"{fmt}:{lang}", compiled_name(cycle, job_id, fmt, lang)
            if key in run.done_keys and default_storage.exists(name):
                names[(fmt, lang)] = name
            else:
                pending.append((fmt, lang))

        def store(fmt: str, lang: str, content: bytes) -> None:
            name = compiled_name(cycle, job_id, fmt, lang)
            if default_storage.exists(name):
                default_storage.delete(name)
            names[(fmt, lang)] = default_storage.save(name, ContentFile(content))
            run.item_done(f"{fmt}:{lang}")

        render_documents(loaded, pending, store)
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
