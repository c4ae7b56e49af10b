"""What keeps the search fast, tested for what it must not change: the page takes the same queries at ten
times the data; the substrings join only when the words leave the page short; counts stop at the cap; pages
cut across the tiers add up to the whole list; the page and the API give the same results. (The times
themselves are bench/search_bench.py's.) The same expectations on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.minutes.tests.conftest import make_meeting, make_minutes, set_status, version_of
from roundtable.search import query
from roundtable.search.models import PUBLIC_WORD, SearchEntry
from roundtable.search.query import Scope, search
from roundtable.workplans.models import Priority, WorkPlan

from .conftest import found

pytestmark = pytest.mark.django_db

VTE = datetime(2025, 3, 10, 9, 0).astimezone().tzinfo


def grow(world, factor: int, django_capture_on_commit_callbacks) -> None:
    """More of every indexed kind until the index holds `factor` times the entries it holds now: public
    meetings with published minutes, internal meetings with draft minutes, published and draft work plans
    with priorities, framework items; written as the apps write them, the index following its signals."""
    target = factor * SearchEntry.objects.count()
    framework = Framework.objects.create(kind="sdg", code="grown", name_en="Grown", name_lo="ເພີ່ມ")
    n = 0
    while SearchEntry.objects.count() < target:
        n += 1
        with django_capture_on_commit_callbacks(execute=True):
            public = make_meeting(
                world,
                title_en=f"Health SWG meeting {n}",
                start=datetime(2024, 1, 1, 9, 0, tzinfo=VTE) + timedelta(days=7 * n),
            )
            public.is_public = True
            public.save()
            minutes = make_minutes(world, public)
            set_status(version_of(minutes, "lo"), "published")
            set_status(version_of(minutes, "en"), "published")
            internal = make_meeting(world, title_en=f"Internal health review {n}")
            make_minutes(world, internal)
            plan = WorkPlan.objects.create(
                group=world.health if n % 2 else world.education,
                year=2000 + n,
                status="published" if n % 3 else "draft",
                sector_strategy_en=f"Health financing strategy {n}",
            )
            Priority.objects.create(workplan=plan, order=1, title_en=f"Health priority {n}")
            FrameworkItem.objects.create(
                framework=framework, level="goal", code=str(n), title_en=f"Health target {n}"
            )


def queries_of(client, path: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_search_page_takes_the_same_queries_at_ten_times_the_data(
    client_for, reindexed, world, django_capture_on_commit_callbacks
):
    """For the public and for a member (who finds the group's internal records too)."""
    personas = ["anonymous", "member"]
    clients = {p: client_for(world.user(p)) for p in personas}
    asks = [
        ("/en/search/", {"q": "health"}),
        ("/en/search/", {"q": "health budget", "page": "2"}),
        ("/lo/search/", {"q": "ງົບປະມານ"}),
        ("/en/search/", {"q": "ealth", "type": "meetings.meeting"}),
        ("/en/search/", {"q": "health", "group": "health", "year": "2025"}),
    ]
    for client in clients.values():
        client.get(*asks[0])  # warm: the session, the content types
    before = {p: [queries_of(c, path, params) for path, params in asks] for p, c in clients.items()}
    entries = SearchEntry.objects.count()
    counts = {p: search("health", scope=Scope.for_user(world.user(p))).count() for p in personas}

    grow(world, 10, django_capture_on_commit_callbacks)

    assert SearchEntry.objects.count() >= 10 * entries
    for persona, client in clients.items():
        assert search("health", scope=Scope.for_user(world.user(persona))).count() > counts[persona]
        assert [queries_of(client, path, params) for path, params in asks] == before[persona], persona


@pytest.fixture
def healthcare(reindexed, django_capture_on_commit_callbacks):
    """An entry that the substrings find and the words do not ("healthcare" is not the word "health"), and
    one that has the words "health" and "budget" but not the phrase."""
    with django_capture_on_commit_callbacks(execute=True):
        framework = Framework.objects.create(kind="sdg", code="care", name_en="Care", name_lo="ການດູແລ")
        item = FrameworkItem.objects.create(
            framework=framework, level="goal", code="1", title_en="Healthcare budgets for every district"
        )
        # Both words, not as a phrase: the second tier.
        FrameworkItem.objects.create(
            framework=framework, level="goal", code="2", title_en="Budget lines for the health centres"
        )
    return item


def test_substrings_join_only_when_the_words_leave_the_page_short(healthcare, monkeypatch):
    item = ("frameworks.item", healthcare.pk, "")
    assert found("ealth")  # no word: the words find nothing, the substrings do
    monkeypatch.setattr(query, "SUBSTRING_BELOW", 10_000)  # a page of 10,000: the words are short of it
    assert item in found("health")
    monkeypatch.setattr(query, "SUBSTRING_BELOW", 1)  # a page of 1: the words fill it
    assert item not in found("health")
    assert search("health", scope=Scope())._sizes[query.SUBSTRINGS] == 0
    assert found("ealth")  # still short (none)
    monkeypatch.setattr(query, "SUBSTRING_BELOW", query.COUNT_CAP)
    words = search("health", scope=Scope())
    assert words.count() == sum(words._sizes.values()) and words._sizes[query.SUBSTRINGS] >= 1


def test_the_tiers_come_in_order_and_pages_across_them_add_up_to_the_whole(healthcare, monkeypatch):
    """A query that the phrase, the other words and the substrings each find, read in pages of 1 and 3."""
    monkeypatch.setattr(query, "SUBSTRING_BELOW", 10_000)
    results = search("health budget", scope=Scope())
    sizes = results._sizes
    assert sizes[query.PHRASE] and sizes[query.MORE_WORDS] and sizes[query.SUBSTRINGS]
    whole = [h.entry.pk for h in results[0:1000]]
    assert len(whole) == len(set(whole)) == results.count() == sum(sizes.values())
    assert [h.entry.pk for n in range(len(whole)) for h in results[n : n + 1]] == whole
    assert [h.entry.pk for n in range(0, len(whole), 3) for h in results[n : n + 3]] == whole
    entries = SearchEntry.objects.in_bulk(whole)
    phrase, substrings = whole[: sizes[query.PHRASE]], whole[-sizes[query.SUBSTRINGS] :]
    text = {pk: f"{e.title_en} {e.body_en}" for pk, e in entries.items()}
    assert all(re.search(r"health\W+budget", text[pk], re.I) for pk in phrase)
    assert SearchEntry.objects.get(kind="frameworks.item", object_id=healthcare.pk).pk in substrings


def test_counts_stop_at_the_cap_and_pages_stay_within_it(reindexed, monkeypatch):
    total = search("health", scope=Scope()).count()
    assert total > 3
    monkeypatch.setattr(query, "COUNT_CAP", 3)
    capped = search("health", scope=Scope())
    assert capped.count() == 3
    assert len(capped[0:1000]) == 3


def test_the_substrings_are_counted_to_their_own_cap_and_the_page_says_more(reindexed, monkeypatch, client):
    whole = search("ealth", scope=Scope())  # no word: only substrings
    assert whole.count() > 2 and not whole.capped
    monkeypatch.setattr(query, "SUBSTRING_CAP", 2)
    capped = search("ealth", scope=Scope())
    assert capped.count() == 2 and capped.capped
    assert len(capped[0:1000]) == 2
    page = client.get("/en/search/", {"q": "ealth"}).content.decode()
    assert "More than 2 results" in page


def test_an_entry_taken_out_of_the_public_index_loses_its_public_word(
    corpus, world, django_capture_on_commit_callbacks, monkeypatch
):
    """The narrowing at commit (before any task) edits the index's own visibility words."""
    from types import SimpleNamespace

    from roundtable.search import tasks

    version = version_of(corpus.published_minutes, "en")
    entry = SearchEntry.objects.get(kind="minutes.minutes", object_id=corpus.published_minutes.pk, part="en")
    assert entry.is_public and PUBLIC_WORD in entry.scope.split()
    monkeypatch.setattr(tasks, "reindex_records", SimpleNamespace(enqueue=lambda **kwargs: None))
    with django_capture_on_commit_callbacks(execute=True):
        set_status(version, "returned")
    entry.refresh_from_db()
    assert not entry.is_public and PUBLIC_WORD not in entry.scope.split()
    assert ("minutes.minutes", corpus.published_minutes.pk, "en") not in found("funding")


def test_the_page_and_the_api_give_the_same_results(client, reindexed):
    for q, lang, extra in (
        ("health", "en", {}),
        ("ແຫຼ່ງທຶນ", "lo", {}),
        ("health", "en", {"type": "meetings.meeting"}),
        ("ogramm", "en", {}),
    ):
        html = client.get(f"/{lang}/search/", {"q": q, **extra}).content.decode()
        on_page = re.findall(r'<h2 class="search-title"><a href="([^"]+)"', html)
        body = client.get("/api/v1/search/", {"q": q, "lang": lang, "page_size": 20, **extra}).json()
        from_api = [r["url"].removeprefix("http://testserver") for r in body["results"]]
        assert on_page, q
        assert [u.replace("&amp;", "&") for u in on_page] == from_api, q
        count = re.search(r'<p class="muted">\D*(\d+)', html)
        assert count and int(count.group(1)) == body["count"], q


@pytest.fixture
def monitoring(reindexed, django_capture_on_commit_callbacks):
    """A phrase with an English stopword inside it, the same words apart, and a Lao phrase whose words
    also stand apart elsewhere."""
    with django_capture_on_commit_callbacks(execute=True):
        framework = Framework.objects.create(kind="sdg", code="me", name_en="M&E", name_lo="ຕິດຕາມ")
        items = {
            code: FrameworkItem.objects.create(framework=framework, level="goal", code=code, **titles)
            for code, titles in {
                "phrase": {"title_en": "A monitoring and evaluation framework for the sector"},
                "apart": {"title_en": "Evaluation and review of the district's monitoring"},
                "lo-phrase": {"title_lo": "ແຜນການ ຕິດຕາມ ແລະ ປະເມີນຜົນ ຂອງຂະແໜງ"},
                "lo-apart": {"title_lo": "ປະເມີນຜົນ ຂອງ ແຜນ ແລະ ການຕິດຕາມ"},
            }.items()
        }
    return {code: ("frameworks.item", item.pk, "") for code, item in items.items()}


@pytest.mark.parametrize(
    ("q", "phrase", "apart"),
    [("monitoring and evaluation", "phrase", "apart"), ("ຕິດຕາມ ແລະ ປະເມີນຜົນ", "lo-phrase", "lo-apart")],
)
def test_the_phrase_tier_holds_the_phrase_and_not_its_words_apart(monitoring, q, phrase, apart):
    """On PostgreSQL the phrase is found through its pairs of neighbouring words (migration search 0004),
    an English stopword's gap kept; on SQLite through FTS5's positions. The same tiers on both."""
    results = search(q, scope=Scope())
    sizes = results._sizes
    hits = [("frameworks.item", h.entry.object_id, "") for h in results[0:100]]
    phrase_tier, words_tier = hits[: sizes[query.PHRASE]], hits[sizes[query.PHRASE] :]
    assert monitoring[phrase] in phrase_tier
    assert monitoring[apart] not in phrase_tier
    assert monitoring[apart] in words_tier
