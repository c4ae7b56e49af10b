"""Querying the index: one API over SQLite and PostgreSQL.

    results = search("ແຫຼ່ງທຶນ", scope=Scope.for_user(request.user), lang="lo", kinds=["minutes.minutes"])
    results.count()          # how many the user may find
    results[0:20]            # the first page, as Hits (title, url, type, group, date, snippet)

Results come in three tiers, best first, each ranked by the database's relevance (bm25 on SQLite, ts_rank
on PostgreSQL), then newest first:
0. the phrase: the query's words, cut by `text.words()`, next to each other in that order (English also
   through its stems: "meetings" finds "meeting");
1. all the query's words, anywhere in the document (only for a query of two words or more);
2. substrings: every space-separated part of the query (three characters or more) inside the text, for what
   segmentation cannot match (part of a word, a word cut differently in another context).

Who finds what is the `Scope`: the public finds public entries; a logged-in user also those of the groups
where they hold the provider's grant (asked of the app's predicate, once per group), and those granted to
their directory entry (see roundtable.core.search).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.utils.functional import cached_property

from roundtable.core.i18n import pick
from roundtable.core.permissions import is_logged_in, person_of
from roundtable.core.search import GRANTS, PROVIDERS

from . import text
from .models import SearchEntry
from .snippets import snippet

MIN_SUBSTRING = 3
# Results counted at most: a page says "more than 1,000" beyond (counting every match of a common word
# would cost more than the page itself).
COUNT_CAP = 1000
MAX_QUERY_CHARS = 200
MAX_TERMS = 12


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


class Results:
    """A lazy result list: `count()` and slices run their query (what core.pagination's Paginator needs)."""

    def __init__(self, terms: Terms, scope: Scope, lang: str, kinds, group_ids, year) -> None:
        self.terms, self.scope, self.lang = terms, scope, lang
        self.kinds = [k for k in (kinds or []) if k in PROVIDERS]
        self.group_ids = list(group_ids or [])
        self.year = year
        self.backend = BACKENDS[connection.vendor]

    def _where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.scope.public_only:
            clauses.append("e.is_public = %s")
            params.append(True)
        else:
            ors, ors_params = ["e.is_public = %s"], [True]
            for access, group_ids in sorted(self.scope.grants.items()):
                ors.append(f"(e.access = %s AND e.group_id IN ({', '.join(['%s'] * len(group_ids))}))")
                ors_params += [access, *sorted(group_ids)]
            if self.scope.person_id:
                ors.append("e.id IN (SELECT g.entry_id FROM search_searchgrant g WHERE g.person_id = %s)")
                ors_params.append(self.scope.person_id)
            clauses.append(f"({' OR '.join(ors)})")
            params += ors_params
        if self.kinds:
            clauses.append(f"e.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params += self.kinds
        if self.group_ids:
            clauses.append(f"e.group_id IN ({', '.join(['%s'] * len(self.group_ids))})")
            params += self.group_ids
        years = _year_range(self.year)
        if years:
            clauses.append("e.date >= %s AND e.date < %s")
            params += list(years)
        return " AND ".join(clauses), params

    @cached_property
    def _count(self) -> int:
        if self.terms.empty:
            return 0
        where, params = self._where()
        return self.backend.count(self.terms, where, params)

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        if isinstance(item, int):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        if self.terms.empty or stop is not None and stop <= start:
            return []
        where, params = self._where()
        ids = self.backend.ranked_ids(
            self.terms, where, params, limit=(stop - start) if stop else 1000, offset=start
        )
        entries = SearchEntry.objects.select_related("group").in_bulk(ids)
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


def _fts_phrase(words) -> str:
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SQLiteBackend:
    """FTS5: `search_fts` (segmented words, porter) for the phrase and the words; `search_trigram` for
    substrings. `rank` is bm25 with a title match weighing four times a body match (set by the migration).

    The tiers are read one after the other, each in its own order (FTS5's `ORDER BY rank`, computed inside
    the index), in batches that the filters (visibility, type, group, year) then thin out, until the page is
    full: the first page of a common word reads a few dozen rows, not the thousands that match it.
    """

    BATCH = 200

    @staticmethod
    def _tiers(terms: Terms) -> list[tuple[str, str]]:
        tiers = []
        if terms.words:
            tiers.append(("search_fts", _fts_phrase(terms.words)))
            if len(terms.words) > 1:
                tiers.append(("search_fts", " AND ".join(_fts_phrase([w]) for w in terms.words)))
        if terms.substrings:
            tiers.append(("search_trigram", " AND ".join(_fts_phrase([s]) for s in terms.substrings)))
        return tiers

    def count(self, terms: Terms, where: str, params: list) -> int:
        union = " UNION ".join(
            f"SELECT rowid AS id FROM {table} WHERE {table} MATCH %s" for table, _ in self._tiers(terms)
        )
        sql = (
            "SELECT COUNT(*) FROM (SELECT e.id FROM search_searchentry e "
            f"WHERE e.id IN ({union}) AND {where} LIMIT %s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [m for _, m in self._tiers(terms)] + params + [COUNT_CAP])
            return cursor.fetchone()[0]

    def ranked_ids(self, terms: Terms, where: str, params: list, *, limit: int, offset: int) -> list[int]:
        wanted = offset + limit
        kept: list[int] = []
        seen: set[int] = set()
        with connection.cursor() as cursor:
            for table, match in self._tiers(terms):
                order = "ORDER BY rank" if table == "search_fts" else ""
                read = 0
                while len(kept) < wanted:
                    cursor.execute(
                        f"SELECT rowid FROM {table} WHERE {table} MATCH %s {order} LIMIT %s OFFSET %s",
                        [match, self.BATCH, read],
                    )
                    batch = [row[0] for row in cursor.fetchall()]
                    read += len(batch)
                    fresh = [pk for pk in batch if pk not in seen]
                    seen.update(batch)
                    if fresh:
                        marks = ", ".join(["%s"] * len(fresh))
                        cursor.execute(
                            f"SELECT e.id FROM search_searchentry e WHERE e.id IN ({marks}) AND {where}",
                            fresh + params,
                        )
                        allowed = {row[0] for row in cursor.fetchall()}
                        kept += [pk for pk in fresh if pk in allowed]
                    if len(batch) < self.BATCH:
                        break
                if len(kept) >= wanted:
                    break
        return kept[offset:wanted]


class PostgresBackend:
    """tsvector + GIN: `simple_vector` (segmented words) and `english_vector` (stems) for the phrase and the
    words; pg_trgm over `search_text` for substrings."""

    @staticmethod
    def _tiers(terms: Terms) -> tuple[str, list, str, list, str, list]:
        """(match-anything condition, its params, tier expression, its params, score expression, params)"""
        segmented = " ".join(terms.words)
        conditions, cparams = [], []
        tier_cases, tparams = [], []
        phrase = (
            "(e.simple_vector @@ phraseto_tsquery('simple', %s) "
            "OR e.english_vector @@ phraseto_tsquery('english', %s))"
        )
        words = (
            "(e.simple_vector @@ plainto_tsquery('simple', %s) "
            "OR e.english_vector @@ plainto_tsquery('english', %s))"
        )
        if terms.words:
            conditions.append(phrase)
            cparams += [segmented, terms.raw]
            tier_cases.append(f"WHEN {phrase} THEN 0")
            tparams += [segmented, terms.raw]
            if len(terms.words) > 1:
                conditions.append(words)
                cparams += [segmented, terms.raw]
                tier_cases.append(f"WHEN {words} THEN 1")
                tparams += [segmented, terms.raw]
        if terms.substrings:
            like = " AND ".join(["e.search_text LIKE %s"] * len(terms.substrings))
            conditions.append(f"({like})")
            cparams += [_like(s) for s in terms.substrings]
        tier = f"CASE {' '.join(tier_cases)} ELSE 2 END" if tier_cases else "2"
        if terms.words:
            score = (
                "ts_rank(e.simple_vector, plainto_tsquery('simple', %s)) "
                "+ ts_rank(e.english_vector, plainto_tsquery('english', %s))"
            )
            sparams = [segmented, terms.raw]
        else:
            score, sparams = "0", []
        return f"({' OR '.join(conditions)})", cparams, tier, tparams, score, sparams

    def count(self, terms: Terms, where: str, params: list) -> int:
        condition, cparams, *_ = self._tiers(terms)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM search_searchentry e WHERE {condition} AND {where}", cparams + params
            )
            return cursor.fetchone()[0]

    def ranked_ids(self, terms: Terms, where: str, params: list, *, limit: int, offset: int) -> list[int]:
        condition, cparams, tier, tparams, score, sparams = self._tiers(terms)
        sql = (
            f"SELECT e.id FROM search_searchentry e WHERE {condition} AND {where} "
            f"ORDER BY {tier}, {score} DESC, e.date DESC NULLS LAST, e.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, cparams + params + tparams + sparams + [limit, offset])
            return [row[0] for row in cursor.fetchall()]


BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgresBackend()}
