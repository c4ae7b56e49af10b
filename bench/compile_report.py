"""Benchmark of the compiled Round Table report: the demo's last RTIM (the 10 SWGs' published reports),
compiled in Lao and English, PDF and DOCX, against the floor of one progress report in the same run.

Run on its own: `.venv/bin/python bench/compile_report.py`. It builds a fresh SQLite database in a temporary
folder and loads the demo, unless `BENCH_DATABASE_URL` names a database that holds the demo already (e.g. `BENCH_DATABASE_URL=sqlite:////tmp/demo.sqlite3`).

Figures printed (each the median of BENCH_RUNS runs, 3 by default):
- the floor: one progress report (the first SWG's) exported as PDF and DOCX in both languages, the same four
  documents as the compiled report, for one group;
- the compiled report: `manage.py compile_report`'s task (the job, its four documents, the record), and its
  ratio to the floor; the issue asks for at most 10 s;
- the time of each of the compiled report's four documents, and the queries it makes.
"""

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="roundtable-bench-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("MEDIA_ROOT", f"{TMP}/media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
os.environ["DEBUG"] = "true"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from roundtable.reports.exports import compiled  # noqa: E402
from roundtable.reports.exports import report as report_exports  # noqa: E402
from roundtable.reports.models import Cycle, ProgressReport  # noqa: E402
from roundtable.reports.tasks import compile_now, processes  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
LIMIT = 10.0  # seconds, the bound for the demo's 10 SWGs in both languages


def cpu() -> float:
    """CPU seconds of this process and of the children it waited for (the compilation's second process)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn) -> tuple[float, float]:
    start, start_cpu = time.perf_counter(), cpu()
    fn()
    return time.perf_counter() - start, cpu() - start_cpu


def median(fn) -> tuple[float, float]:
    fn()  # warm: templates, fonts, translations
    runs = [timed(fn) for _ in range(RUNS)]
    return statistics.median(w for w, _c in runs), statistics.median(c for _w, c in runs)


def main() -> None:
    if not os.environ.get("BENCH_DATABASE_URL"):
        print("Loading the demo into a fresh database…", flush=True)
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    year = timezone.localdate().year - 1
    cycle = (
        Cycle.objects.filter(code=f"rtim-{year}").first()
        or Cycle.objects.published().order_by("-held_on").first()
    )
    if cycle is None:
        sys.exit("No published cycle in the database: load the demo first.")
    reports = ProgressReport.objects.filter(cycle=cycle, status__in=["accepted", "published"]).select_related(
        "cycle", "group"
    )
    first = reports.order_by("group__order", "group__code").first()
    print(f"Cycle {cycle.code}: {reports.count()} progress reports; {RUNS} runs each, medians.\n")

    def one_report():
        for lang in ("lo", "en"):
            for fmt in ("pdf", "docx"):
                report_exports.render(first, fmt, lang)

    floor, floor_cpu = median(one_report)
    total, total_cpu = median(lambda: compile_now(cycle))
    loaded = compiled.load(cycle)
    parts = {
        f"{fmt} {lang}": median(lambda fmt=fmt, lang=lang: compiled.render(loaded, fmt, lang))
        for lang in compiled.LANGS
        for fmt in compiled.FORMATS
    }
    # The log keeps the last 9,000 queries: once the runs above have filled it, a count taken across the
    # compilation reads 0. Empty it first.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        compile_now(cycle)

    print(f"{'':45} {'wall':>9} {'cpu':>9}")
    print(f"{'floor: one report (PDF+DOCX, lo+en)':45} {floor:7.2f} s {floor_cpu:7.2f} s")
    print(
        f"{'compiled report (PDF+DOCX, lo+en)':45} {total:7.2f} s {total_cpu:7.2f} s"
        f"   {total / floor:5.1f}× the floor (wall), {total_cpu / floor_cpu:4.1f}× (cpu)"
    )
    for name, (seconds, seconds_cpu) in parts.items():
        print(f"{'  of which ' + name + ' (one process)':45} {seconds:7.2f} s {seconds_cpu:7.2f} s")
    print(f"{'  queries of one compilation':45} {len(queries):7d}")
    print(f"{'  processes used for the documents':45} {processes():7d}")
    load = os.getloadavg()[0]
    print(f"{'  load average of the machine (1 min)':45} {load:7.2f}   on {os.cpu_count()} cores")
    verdict = "within" if total <= LIMIT else "OVER"
    print(f"\nThe compiled report takes {total:.2f} s: {verdict} the {LIMIT:.0f} s bound.")


if __name__ == "__main__":
    main()
