"""Public pages against the shell floor, and the first view's bytes on the wire in Chromium.

    .venv/bin/python bench/pages.py            # the demo as loaded
    .venv/bin/python bench/pages.py 10         # the demo grown 10× (bench/grow.py)
    BENCH_RUNS=50 BENCH_NO_BROWSER=1 .venv/bin/python bench/pages.py

It builds a fresh SQLite database in a temporary folder, loads the demo (and grows it), then:

1. requests each public page RUNS times in-process (Django's test client, the whole middleware stack, an
   anonymous visitor) and prints its p50 and p90, warm (served from the page cache) and cold (the cache
   made stale before each request, so the page is rendered), each as a ratio to the *shell floor*: an empty
   page on base.html through the same middleware (`/<lang>/bench-shell/`, never cached), measured in the
   same run so that the machine's speed cancels out;
2. serves the site with gunicorn as in production (DEBUG off, collectstatic with hashed, precompressed
   files) and opens pages in Debian's Chromium (Playwright), counting every response's bytes on the wire
   (headers and compressed body) on a first visit with an empty cache.

The load average is printed with the figures: the machine is shared, and the ratios are what to compare.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
PAGES = [
    "/lo/",
    "/en/",
    "/lo/groups/",
    "/lo/groups/health/",
    "/en/groups/health/",
    "/lo/directory/organisations/",
    "/lo/frameworks/",
    "/lo/frameworks/sdg/",
    "/lo/frameworks/sdg/?part=3",
    "/lo/meetings/",
    "/lo/meetings/calendar/",
    "/lo/minutes/",
    "/lo/workplans/",
    "/lo/round-table/",
    "/lo/aid/",
    "/lo/site-map/",
]
OTHER = ["/sitemap.xml", "/sitemap-meetings.xml", "/feeds/meetings.ics"]
FIRST_VIEWS = ["/lo/", "/lo/groups/health/", "/en/groups/health/", "/lo/meetings/"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHELL = "/{lang}/bench-shell/"


def shell_urls():
    """The site's own URLs plus the shell floor: base.html with nothing in it, never cached."""
    from django.conf.urls.i18n import i18n_patterns
    from django.urls import path
    from django.views.decorators.cache import never_cache
    from django.views.generic import TemplateView

    import roundtable.urls

    module = type(sys)("bench_shell_urls")
    shell = never_cache(TemplateView.as_view(template_name="base.html"))
    module.urlpatterns = [*roundtable.urls.urlpatterns, *i18n_patterns(path("bench-shell/", shell))]
    sys.modules["bench_shell_urls"] = module
    return module


def timed(client, path: str, runs: int, *, cold: bool) -> list[float]:
    from roundtable.core import pagecache

    client.get(path)
    times = []
    for _ in range(runs):
        if cold:
            pagecache.bump()
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return sorted(times)


def p(times: list[float], q: float) -> float:
    return times[min(len(times) - 1, int(len(times) * q))] * 1000


def in_process(results: dict) -> None:
    from django.test import Client, override_settings

    shell_urls()
    with override_settings(ROOT_URLCONF="bench_shell_urls"):
        client = Client()
        floor = {
            lang: statistics.median(timed(client, SHELL.format(lang=lang), RUNS, cold=False)) * 1000
            for lang in ("lo", "en")
        }
        print(
            f"\nshell floor (empty base.html, same middleware): "
            f"lo {floor['lo']:.2f} ms, en {floor['en']:.2f} ms"
        )
        print(f"{RUNS} requests a page, anonymous; ratios are p50 / shell floor of the page's language\n")
        header = ("page", "KB", "warm p50", "p90", "× floor", "cold p50", "× floor")
        print(f"{header[0]:32}" + "".join(f" {h:>9}" for h in header[1:]))
        for path in PAGES + OTHER:
            lang = "en" if path.startswith("/en/") else "lo"
            warm = timed(client, path, RUNS, cold=False)
            cold = timed(client, path, max(5, RUNS // 3), cold=True)
            size = len(client.get(path).content)
            row = {
                "kb": size / 1024,
                "warm": p(warm, 0.5),
                "warm90": p(warm, 0.9),
                "cold": p(cold, 0.5),
                "floor": floor[lang],
            }
            results[path] = row
            print(
                f"{path:32} {row['kb']:>9.1f} {row['warm']:>9.2f} {row['warm90']:>9.2f}"
                f" {row['warm'] / row['floor']:>9.2f} {row['cold']:>9.2f} {row['cold'] / row['floor']:>9.2f}"
            )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_views(tmp: Path) -> None:
    """Serve the database of DATABASE_URL with gunicorn (DEBUG off) and count a first visit's bytes."""
    from playwright.sync_api import sync_playwright

    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(tmp / "static"),
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(python).with_name("gunicorn")),
            "roundtable.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        print("\nfirst view in Chromium (empty cache; bytes on the wire: headers + compressed bodies)")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for path in FIRST_VIEWS:
                context = browser.new_context()
                page = context.new_page()
                sizes: list[tuple[str, int, str]] = []

                def finished(request, sizes=sizes):
                    measured = request.sizes()
                    response = request.response()
                    encoding = response.headers.get("content-encoding", "") if response else ""
                    total = measured["responseBodySize"] + measured["responseHeadersSize"]
                    sizes.append((request.url.split(str(port), 1)[-1], total, encoding))

                page.on("requestfinished", finished)
                page.goto(f"http://127.0.0.1:{port}{path}", wait_until="networkidle")
                total = sum(size for _, size, _ in sizes)
                print(
                    f"  {path:24} {total / 1024:6.1f} KB in {len(sizes)} responses"
                    f" ({total / 30720:.2f}× the 30 KB limit)"
                )
                for url, size, encoding in sizes:
                    print(f"      {size / 1024:6.1f} KB  {encoding or '-':5} {url}")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="roundtable-pages-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "roundtable.settings"
    os.environ["DEBUG"] = "true"
    os.environ["RT_PAGE_CACHE_STAMP"] = str(tmp / "pages.stamp")
    import django

    django.setup()
    from django.core.management import call_command

    from bench.grow import grow

    factor = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    grow(factor)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"demo loaded{f' and grown {factor}×' if factor > 1 else ''} in {time.perf_counter() - start:.1f} s;"
    )
    print(f"{os.cpu_count()} CPUs, load average {load} (a shared machine: compare the ratios)")
    results: dict = {}
    in_process(results)
    over = [path for path, row in results.items() if row["kb"] > 100]
    print(f"\npages over 100 KB: {', '.join(over) if over else 'none'}")
    if not os.environ.get("BENCH_NO_BROWSER"):
        first_views(tmp)
    print(f"\nload average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
