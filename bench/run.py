"""Benchmarks of the public website on the demo data: time per page against a floor, and page weight.

Run on its own: `make bench` (or `.venv/bin/python bench/run.py`). It builds a fresh SQLite database in a
temporary folder, loads the demo, then requests each page N times in-process with Django's test client.

Figures printed:
- median and 90th-percentile time per page, and the ratio to the floor (`/healthz`: one SELECT 1 through
  the whole middleware stack), measured in the same run so that the machine's speed cancels out;
- database queries per page;
- the HTML's size raw and gzipped, and the weight of a first visit on a slow link
  (gzipped HTML + CSS + the Lao fonts + htmx where the page uses it);
- then bench/pages.py's table: each public page's p50, warm (page cache) and cold, against the shell
  floor (an empty page on base.html through the same middleware). BENCH_BROWSER=1 adds the first view's
  bytes on the wire in Chromium (gunicorn with DEBUG off).
"""

import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="roundtable-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
os.environ["DEBUG"] = "true"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
PAGES = [
    "/healthz",
    "/lo/",
    "/lo/groups/",
    "/lo/groups/health/",
    "/en/groups/health/",
    "/lo/directory/organisations/",
    "/lo/frameworks/sdg/",
    "/lo/meetings/",
    "/lo/meetings/calendar/",
    "/lo/minutes/",
    "/lo/workplans/",
    "/api/v1/groups/",
    "/feeds/meetings.ics",
    "/sitemap.xml",
]
STATIC = [
    "css/site.css",
    "fonts/NotoSansLao-Regular.woff2",
    "fonts/NotoSansLao-Bold.woff2",
    "js/htmx.min.js",
]


def measure(client: Client, path: str) -> dict:
    client.get(path)  # warm caches (templates, translations)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    body = response.content
    times.sort()
    return {
        "status": response.status_code,
        "median_ms": statistics.median(times) * 1000,
        "p90_ms": times[int(len(times) * 0.9) - 1] * 1000,
        "queries": len(queries),
        "bytes": len(body),
        "gzip": len(gzip.compress(body)),
    }


def main() -> None:
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    print(f"demo loaded in {time.perf_counter() - start:.1f} s (fresh SQLite database)")
    client = Client()
    results = {path: measure(client, path) for path in PAGES}
    floor = results["/healthz"]["median_ms"]
    print(f"\n{RUNS} requests per page; floor = /healthz median {floor:.2f} ms\n")
    header = ("page", "status", "median ms", "p90 ms", "× floor", "queries", "KB", "KB gz")
    print(f"{header[0]:34}" + "".join(f" {h:>9}" for h in header[1:]))
    for path, r in results.items():
        print(
            f"{path:34} {r['status']:>9} {r['median_ms']:>9.1f} {r['p90_ms']:>9.1f}"
            f" {r['median_ms'] / floor:>9.1f} {r['queries']:>9}"
            f" {r['bytes'] / 1024:>9.1f} {r['gzip'] / 1024:>9.1f}"
        )
    static_dir = ROOT / "roundtable" / "static"
    static_bytes = 0
    body = client.get("/lo/groups/health/").content
    # htmx only where the page uses it (base.html adds its script then).
    for name in [n for n in STATIC if "htmx" not in n or b"htmx.min.js" in body]:
        data = (static_dir / name).read_bytes()
        # WhiteNoise serves text assets precompressed; the woff2 font is already compressed.
        static_bytes += len(data) if name.endswith(".woff2") else len(gzip.compress(data))
    page = results["/lo/groups/health/"]["gzip"]
    print(
        f"\nfirst visit of /lo/groups/health/ on a slow link: {page / 1024:.1f} KB page + "
        f"{static_bytes / 1024:.1f} KB CSS, Lao fonts (and htmx where used)"
        f" = {(page + static_bytes) / 1024:.1f} KB"
    )
    # Each public page against the shell floor (an empty base.html through the same middleware), warm and
    # cold (bench/pages.py); the first view in Chromium on the wire: bench/pages.py's own run.
    sys.path.insert(0, str(ROOT / "bench"))
    from pages import in_process

    in_process({})
    if os.environ.get("BENCH_BROWSER"):
        from pages import first_views

        first_views(Path(TMP))


if __name__ == "__main__":
    main()
