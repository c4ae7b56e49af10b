"""Querying the index: one API over SQLite and PostgreSQL.

    results = search("ແຫຼ່ງທຶນ", scope=Scope.for_user(request.user), lang="lo", kinds=["minutes.minutes"])
    results.count()          # how many the user may find
    results[0:20]            # the first page, as Hits (title, url, type, group, date, snippet)

Results come in three tiers, best first:
0. the phrase: the query's words, cut by `text.words()`, next to each other in that order (English also
   through its stems: "meetings" finds "meeting"; on PostgreSQL, each pair of neighbouring words of it,
   see PostgresBackend._phrase);
1. all the query's words, anywhere in the document (only for a query of two words or more);
2. substrings: every space-separated part of the query (three characters or more) inside the text, for what
   segmentation cannot match (part of a word, a word cut differently in another context). Only when the
   words find fewer than a page (SUBSTRING_BELOW): a substring of a common word matches much of the index,
   and when the words have found a page already it only adds noise below it.
Tiers 0 and 1 are ranked by the database's relevance (bm25 on SQLite, ts_rank on PostgreSQL, a title match
weighing more), then newest first; tier 2 newest indexed first.

Who finds what is the `Scope`: the public finds public entries; a logged-in user also those of the groups
where they hold the provider's grant (asked of the app's predicate, once per group), and those granted to
their directory entry (see roundtable.core.search).

How it stays fast (bench/search_bench.py: 100,000 entries): visibility and the filters are words of the
index rows (SearchEntry.scope), so each tier is one full-text query that the index answers alone, match and
scope intersected, ranked and cut to the page (LIMIT) inside it; only the page's rows are then read, and
only they get a snippet. Counts stop at COUNT_CAP (the substrings' at SUBSTRING_CAP); a words' tier is
ranked among its newest RANKED matches (ranking every match of a common phrase is what cost most), the rest
following newest first.
A page takes the same statements whatever the index holds: the tiers' counts (the substrings' only
when the words are short), the page's ids over the tiers it reaches, and the page's rows; on PostgreSQL
also a SET LOCAL before the counts and before the page (PostgresBackend.cursor).
On PostgreSQL the scope's "who" is checked on the rows rather than in its index, and a tier of many
matches walks the table newest first while one of few collects them from the indexes
(PostgresBackend._scope, PostgresBackend.page).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.utils.functional import cached_property

from roundtable.core.i18n import pick
from roundtable.core.permissions import is_logged_in, person_of
from roundtable.core.search import GRANTS, PROVIDERS

from . import text
from .models import PUBLIC_WORD, SearchEntry, access_word, group_word, kind_word, person_word, year_word
from .snippets import snippet

MIN_SUBSTRING = 3
# Results counted at most: a page says "more than 1,000" beyond (counting every match of a common word
# would cost more than the page itself).
COUNT_CAP = 1000
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# The substring tier joins the results when the words find fewer than this (a page of the search page).
SUBSTRING_BELOW = 20
# Substring matches counted at most (ten pages): each is checked against the stored text, which on
# PostgreSQL means reading it out of its compressed storage, so counting a thousand cost more than the rest of
# the page. Beyond it the page says "more than", as at COUNT_CAP.
SUBSTRING_CAP = 200


@dataclass
class Scope:
    """What a user may find beyond the public entries."""

    public_only: bool = True
    grants: dict[str, set[int]] = field(default_factory=dict)
    person_id: int | None = None

    @classmethod
    def for_user(cls, user) -> Scope:
        if not is_logged_in(user):
            return cls()
        from roundtable.groups.models import Group

        groups = list(Group.objects.only("pk", "kind", "is_active", "parent_id"))
        grants = {name: {g.pk for g in groups if predicate(user, g)} for name, predicate in GRANTS.items()}
        person = person_of(user)
        return cls(
            public_only=False,
            grants={name: ids for name, ids in grants.items() if ids},
            person_id=person.pk if person is not None else None,
        )


@dataclass(frozen=True)
class Terms:
    """A query as each tier reads it."""

    raw: str
    words: tuple[str, ...]
    substrings: tuple[str, ...]

    @classmethod
    def parse(cls, q: str) -> Terms:
        raw = (q or "").strip()[:MAX_QUERY_CHARS]
        words = tuple(text.words(raw))[: MAX_TERMS * 3]
        parts = [p.casefold() for p in text.normalise(raw).split()]
        substrings = tuple(dict.fromkeys(p for p in parts if len(p) >= MIN_SUBSTRING))[:MAX_TERMS]
        return cls(raw=raw, words=words, substrings=substrings)

    @property
    def empty(self) -> bool:
        return not self.words and not self.substrings


@dataclass
class Hit:
    entry: SearchEntry
    type: str
    type_label: str
    title: str
    url: str
    date: date | None
    group: str
    group_code: str
    snippet: str


def _year_range(year: int | None) -> tuple[date, date] | None:
    return (date(year, 1, 1), date(year + 1, 1, 1)) if year else None


def scope_filter(scope: Scope, kinds, group_ids, year) -> list[list[str]]:
    """What an entry's `scope` must hold: one word of each list (who may see it, then the filters)."""
    who = [PUBLIC_WORD]
    if not scope.public_only:
        who += [
            access_word(access, group_id)
            for access, group_ids in sorted(scope.grants.items())
            for group_id in sorted(group_ids)
        ]
        if scope.person_id:
            who.append(person_word(scope.person_id))
    required = [who]
    if kinds:
        required.append([kind_word(k) for k in kinds])
    if group_ids:
        required.append([group_word(g) for g in group_ids])
    if year:
        required.append([year_word(year)])
    return required


PHRASE, MORE_WORDS, SUBSTRINGS = 0, 1, 2
# How many of a words' tier's matches are ranked by relevance: its newest RANKED (bm25 or ts_rank for each
# costs, and a common phrase matches tens of thousands); the tier's other matches follow, newest first.
# Fifty: the first two pages and a half. On PostgreSQL the head of a tier of many matches is found by
# walking the table newest first, and this is most of a page's time (bench/search_bench.py: 100 took
# 24 ms of a 34 ms page for a common word, each row's vectors read back to test it, then ranked).
RANKED = 50


def _parts(windows):
    """Each tier's window cut into what its ranked head holds and what comes after (newest first):
    (tier, (part, limit, offset)) with part "ranked" or "rest"; the substrings are all "rest"."""
    for tier, limit, offset in windows:
        if not limit:
            continue
        if tier == SUBSTRINGS:
            yield tier, ("rest", limit, offset)
            continue
        stop = offset + limit
        if offset < RANKED:
            yield tier, ("ranked", min(stop, RANKED) - offset, offset)
        if stop > RANKED:
            start = max(offset, RANKED)
            yield tier, ("rest", stop - start, start)


class Results:
    """A lazy result list: `count()` and slices run their query (what core.pagination's Paginator needs).

    Two statements whatever the index holds: the counts (each tier's, bounded), then the page's ids (one
    statement over the tiers the page reaches, each cut to its share of the page); then the page's rows."""

    def __init__(self, terms: Terms, scope: Scope, lang: str, kinds, group_ids, year) -> None:
        self.terms, self.scope, self.lang = terms, scope, lang
        kinds = [k for k in (kinds or []) if k in PROVIDERS]
        self.backend = BACKENDS[connection.vendor]
        self.required = scope_filter(scope, kinds, list(group_ids or []), year)

    @cached_property
    def _sizes(self) -> dict[int, int]:
        """How many results each tier holds (up to COUNT_CAP in all)."""
        phrase, words, substrings = self.backend.counts(self.terms, self.required)
        # The tiers whose count stopped at its cap: their matches are many (what the page's plan needs).
        self._dense = frozenset(
            tier
            for tier, n, cap in (
                (PHRASE, phrase, COUNT_CAP),
                (MORE_WORDS, words, COUNT_CAP),
                (SUBSTRINGS, substrings, SUBSTRING_CAP),
            )
            if n >= cap
        )
        sizes = {PHRASE: phrase, MORE_WORDS: words - phrase, SUBSTRINGS: min(substrings, COUNT_CAP - words)}
        self._substrings_capped = substrings >= SUBSTRING_CAP
        return {tier: max(0, n) for tier, n in sizes.items()}

    @property
    def capped(self) -> bool:
        """Whether the count stopped at a cap: there are more results than it says."""
        if self.terms.empty:
            return False
        sizes = self._sizes
        return sum(sizes.values()) >= COUNT_CAP or self._substrings_capped

    def count(self) -> int:
        return 0 if self.terms.empty else sum(self._sizes.values())

    def __len__(self) -> int:
        return self.count()

    def _windows(self, offset: int, limit: int) -> list[tuple[int, int, int]]:
        """(tier, limit, offset) of each tier's share of results offset … offset + limit."""
        windows, before = [], 0
        for tier in (PHRASE, MORE_WORDS, SUBSTRINGS):
            size = self._sizes[tier]
            start, stop = max(offset, before), min(offset + limit, before + size)
            windows.append((tier, max(0, stop - start), max(0, start - before)))
            before += size
        return windows

    def __getitem__(self, item):
        if isinstance(item, int):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        if stop is None or stop > COUNT_CAP:
            stop = COUNT_CAP
        if self.terms.empty or stop <= start:
            return []
        windows = self._windows(start, stop - start)
        ids = self.backend.page(self.terms, self.required, windows, dense=self._dense)
        rows = SearchEntry.objects.select_related("group")
        rows = rows.defer("words_title", "words_body", "scope", "source")
        entries = rows.in_bulk(ids)
        return [self._hit(entries[pk]) for pk in ids if pk in entries]

    def _hit(self, entry: SearchEntry) -> Hit:
        provider = PROVIDERS.get(entry.kind)
        group = entry.group
        return Hit(
            entry=entry,
            type=entry.kind,
            type_label=str(provider.label) if provider else entry.kind,
            title=pick(entry.title_lo, entry.title_en, self.lang),
            url=pick(entry.url_lo, entry.url_en, self.lang),
            date=entry.date,
            group=pick(group.name_lo, group.name_en, self.lang) if group else "",
            group_code=group.code if group else "",
            snippet=snippet(entry, self.terms, self.lang),
        )


def search(q: str, *, scope: Scope, lang: str = "lo", kinds=None, group_ids=None, year=None) -> Results:
    """The entries `scope` may find for the query `q`, best first (see the module docstring)."""
    return Results(Terms.parse(q), scope, lang, kinds, group_ids, year)


# --- the two databases ----------------------------------------------------------------------------------
#
# Each answers three questions for a tier (PHRASE, MORE_WORDS, SUBSTRINGS; or "words": the first two
# together) under the scope's required words: `ids` (a page of it, in its order) and `count` (bounded).


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Backend(ABC):
    """What both databases share: the counts in one statement, from each one's `_count`; each database
    writes its own `_count` (a tier's bounded count as SQL and its parameters) and `page`."""

    @abstractmethod
    def _count(self, terms: Terms, required, tier, cap: int) -> tuple[str, list]:
        """A sub-select counting the tier's matches up to `cap`, and its parameters."""

    @abstractmethod
    def page(self, terms: Terms, required, windows, dense=frozenset()) -> list[int]:
        """The ids of the page's results, in their order; `dense`: the tiers whose count reached its cap
        (a database may plan those differently)."""

    @contextmanager
    def cursor(self):
        """The cursor the counts and the page run on."""
        with connection.cursor() as cursor:
            yield cursor

    def counts(self, terms: Terms, required) -> tuple[int, int, int]:
        """(phrase, words, substrings): how many each finds, up to COUNT_CAP; the substrings only when the
        words find fewer than SUBSTRING_BELOW (else 0, and their query is not run), read from the words'
        own count: a second count "up to 20" of the same words was planned on PostgreSQL as a scan of the
        table stopped at the 20th match, which, for a word no entry holds, never stops early."""
        if terms.words:
            phrase, params = self._count(terms, required, PHRASE, COUNT_CAP)
            if len(terms.words) > 1:
                # A phrase found COUNT_CAP times leaves no room for the other words: not counted.
                words, wparams = self._count(terms, required, "words", COUNT_CAP)
                words = f"CASE WHEN p >= %s THEN p ELSE {words} END"
                params += [COUNT_CAP, *wparams]
            else:
                words = "p"
        else:
            phrase, words, params = "0", "0", []
        substrings = "0"
        if terms.substrings:
            substrings, sparams = self._count(terms, required, SUBSTRINGS, SUBSTRING_CAP)
            substrings = f"CASE WHEN w < %s THEN {substrings} ELSE 0 END"
            params += [SUBSTRING_BELOW, *sparams]
        sql = (
            f"WITH f AS MATERIALIZED (SELECT {phrase} AS p), "
            f"c AS MATERIALIZED (SELECT p, {words} AS w FROM f) SELECT p, w, {substrings} FROM c"
        )
        with self.cursor() as cursor:
            cursor.execute(sql, params)
            return tuple(cursor.fetchone())


class SQLiteBackend(Backend):
    """FTS5: `search_fts` (segmented words, porter; bm25 with a title match weighing four times a body
    match, the scope nothing) for the phrase and the words, `search_trigram` for substrings. Each tier is
    one MATCH: its text expression AND the scope's, so FTS5 intersects, ranks and limits in the index."""

    WORDS = "{words_title words_body}"
    TEXT = "{title_lo title_en body_lo body_en}"

    @staticmethod
    def _scope(required: list[list[str]]) -> str:
        return " AND ".join("(scope : (" + " OR ".join(map(_quoted, words)) + "))" for words in required)

    def _select(self, terms: Terms, required, tier, columns: str = "rowid") -> tuple[str, list]:
        """The SELECT of a tier's matches ("words": the phrase's and the other words' together)."""
        scope = self._scope(required)
        phrase = f"({self.WORDS} : {_quoted(' '.join(terms.words))})"
        every = f"({self.WORDS} : ({' AND '.join(map(_quoted, terms.words))}))"
        fts = f"SELECT {columns} FROM search_fts WHERE search_fts MATCH %s"
        if tier == PHRASE:
            return fts, [f"{phrase} AND {scope}"]
        if tier == MORE_WORDS:
            return fts, [f"({every} NOT {phrase}) AND {scope}"]
        if tier == "words":
            return fts, [f"{every} AND {scope}"]
        substrings = f"({self.TEXT} : ({' AND '.join(map(_quoted, terms.substrings))}))"
        sql = f"SELECT {columns} FROM search_trigram WHERE search_trigram MATCH %s"
        params = [f"{substrings} AND {scope}"]
        if terms.words:  # what the words found is theirs
            sql += " AND rowid NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
            params.append(f"{every} AND {scope}")
        return sql, params

    def _count(self, terms, required, tier, cap: int) -> tuple[str, list]:
        sql, params = self._select(terms, required, tier)
        return f"(SELECT COUNT(*) FROM ({sql} LIMIT %s))", [*params, cap]

    @staticmethod
    def _weight(terms: Terms, tier) -> tuple[str, list]:
        """A candidate's relevance, from its row: how often the phrase (or each word) occurs, a title
        occurrence weighing four body ones, per length of the body, as bm25 weighs a phrase's frequency
        (bm25 itself, FTS5's rank, first counts over the whole index the rows matching each phrase of the
        query, the scope's "public" among them: most of the cost of a query on 100,000 entries)."""
        needles = [" ".join(terms.words)] if tier == PHRASE else list(terms.words)
        parts, params = [], []
        for needle in needles:
            for column, factor in (("e.words_title", 4.0), ("e.words_body", 1.0)):
                spaced = f"(' ' || {column} || ' ')"
                parts.append(f"{factor} * (length({spaced}) - length(replace({spaced}, %s, ''))) / %s")
                params += [f" {needle} ", float(len(needle) + 2)]
        return f"({' + '.join(parts)}) * 1000.0 / (length(e.words_body) + 1000)", params

    def page(self, terms: Terms, required, windows, dense=frozenset()) -> list[int]:
        """The ids of the page: each tier's window (tier, limit, offset), in one statement (FTS5 walks
        its index newest first whatever the tier holds: `dense` changes nothing here)."""
        arms, params = [], []
        for tier, (part, limit, offset) in _parts(windows):
            if part == "ranked":  # its newest RANKED matches, ordered by their weight (see _weight)
                sql, p = self._select(terms, required, tier, "rowid AS id")
                weight, wparams = self._weight(terms, tier)
                arms.append(
                    f"SELECT * FROM (SELECT c.id, {tier} AS tier, 0 AS part, -({weight}) AS r "
                    f"FROM ({sql} ORDER BY rowid DESC LIMIT %s) c JOIN search_searchentry e ON e.id = c.id "
                    "ORDER BY r, c.id DESC LIMIT %s OFFSET %s)"
                )
                params += [*wparams, *p, RANKED, limit, offset]
            else:  # the substrings, and the words' matches after their ranked head: newest first
                columns = f"rowid AS id, {tier} AS tier, 1 AS part, -rowid AS r"
                sql, p = self._select(terms, required, tier, columns)
                arms.append(f"SELECT * FROM ({sql} ORDER BY rowid DESC LIMIT %s OFFSET %s)")
                params += [*p, limit, offset]
        if not arms:
            return []
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(arms) + " ORDER BY 2, 3, 4, 1 DESC", params)
            return [row[0] for row in cursor.fetchall()]


class PostgresBackend(Backend):
    """tsvector + GIN: `simple_vector` (segmented words) and `english_vector` (stems) for the words,
    `phrase_pairs` (neighbouring pairs of words) for the phrase, pg_trgm over `search_text` for substrings,
    `scope_vector` for the filters, all GIN-indexed; who may see what is checked on the candidates' rows.
    The counts stop at COUNT_CAP, and the page is ranked and cut before any other table is read."""

    LANGUAGES = (("simple_vector", "simple", "s"), ("english_vector", "english", "e"))

    EVERY = (
        "(e.simple_vector @@ plainto_tsquery('simple', %s) "
        "OR e.english_vector @@ plainto_tsquery('english', %s))"
    )
    RANK = (
        "ts_rank(e.simple_vector, plainto_tsquery('simple', %s)) "
        "+ ts_rank(e.english_vector, plainto_tsquery('english', %s))"
    )

    @staticmethod
    def _scope(required: list[list[str]]) -> tuple[str, list]:
        """Who may see it, checked on the candidates' rows; the filters (type, group, year) through the
        scope's GIN index. "Who" always holds the public's word, which most entries carry: its bitmap of
        most of the table cost more to build and intersect (7–8 ms at 100,000 entries) than checking
        the few candidates the words leave, so it is written where no index applies."""
        who, *filters = required
        sql, params = "tsvector_to_array(e.scope_vector) && %s::text[]", [list(who)]
        if filters:
            query = " & ".join("(" + " | ".join(words) + ")" for words in filters)
            sql += " AND e.scope_vector @@ to_tsquery('simple', %s)"
            params.append(query)
        return sql, params

    @contextmanager
    def cursor(self):
        """With the planner's sequential scans off: every search statement has a condition its GIN
        indexes answer, and a scan of the table is never the right plan; but under a LIMIT the planner
        takes one whenever it expects the matches to come early (a word it thinks common, two words it
        thinks often together), and checking row after row for a rare match cost up to half a second at
        100,000 entries. SET LOCAL, in a transaction: it ends with the transaction (in a request, at the
        end of this block; inside a transaction someone else opened, at its end)."""
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield cursor

    # The phrase's pairs, made from the query by the function that made the entries' `phrase_pairs`
    # (migration search 0004); immutable, so the planner folds it to a constant array, and the test of its
    # cardinality to true or false, which leaves one of the two arms of the OR in the plan.
    PAIRS = "search_phrase_pairs(to_tsvector('{config}', %s), '{tag}')"

    def _phrase(self, terms: Terms) -> tuple[str, list]:
        """The phrase, in either vector: an entry holding every pair of neighbouring words of it, found in
        the pairs' GIN index alone (no vector is read back to check positions: what made a phrase query
        on a common pair of words cost hundreds of milliseconds). Exact for a phrase of two words; one of
        three or more also finds an entry holding its pairs apart ("a b" and "b c", not "a b c"), which
        the page then ranks as a phrase. A phrase of one word (no pair) is the word."""
        parts, params = [], []
        texts = (" ".join(terms.words), terms.raw)
        for (vector, config, tag), phrase in zip(self.LANGUAGES, texts, strict=True):
            pairs = self.PAIRS.format(config=config, tag=tag)
            parts.append(
                f"(cardinality({pairs}) > 0 AND e.phrase_pairs @> {pairs}"
                f" OR cardinality({pairs}) = 0 AND e.{vector} @@ phraseto_tsquery('{config}', %s))"
            )
            params += [phrase, phrase, phrase, phrase]
        return "(" + " OR ".join(parts) + ")", params

    def _where(self, terms: Terms, required, tier) -> tuple[str, list]:
        words = [" ".join(terms.words), terms.raw]
        scope, sparams = self._scope(required)
        # The scope first: where a row is checked (the walk of PostgresBackend.page), it is the cheap test,
        # held in the row; the words' vectors are read out of their compressed storage.
        if tier == PHRASE:
            phrase, pparams = self._phrase(terms)
            return f"{scope} AND {phrase}", [*sparams, *pparams]
        if tier == MORE_WORDS:
            phrase, pparams = self._phrase(terms)
            return f"{scope} AND {self.EVERY} AND NOT {phrase}", [*sparams, *words, *pparams]
        if tier == "words":
            return f"{scope} AND {self.EVERY}", [*sparams, *words]
        like = " AND ".join(["e.search_text LIKE %s"] * len(terms.substrings))
        params = [_like(s) for s in terms.substrings]
        if terms.words:
            return f"{scope} AND {like} AND NOT {self.EVERY}", [*sparams, *params, *words]
        return f"{scope} AND {like}", [*sparams, *params]

    def _count(self, terms, required, tier, cap: int) -> tuple[str, list]:
        where, params = self._where(terms, required, tier)
        return (
            f"(SELECT COUNT(*) FROM (SELECT 1 FROM search_searchentry e WHERE {where} LIMIT %s) c)",
            [*params, cap],
        )

    def page(self, terms: Terms, required, windows, dense=frozenset()) -> list[int]:
        """As SQLiteBackend.page. A tier's newest matches are found one of two ways, by what its count
        said: a tier of many matches (`dense`) walks the table newest first, checking each row (no index
        of the words in the plan, so the planner cannot prefer collecting every match to sort them: tens
        of thousands for a common phrase); a tier of fewer than its cap collects them from the GIN indexes
        and sorts them (`e.id + 0`: no walk in the order of ids, which would read the whole table for a
        rare word). Each is bounded: the walk reads about entries × wanted / matches rows, matches at
        least the cap; the collection at most the cap."""
        arms, params = [], []
        for tier, (part, limit, offset) in _parts(windows):
            where, p = self._where(terms, required, tier)
            if tier in dense:
                where, order = f"({where}) IS TRUE", "e.id DESC"
            else:
                order = "e.id + 0 DESC"
            if part == "ranked":
                arms.append(
                    f"(SELECT e.id, {tier} AS tier, 0 AS part, ({self.RANK})::real AS r, e.date AS d FROM "
                    f"(SELECT e.id, e.date, e.simple_vector, e.english_vector FROM search_searchentry e "
                    f"WHERE {where} ORDER BY {order} LIMIT %s) e "
                    "ORDER BY r DESC, d DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s)"
                )
                params += [" ".join(terms.words), terms.raw, *p, RANKED, limit, offset]
            else:
                arms.append(
                    f"(SELECT e.id, {tier} AS tier, 1 AS part, 0.0::real AS r, NULL::date AS d "
                    f"FROM search_searchentry e WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s)"
                )
                params += [*p, limit, offset]
        if not arms:
            return []
        with self.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM ({' UNION ALL '.join(arms)}) u "
                "ORDER BY tier, part, r DESC, d DESC NULLS LAST, id DESC",
                params,
            )
            return [row[0] for row in cursor.fetchall()]


BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgresBackend()}
