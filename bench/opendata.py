"""Benchmark of the open data downloads: a large dataset streamed, its peak memory and its rows per second.

    .venv/bin/python bench/opendata.py [ROWS]      # default 20,000 organisations

It builds a fresh SQLite database in a temporary folder, creates ROWS organisations (`bulk_create`), then
downloads `/en/data/organisations.csv` and `.json` in-process with Django's test client, consuming the
stream chunk by chunk as a client would. Figures printed, for each format:

- rows per second;
- the peak of Python's allocations while streaming (tracemalloc), and the same peak when the whole API
  list is built in memory at once (one page of ROWS rows through the same serializer): the floor to compare
  with. Streaming reads PAGE_SIZE rows at a time, so its peak should stay flat as ROWS grows.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="roundtable-bench-opendata-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
os.environ["DEBUG"] = "true"


def main(rows: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client, RequestFactory

    from roundtable.api.opendata.datasets import BY_SLUG
    from roundtable.directory.models import Organisation

    call_command("migrate", verbosity=0)
    Organisation.objects.bulk_create(
        Organisation(name_en=f"Organisation {i}", name_lo=f"ອົງການ {i}", acronym=f"O{i}", kind="ngo")
        for i in range(rows)
    )
    client = Client()
    # Warm up: the schema (built once per process and language), the URL resolver, the translations.
    b"".join(client.get("/en/data/frameworks.csv").streaming_content)

    for fmt in ("csv", "json"):
        tracemalloc.start()
        start = time.perf_counter()
        response = client.get(f"/en/data/organisations.{fmt}")
        size = sum(len(chunk) for chunk in response.streaming_content)
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{fmt}: {rows} rows, {size / 1e6:.1f} MB in {seconds:.2f} s = {rows / seconds:,.0f} rows/s; "
            f"peak {peak / 1e6:.1f} MB streamed"
        )

    # The floor: the whole list serialised at once, as one API page of every row would be.
    dataset = BY_SLUG["organisations"]
    view = dataset.viewset()
    view.request = RequestFactory().get(dataset.api_path)
    view.format_kwarg = None
    tracemalloc.start()
    data = view.get_serializer(view.get_queryset(), many=True).data
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"all {len(data)} rows in memory at once: peak {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
