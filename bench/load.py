"""Load test: readers and writers at once against gunicorn on loopback, then a check that every write the
server acknowledged is in the database.

    .venv/bin/python bench/load.py                       # SQLite in a temporary folder (the default engine)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/roundtable_bench .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --sqlite-legacy       # SQLite as Django sets it up by default, to compare

It migrates the database and loads the demo (PostgreSQL: the database is created if missing and emptied
first), serves it with gunicorn on 127.0.0.1, and for `--seconds` (default 60) runs `--readers` (50) threads
reading public pages and `--writers` (20) threads, each logged in as the Health secretariat in its own
session, recording action-point updates with a unique note. Only loopback is ever addressed; every loop is
bounded in time. Printed: requests per second, p50 and p99 latency for reads and for writes, errors by
kind, and how many acknowledged writes are missing from the database (must be 0).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
READ_PATHS = ["/lo/", "/en/groups/", "/lo/groups/health/", "/lo/meetings/", "/en/minutes/", "/lo/workplans/"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict) -> None:
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        name = urllib.parse.urlparse(url).path.lstrip("/")
        admin = url.rsplit("/", 1)[0] + "/postgres"
        code = (
            "import psycopg, sys\n"
            f"c = psycopg.connect({admin!r}, autocommit=True)\n"
            f"c.execute('DROP DATABASE IF EXISTS {name}')\n"
            f"c.execute('CREATE DATABASE {name}')\n"
        )
        subprocess.run([PY, "-c", code], check=True)
    for args in (["migrate", "--no-input", "-v", "0"], ["load_demo"]):
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


class Session:
    """A browser's session: its own cookies, CSRF token read from the cookie."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=30) as response:
            response.read()
            return response.status

    def login(self, username: str) -> None:
        self.get("/en/accounts/login/")
        self.post("/en/accounts/login/", {"username": username, "password": "demo", "next": "/en/"})


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.read_times: list[float] = []
        self.write_times: list[float] = []
        self.errors: Counter = Counter()
        self.acknowledged: list[str] = []

    def record(self, kind: str, seconds: float, error: str | None = None, note: str | None = None) -> None:
        with self.lock:
            if error:
                self.errors[f"{kind}: {error}"] += 1
                return
            (self.read_times if kind == "read" else self.write_times).append(seconds)
            if note:
                self.acknowledged.append(note)


def reader(base: str, until: float, results: Results) -> None:
    session = Session(base)
    while time.monotonic() < until:
        start = time.monotonic()
        try:
            status, _ = session.get(random.choice(READ_PATHS))
            results.record("read", time.monotonic() - start, None if status == 200 else str(status))
        except urllib.error.HTTPError as exc:
            results.record("read", 0, str(exc.code))
        except OSError as exc:
            results.record("read", 0, type(exc).__name__)


def writer(base: str, until: float, results: Results, points: list[int], n: int) -> None:
    session = Session(base)
    session.login("health-secretariat")
    i = 0
    while time.monotonic() < until:
        i += 1
        note = f"load-{n}-{i}-{random.randrange(10**9)}"
        path = f"/en/minutes/action-point/{random.choice(points)}/"
        start = time.monotonic()
        try:
            session.get(path)  # a fresh form, as a person would open it
            status = session.post(path, {"status": "in_progress", "note": note})
            ok = status == 200
            results.record(
                "write", time.monotonic() - start, None if ok else str(status), note if ok else None
            )
        except urllib.error.HTTPError as exc:
            results.record("write", 0, str(exc.code))
        except OSError as exc:
            results.record("write", 0, type(exc).__name__)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def health_action_points(env: dict) -> list[int]:
    code = (
        "import django; django.setup()\n"
        "from roundtable.minutes.models import ActionPoint\n"
        "print(*ActionPoint.objects.filter(group__code='health', status__in=['open', 'in_progress'])"
        ".values_list('pk', flat=True))\n"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return [int(x) for x in out.stdout.split()]


def missing_writes(env: dict, notes: list[str]) -> int:
    code = (
        "import django, sys; django.setup()\n"
        "from roundtable.minutes.models import ActionPointUpdate\n"
        "rows = ActionPointUpdate.objects.filter(note__startswith='load-')\n"
        "saved = set(rows.values_list('note', flat=True))\n"
        "wanted = set(sys.stdin.read().split())\n"
        "print(len(wanted - saved))\n"
    )
    out = subprocess.run(
        [PY, "-c", code],
        cwd=ROOT,
        env=env,
        input="\n".join(notes),
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--sqlite-legacy", action="store_true", help="SQLite without WAL and IMMEDIATE transactions"
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="roundtable-load-")
    env = {
        **os.environ,
        "DEBUG": "true",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "roundtable.settings",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp}/load.sqlite3")
    env.setdefault("MEDIA_ROOT", f"{tmp}/media")
    if args.sqlite_legacy:
        env["RT_SQLITE_LEGACY"] = "1"
    engine = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
    print(f"preparing {engine} database with the demo …", flush=True)
    prepare(env)
    points = health_action_points(env)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "roundtable.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.3)
        results = Results()
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=reader, args=(base, until, results)) for _ in range(args.readers)]
        threads += [
            threading.Thread(target=writer, args=(base, until, results, points, n))
            for n in range(args.writers)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    reads, writes = results.read_times, results.write_times
    errors = sum(results.errors.values())
    total = len(reads) + len(writes) + errors
    print(f"engine: {engine}{' (legacy journal, deferred transactions)' if args.sqlite_legacy else ''}")
    print(
        f"load: {args.readers} readers + {args.writers} writers for {elapsed:.0f} s, gunicorn "
        f"{args.workers} workers × {args.threads} threads"
    )
    print(f"requests: {total} ({total / elapsed:.1f}/s); reads {len(reads)}, writes {len(writes)}")
    ms = 1000
    print(
        f"read latency: p50 {statistics.median(reads) * ms if reads else float('nan'):.0f} ms, "
        f"p99 {percentile(reads, 99) * ms:.0f} ms"
    )
    write_p50 = statistics.median(writes) * ms if writes else float("nan")
    write_p99 = percentile(writes, 99) * ms
    print(f"write latency (open the form + post): p50 {write_p50:.0f} ms, p99 {write_p99:.0f} ms")
    failed_writes = sum(n for k, n in results.errors.items() if k.startswith("write"))
    print(f"errors: {errors} ({', '.join(f'{k} ×{n}' for k, n in results.errors.items()) or 'none'})")
    attempted = len(writes) + failed_writes
    print(f"write errors: {failed_writes} of {attempted} ({100 * failed_writes / max(attempted, 1):.1f} %)")
    print(f"acknowledged writes missing from the database: {missing_writes(env, results.acknowledged)}")


if __name__ == "__main__":
    main()
