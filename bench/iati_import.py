"""Benchmark of the IATI import: activities per second and peak memory, on 5,000 and on 50,000 activities.

Run on its own: `.venv/bin/python bench/iati_import.py` (SQLite in a temporary folder; `DATABASE_URL` for
another database: it must be an empty one). It generates two files of synthetic activities (5,000 and
50,000; two organisations, one or two sectors, a province, a budget and three transactions each, one in ten
for another country), imports each through the importer that the upload page and `manage.py import_iati`
use (streamed, schema-validated, written in batches), and prints for each:

- activities per second (file read, validated, converted, written, funding shares counted), by the wall
  clock and by the process's CPU time (SQLite runs in the process: the CPU figure does not depend on what
  else the machine is doing, the wall-clock one does);
- peak memory of the import: the Python heap's peak (tracemalloc, measured in a second import of the same
  size into a fresh set of identifiers, since tracing slows Python down), and the process's resident peak;
- flat memory means the 50,000-activity peak is close to the 5,000-activity one (the file is 10× larger).

Target: at least 1,000 activities a second on the machine of the issue.
"""

import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="roundtable-bench-iati-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
# DEBUG off: with it on, Django keeps every query of the run in memory.
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ["MEDIA_ROOT"] = str(TMP / "media")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from roundtable.aid.default_mapping import DEFAULT_MAPPING  # noqa: E402
from roundtable.aid.demo.generate import write_synthetic  # noqa: E402
from roundtable.aid.models import Activity, ImportRun, ImportVia, SourceFile  # noqa: E402
from roundtable.aid.services.importing import iati_import_file  # noqa: E402
from roundtable.aid.services.mapping import mapping_seed_defaults  # noqa: E402
from roundtable.groups.models import Group  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "5000,50000").split(",")]
TARGET = 1000


def rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_file(path: Path, traced: bool) -> tuple[float, float, float, object]:
    run = ImportRun.objects.create(via=ImportVia.COMMAND)
    source = SourceFile.objects.create(run=run, name=path.name)
    if traced:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        result = iati_import_file(handle=handle, source_file=source)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = 0.0
    if traced:
        peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
    return elapsed, cpu, peak, result


def main() -> None:
    call_command("migrate", verbosity=0)
    # The ten SWGs and the sub-SWGs of the default mapping, so that the shares are split as in real use.
    for code in (
        "macro",
        "trade",
        "infrastructure",
        "agriculture",
        "environment",
        "education",
        "health",
        "governance",
        "drugs",
        "uxo",
    ):
        Group.objects.create(kind="swg", code=code, name_en=code.title())
    for code in {c for rows in DEFAULT_MAPPING.values() for c, _pct in rows if "-" in c}:
        Group.objects.create(
            kind="subswg", code=code, name_en=code, parent=Group.objects.get(code=code.split("-")[0])
        )
    mapping_seed_defaults()
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    database = os.environ["DATABASE_URL"].split(":")[0]
    print(f"IATI import benchmark ({os.cpu_count()} CPUs, load average {load}, database {database})")
    rows = []
    for size in SIZES:
        timed = TMP / f"activities-{size}.xml"
        traced = TMP / f"activities-{size}-traced.xml"
        write_synthetic(timed, size, seed=size)
        write_synthetic(traced, size, seed=size + 1)
        mb = timed.stat().st_size / (1024 * 1024)
        elapsed, cpu, _peak, result = import_file(timed, traced=False)
        rss = rss_mb()
        _elapsed, _cpu, peak, _result = import_file(traced, traced=True)
        rate = size / elapsed
        rows.append((size, mb, elapsed, rate, peak, rss, result))
        print(
            f"{size:>7,} activities ({mb:6.1f} MB): {elapsed:6.1f} s, {rate:7,.0f} activities/s "
            f"({size / cpu:,.0f} per CPU second), "
            f"peak Python memory {peak:6.1f} MB, process peak {rss:6.0f} MB "
            f"({result.lao_activities:,} kept for Lao PDR, {result.refused_activities} refused)"
        )
    print(f"Activities in the database: {Activity.objects.count():,}")
    slowest = min(rate for _s, _mb, _e, rate, *_ in rows)
    print(
        f"Slowest: {slowest:,.0f} activities/s (target {TARGET:,}): "
        f"{'met' if slowest >= TARGET else 'NOT met'}"
    )
    if len(rows) >= 2:
        first, last = rows[0][4], rows[-1][4]
        print(
            f"Peak Python memory {first:.1f} MB at {rows[0][0]:,}, "
            f"{last:.1f} MB at {rows[-1][0]:,} activities"
        )


if __name__ == "__main__":
    main()
