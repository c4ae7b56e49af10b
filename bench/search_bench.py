"""Search benchmarks, run on their own (not tests: they print figures).

    .venv/bin/python bench/search_bench.py                  # 100,000 documents, SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/search_bench.py
    .venv/bin/python bench/search_bench.py --segmenters     # how the Lao segmenters compare

    .venv/bin/python bench/search_bench.py --keep            # the database stays (SEARCH_BENCH_DB)
    .venv/bin/python bench/search_bench.py --reuse           # queries on the kept one, not built again

The query benchmark builds SEARCH_BENCH_DOCS (100,000) index entries of realistic Lao and English text (the
SDG targets and indicators in both languages, the glossary's terms and minutes-like sentences, recombined),
in a fresh database (a temporary SQLite file, or a database SEARCH_BENCH_DB, `bench_search`, created next to
the one DATABASE_URL names and dropped at the end), then times the search API (`roundtable.search.query`) as
the search page calls it: a mix of Lao and English phrase, word and substring queries, for the public and for
a member of a group, first page of 20 with its count. Beside them, in the same run, the floor: a primary-key
lookup of one entry through the ORM. It prints p50 and p95 of each, and their ratio.

`--segmenters` measures each installed segmenter on data built for it (roundtable/search/tests/data/
lao_gold.txt: sentences segmented by hand, boundaries inside compounds optional) and on the glossary's terms
searched as phrases in real Lao (the SDG texts, the interface's Lao strings): boundary precision, recall and
F1, phrase recall against a substring test, and speed. Run it in an environment with each ICU wheel to
compare them (only one PyICU can be installed at a time).
"""

from __future__ import annotations

import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "roundtable" / "search" / "tests" / "data" / "lao_gold.txt"


# --- the Lao texts both modes use ---------------------------------------------------------------------


def sdg_texts(lang: str) -> list[str]:
    import yaml

    texts = []
    for name in ("global_goals", "global_targets", "global_indicators"):
        path = SHARED / "data" / "sdg" / lang / f"{name}.yml"
        if path.exists():
            texts += [str(v) for v in yaml.safe_load(path.read_text(encoding="utf-8")).values()]
    return texts


def glossary_terms() -> list[tuple[str, str]]:
    """(Lao, English) pairs of the glossary's tables."""
    path = SHARED / "glossary.md"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and re.search("[\u0e80-\u0eff]", cells[0]):
            for lo in re.split(r"\s*/\s*", cells[0]):
                pairs.append((lo.strip(), cells[1]))
    return pairs


def interface_strings() -> list[str]:
    path = ROOT / "locale" / "lo" / "LC_MESSAGES" / "django.po"
    if not path.exists():
        return []
    found = re.findall(r'^msgstr(?:\[\d\])? "(.+)"$', path.read_text(encoding="utf-8"), re.M)
    return [s for s in found if re.search("[\u0e80-\u0eff]", s)]


def gold_sentences() -> list[str]:
    return [
        line.strip()
        for line in GOLD.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


# --- segmenters -------------------------------------------------------------------------------------


def gold_boundaries(line: str) -> tuple[str, set[int], set[int]]:
    """The sentence without marks, its required boundaries and its optional ones (character offsets)."""
    text, required, optional = "", set(), set()
    for ch in line:
        if ch == "|":
            required.add(len(text))
        elif ch == "¦":
            optional.add(len(text))
        else:
            text += ch
    return text, required, optional


def predicted_boundaries(pieces: list[str]) -> set[int]:
    offsets, at = set(), 0
    for piece in pieces[:-1]:
        at += len(piece)
        offsets.add(at)
    return offsets


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def measure_segmenters() -> None:
    from roundtable.search import text

    available = []
    for name in text.SEGMENTERS:
        try:
            text.SEGMENTERS[name]("ທົດລອງ")
        except ImportError:
            continue
        available.append(name)
    icu_version = ""
    try:
        import icu

        icu_version = f"ICU {icu.ICU_VERSION}, PyICU {icu.VERSION}"
    except ImportError:
        pass
    print(f"segmenters here: {', '.join(available)} {('(' + icu_version + ')') if icu_version else ''}")

    gold = [gold_boundaries(line) for line in gold_sentences()]
    corpus = [text.normalise(t) for t in sdg_texts("lo") + interface_strings()] + [g[0] for g in gold]
    terms = sorted({lo for lo, _en in glossary_terms() if len(lo) >= 3})
    sdg_blob = "\n".join(sdg_texts("lo"))
    for name in available:
        segment = text.SEGMENTERS[name]
        tp = fp = found_required = total_required = 0
        for sentence, required, optional in gold:
            predicted = predicted_boundaries([p for p in segment(text.normalise(sentence)) if p])
            tp += len(predicted & (required | optional))
            fp += len(predicted - required - optional)
            found_required += len(predicted & required)
            total_required += len(required)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = found_required / total_required
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

        doc_words = [text.words(d, segmenter=name) for d in corpus]
        squeezed = [d.replace(" ", "") for d in corpus]
        truth = hits = 0
        missed: list[str] = []
        for term in terms:
            needle = text.normalise(term).replace(" ", "")
            term_words = text.words(term, segmenter=name)
            for words, flat in zip(doc_words, squeezed, strict=True):
                if needle in flat:
                    truth += 1
                    if contains_run(words, term_words):
                        hits += 1
                    elif term not in missed:
                        missed.append(term)
        started = time.perf_counter()
        segment(sdg_blob)
        speed = len(sdg_blob.encode()) / (time.perf_counter() - started) / 1e6
        print(
            f"{name:8} boundaries P {precision:.3f} R {recall:.3f} F1 {f1:.3f} "
            f"({total_required} required) | phrase recall {hits}/{truth} = {hits / truth:.3f} "
            f"over {len(terms)} glossary terms in {len(corpus)} texts | {speed:.2f} MB/s"
        )
        if missed:
            print(f"         terms it missed at least once: {', '.join(missed[:12])}")
    measure_normalisation(text, available[0], terms)


def measure_normalisation(text, segmenter: str, terms: list[str]) -> None:
    """What collapsing the stray spaces is worth: the glossary's terms and the SDG texts' own frequent
    words, searched as phrases in the SDG texts with and without it (the truth: the term's letters, spaces
    taken out, in the text's letters, spaces taken out)."""
    raw = sdg_texts("lo")
    probe = terms + ["ສຳລັບ", "ສະໜັບສະໜູນ", "ເໝາະສົມ", "ຄວາມໝາຍ", "ດຳລົງຊີວິດ", "ເຄິ່ງໜຶ່ງ", "ສຳຄັນ", "ໜ້າທີ່"]
    keep = text._collapse_stray_spaces
    rows = []
    for label, collapse in (("with", keep), ("without", lambda s: s)):
        text._collapse_stray_spaces = collapse
        try:
            docs = [text.words(d, segmenter=segmenter) for d in raw]
            truth = hits = 0
            for term in probe:
                needle = term.replace(" ", "")
                term_words = text.words(term, segmenter=segmenter)
                for d, words in zip(raw, docs, strict=True):
                    if needle in text.normalise(d).replace(" ", ""):
                        truth += 1
                        hits += contains_run(words, term_words)
            rows.append(f"{label} the collapse {hits}/{truth} = {hits / truth:.3f}")
        finally:
            text._collapse_stray_spaces = keep
    gaps = sum(len(text._GAP.findall(d)) for d in raw)
    left = sum(len(text._GAP.findall(text.normalise(d))) for d in raw)
    print(f"normalisation ({segmenter}), phrase recall in the SDG texts: {'; '.join(rows)}")
    print(f"  spaces between Lao letters in the SDG texts: {gaps}, of which {gaps - left} collapsed")


# --- the query benchmark ----------------------------------------------------------------------------

DOCS = int(os.environ.get("SEARCH_BENCH_DOCS", "100000"))
RUNS = int(os.environ.get("SEARCH_BENCH_RUNS", "200"))
BENCH_DB = os.environ.get("SEARCH_BENCH_DB", "bench_search")
# --keep: the database stays after the run (a fixed SQLite file, the PostgreSQL database BENCH_DB), and
# --reuse runs the queries on it again without building it (to time a change of the query alone).
KEEP, REUSE = "--keep" in sys.argv, "--reuse" in sys.argv
KEPT_SQLITE = Path(tempfile.gettempdir()) / f"{BENCH_DB}.sqlite3"


def setup_django() -> str:
    """Point Django at a fresh benchmark database (or the kept one, --reuse); returns its vendor."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base = url.rsplit("/", 1)[0]
        with psycopg.connect(url, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
            if not (REUSE and exists):
                conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
                conn.execute(f"CREATE DATABASE {BENCH_DB}")
        os.environ["DATABASE_URL"] = f"{base}/{BENCH_DB}"
    elif KEEP or REUSE:
        if not REUSE and KEPT_SQLITE.exists():
            KEPT_SQLITE.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{KEPT_SQLITE}"
    else:
        tmp = tempfile.mkdtemp(prefix="roundtable-search-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
    os.environ["RT_TASKS_BACKEND"] = "immediate"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    return connection.vendor


def drop_bench_database(original_url: str) -> None:
    if KEEP or REUSE or not original_url.startswith("postgres"):
        return
    from django.db import connections

    connections.close_all()
    import psycopg

    with psycopg.connect(original_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")


MINUTES_LO = [
    "ກອງປະຊຸມໄດ້ປຶກສາຫາລືກ່ຽວກັບງົບປະມານຂອງຂະແໜງການ{topic_lo}",
    "ກອງປະຊຸມຕົກລົງຮັບຮອງແຜນວຽກປະຈຳປີ {year}",
    "ຄູ່ຮ່ວມພັດທະນາໄດ້ປະກອບຄຳເຫັນຕໍ່ຮ່າງບົດບັນທຶກ",
    "ໃຫ້ກະຊວງ{topic_lo}ກະກຽມບົດລາຍງານຄວາມຄືບໜ້າ ພາຍໃນໄຕມາດທີ {quarter}",
    "ແຫຼ່ງທຶນສຳລັບໂຄງການບຸລິມະສິດ ແມ່ນມາຈາກລັດຖະບານ ແລະ ຄູ່ຮ່ວມພັດທະນາ",
    "ການຕິດຕາມ ແລະ ປະເມີນຜົນ ການຈັດຕັ້ງປະຕິບັດແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ",
]
MINUTES_EN = [
    "The meeting discussed the {topic_en} budget for {year} and the funding gap.",
    "The meeting endorsed the annual work plan of the {topic_en} Sector Working Group.",
    "Development partners commented on the draft minutes before the deadline.",
    "The Ministry prepares the progress report on {topic_en} before quarter {quarter}.",
    "Funding sources for the priority programmes come from the Government and the partners.",
    "Monitoring and evaluation of the National Socio-Economic Development Plan.",
]
TOPICS = [
    ("ສາທາລະນະສຸກ", "health"),
    ("ສຶກສາທິການ", "education"),
    ("ກະສິກຳ", "agriculture"),
    ("ໂຄງລ່າງພື້ນຖານ", "infrastructure"),
    ("ການເງິນ", "finance"),
    ("ຊັບພະຍາກອນທຳມະຊາດ", "natural resources"),
]
TYPES = ["groups.group", "meetings.meeting", "minutes.minutes", "workplans.priority", "frameworks.item"]


class PieceByPiece:
    """`text.normalise` and `text.segmented` of a text made of pieces joined by newlines, each piece computed
    once: a newline is a word break for both (normalise collapses spaces, not newlines), so the result is
    the same as for the whole text (checked on the first documents), for a fraction of the time when the
    same pieces recur in 100,000 documents."""

    def __init__(self, text) -> None:
        self.text = text
        self._normal: dict[str, str] = {}
        self._words: dict[str, str] = {}

    def normalise(self, value) -> str:
        return "\n".join(self._piece(self._normal, self.text.normalise, p) for p in (value or "").split("\n"))

    def segmented(self, value) -> str:
        pieces = (self._piece(self._words, self.text.segmented, p) for p in (value or "").split("\n"))
        return " ".join(p for p in pieces if p)

    @staticmethod
    def _piece(cache: dict, fn, piece: str) -> str:
        found = cache.get(piece)
        if found is None:
            found = cache[piece] = fn(piece)
        return found


def build_documents(count: int) -> None:
    """`count` entries of realistic text, written straight into the index (through the same `words()`)."""
    from datetime import date

    from django.db import transaction

    from roundtable.core.search import Document
    from roundtable.groups.models import Group
    from roundtable.search import index, text
    from roundtable.search.index import entry_from_document
    from roundtable.search.models import SearchEntry

    pieces = PieceByPiece(text)

    rng = random.Random(12)
    lo_pool, en_pool = sdg_texts("lo"), sdg_texts("en")
    pairs = glossary_terms()
    groups = [
        Group.objects.create(kind="swg", code=f"bench-{i}", name_en=f"Group {i}", name_lo=f"ໜ່ວຍງານ {i}")
        for i in range(10)
    ]
    batch: list[SearchEntry] = []
    for n in range(count):
        topic_lo, topic_en = rng.choice(TOPICS)
        year, quarter = rng.randint(2016, 2026), rng.randint(1, 4)
        fill = {"topic_lo": topic_lo, "topic_en": topic_en, "year": year, "quarter": quarter}
        k = rng.randrange(len(lo_pool))
        glossary_lo, glossary_en = rng.choice(pairs)
        body_lo = "\n".join(
            [rng.choice(MINUTES_LO).format(**fill), lo_pool[k], glossary_lo, rng.choice(lo_pool)]
        )
        body_en = "\n".join(
            [
                rng.choice(MINUTES_EN).format(**fill),
                en_pool[k % len(en_pool)],
                glossary_en,
                rng.choice(en_pool),
            ]
        )
        group = rng.choice(groups)
        document = Document(
            key=str(n),
            title_lo=f"{glossary_lo} {topic_lo} {year}",
            title_en=f"{glossary_en} {topic_en} {year}",
            body_lo=body_lo,
            body_en=body_en,
            group_id=group.pk,
            date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
            url_lo=f"/lo/bench/{n}/",
            url_en=f"/en/bench/{n}/",
            public=rng.random() < 0.8,
            access="" if rng.random() < 0.5 else "bench.members",
        )
        kind = rng.choice(TYPES)
        index.text = pieces
        try:
            entry = entry_from_document(kind, n, document)
        finally:
            index.text = text
        if n < 50:
            whole = entry_from_document(kind, n, document)
            assert (entry.body_lo, entry.words_body, entry.words_title) == (
                whole.body_lo,
                whole.words_body,
                whole.words_title,
            )
        batch.append(entry)
        if len(batch) == 2000:
            with transaction.atomic():
                SearchEntry.objects.bulk_create(batch)
            batch = []
            print(f"\r  {n + 1} documents", end="", flush=True)
    if batch:
        SearchEntry.objects.bulk_create(batch)
    print(f"\r  {count} documents")


QUERIES = [
    "ແຫຼ່ງທຶນ",
    "ງົບປະມານ",
    "ແຜນວຽກປະຈຳປີ",
    "ສາທາລະນະສຸກ",
    "ຄູ່ຮ່ວມພັດທະນາ",
    "ການຕິດຕາມ ແລະ ປະເມີນຜົນ",
    "ຄວາມທຸກຍາກ",
    "ສະໜັບສະໜູນ",
    "ປະຈຳ",
    "ນະສຸກ",
    "funding",
    "work plan",
    "health budget",
    "poverty",
    "infrastructure",
    "monitoring and evaluation",
    "infra",
    "evaluat",
    "partners deadline",
    "sanitation",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_queries() -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from roundtable.search.models import SearchEntry
    from roundtable.search.query import Scope, search

    ids = list(SearchEntry.objects.values_list("pk", flat=True)[:5000])
    public = Scope.for_user(AnonymousUser())
    member = Scope(public_only=False, grants={"bench.members": {SearchEntry.objects.first().group_id}})
    rng = random.Random(3)

    cpu: dict[str, list[float]] = {}

    def timed(fn, cpu_key: str | None = None) -> float:
        """Wall time in ms; with `cpu_key`, this process's CPU time too (on SQLite, the database's work
        included: what a query costs whatever else the machine is doing)."""
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        if cpu_key:
            cpu.setdefault(cpu_key, []).append((time.process_time() - started_cpu) * 1000)
        return (time.perf_counter() - started) * 1000

    for q in QUERIES:  # warm up the caches (and show what each finds)
        results = search(q, scope=public)
        print(f"  {q!r}: {results.count()} results")
        list(results[0:20])
    floor = [timed(lambda: SearchEntry.objects.get(pk=rng.choice(ids)), "floor") for _ in range(RUNS)]
    by_scope = {}
    for name, scope in (("public", public), ("member", member)):
        times = []
        for i in range(RUNS):
            q = QUERIES[i % len(QUERIES)]

            def page(q=q, scope=scope):
                results = search(q, scope=scope, lang="lo" if re.search("[\u0e80-\u0eff]", q) else "en")
                results.count()
                list(results[0:20])

            times.append(timed(page, name))
        by_scope[name] = times
    p50f, p95f = statistics.median(floor), percentile(floor, 95)
    print(
        f"\n{connection.vendor}, {SearchEntry.objects.count()} entries, {RUNS} queries each, "
        f"{os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"  floor (primary-key lookup)   p50 {p50f:7.2f} ms   p95 {p95f:7.2f} ms")
    for name, times in by_scope.items():
        p50, p95 = statistics.median(times), percentile(times, 95)
        print(
            f"  search, {name:6} (page+count) p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   "
            f"= {p50 / p50f:.0f}× / {p95 / p95f:.0f}× the floor   {'OK' if p95 <= 50 else 'OVER 50 ms'}"
        )
    label = (
        "CPU of this process (the database's work included)"
        if connection.vendor == "sqlite"
        else ("CPU of this process (the server's work not included)")
    )
    print(f"  {label}:")
    for key, values in cpu.items():
        print(f"    {key:6} p50 {statistics.median(values):7.2f} ms   p95 {percentile(values, 95):7.2f} ms")
    per_query = {}
    for q in QUERIES:
        per_query[q] = statistics.median(
            [
                timed(lambda q=q: (lambda r: (r.count(), list(r[0:20])))(search(q, scope=public)))
                for _ in range(5)
            ]
        )
    slowest = sorted(per_query.items(), key=lambda kv: -kv[1])[:5]
    print("  slowest queries (p50): " + ", ".join(f"{q!r} {ms:.1f} ms" for q, ms in slowest))


def main() -> None:
    if "--segmenters" in sys.argv:
        measure_segmenters()
        return
    original = os.environ.get("DATABASE_URL", "")
    vendor = setup_django()
    try:
        from roundtable.search.models import SearchEntry

        if REUSE and SearchEntry.objects.exists():
            print(f"reusing the {SearchEntry.objects.count()} documents of {os.environ['DATABASE_URL']}")
        else:
            print(f"building {DOCS} documents on {vendor}...")
            started = time.perf_counter()
            build_documents(DOCS)
            print(f"  built in {time.perf_counter() - started:.0f} s")
        # The statistics the planner reads (autovacuum would gather them after a bulk load, later): on
        # PostgreSQL, without them, it takes "public" for a rare word and filters every row by the text.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        run_queries()
    finally:
        drop_bench_database(original)


if __name__ == "__main__":
    main()
