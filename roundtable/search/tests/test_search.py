"""The query API over the index: the same expectations on SQLite and PostgreSQL (the suite runs on both)."""

import pytest
from django.db import connection

from roundtable.search.query import Scope, search

from .conftest import found, kinds_found

pytestmark = pytest.mark.django_db


def test_a_lao_phrase_query_finds_the_word_with_its_combining_marks(reindexed):
    """ແຫຼ່ງທຶນ: the default unicode61 tokenizer shreds it at the marks ຼ ່ ຶ and finds nothing."""
    hits = found("ແຫຼ່ງທຶນ")
    assert ("minutes.minutes", reindexed.published_minutes.pk, "lo") == hits[0]


def test_a_lao_word_does_not_match_another_that_differs_only_by_its_marks(reindexed):
    # ທຶນ (capital) is in the minutes; ທັນ (in time) is not: with the marks dropped they would be one.
    assert found("ທຶນ")
    assert found("ທັນ") == []


def test_an_english_query_matches_through_the_stems(reindexed):
    hits = found("fund source", lang="en")
    assert ("minutes.minutes", reindexed.published_minutes.pk, "en") in hits
    assert ("minutes.minutes", reindexed.published_minutes.pk, "en") in found("programmes")


def test_phrase_matches_come_before_the_others(reindexed):
    """ "priority programmes" is a phrase of the minutes; the work plan's priority has "priority" only."""
    hits = found("funding sources")
    assert hits[0][0] == "minutes.minutes"


def test_a_substring_finds_part_of_a_word(reindexed):
    assert ("minutes.minutes", reindexed.published_minutes.pk, "en") in found("ogramm")
    assert "minutes.minutes" in kinds_found("ບຸລິມະ")  # a part of ບຸລິມະສິດ


def test_the_text_of_a_pdf_and_of_a_docx_is_found(reindexed, world):
    assert found("coldchain") == [("meetings.document", reindexed.pdf.pk, "")]
    member = world.user("member")
    assert ("meetings.document", reindexed.docx.pk, "") in found("ໂຮງໝໍ", member)


def test_stray_spaces_in_an_indexed_text_do_not_hide_the_word(reindexed):
    """The SDG text says "ສຳ ລັບທຸກຄົນ"; the query ສຳລັບທຸກຄົນ finds it as a phrase."""
    assert "frameworks.item" in kinds_found("ສຳລັບທຸກຄົນ")


def test_filters_by_type_group_and_year(reindexed, world):
    assert kinds_found("health", kinds=["workplans.workplan"]) == {"workplans.workplan"}
    assert found("health", group_ids=[world.education.pk]) == []
    assert kinds_found("health", year=2025) >= {"workplans.workplan", "minutes.minutes"}
    assert not kinds_found("health", year=2019)


def test_count_and_pages_agree(reindexed):
    results = search("health", scope=Scope())
    everything = results[0:1000]
    assert results.count() == len(everything) > 3
    assert results[0:2] + results[2:1000] == everything or [
        h.entry.pk for h in results[0:2] + results[2:1000]
    ] == [h.entry.pk for h in everything]


def test_a_hit_has_title_url_type_group_date_and_a_marked_snippet_in_the_pages_language(reindexed):
    (hit,) = [h for h in search("ແຫຼ່ງທຶນ", scope=Scope(), lang="en")[0:5] if h.type == "minutes.minutes"][:1]
    assert hit.title == "Health SWG, first quarter"
    assert hit.url.startswith("/en/minutes/")
    assert hit.group == "Health" and hit.date is not None
    assert "<mark>ແຫຼ່ງທຶນ</mark>" in hit.snippet or "<mark>ແຫຼ່ງ</mark>" in hit.snippet
    (english,) = [h for h in search("funding", scope=Scope(), lang="en")[0:5] if h.entry.part == "en"][:1]
    assert "<mark>funding</mark>" in english.snippet


def test_a_query_with_search_syntax_is_plain_text(reindexed):
    for q in ['"', 'health" OR "x', "NEAR(a b)", "*", "a AND", "'; DROP TABLE x; --", "%_\\"]:
        search(q, scope=Scope()).count()
        search(q, scope=Scope())[0:20]


def test_the_database_has_its_full_text_structures(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name IN ('search_fts', 'search_trigram')")
            assert {row[0] for row in cursor.fetchall()} == {"search_fts", "search_trigram"}
        else:
            cursor.execute("SELECT to_tsvector('simple', 'ແຫຼ່ງ ທຶນ')::text")
            assert cursor.fetchone()[0] == "'ທຶນ':2 'ແຫຼ່ງ':1"
            cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
            assert cursor.fetchone()


def test_the_reindex_command_rebuilds_the_index_and_its_statistics(corpus):
    """`manage.py reindex` writes every entry, then has the planner's statistics read (ANALYZE)."""
    from io import StringIO

    from django.core.management import call_command

    from roundtable.search.models import SearchEntry

    SearchEntry.objects.all().delete()
    out = StringIO()
    call_command("reindex", stdout=out)
    total = SearchEntry.objects.count()
    assert total and f"{total} entries in the index." in out.getvalue()
    assert found("ແຫຼ່ງທຶນ")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'search_searchentry'")
            assert cursor.fetchone()[0] > 0
