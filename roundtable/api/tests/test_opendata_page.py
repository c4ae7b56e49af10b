"""The data page (`/lo/data/`, `/en/data/`): each dataset with its description, every field it writes, its
row count, formats, last change and licence; linked from the footer and the sitemap."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from html import unescape

from django.utils import timezone, translation

from roundtable.aid.tests.conftest import mapping, rates  # noqa: F401  (fixtures)
from roundtable.api.opendata.datasets import DATASETS, LICENCE
from roundtable.workplans.models import WorkPlan

from .opendata_world import open_world_fixture  # noqa: F401  (fixture)


def section(html: str, slug: str) -> str:
    match = re.search(rf'<section class="dataset" id="dataset-{re.escape(slug)}">(.*?)</section>', html, re.S)
    assert match, slug
    return match.group(1)


def test_the_page_lists_every_field_that_each_csv_file_writes(client, open_world):
    html = client.get("/en/data/").content.decode()
    for dataset in DATASETS:
        part = section(html, dataset.slug)
        response = client.get(f"/en/data/{dataset.slug}.csv")
        text = b"".join(response.streaming_content).decode()
        header, *rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        rows_of_table = re.findall(r"<tr><td><code>(.*?)</code></td><td>(.*?)</td><td>(.*?)</td></tr>", part)
        assert [unescape(name) for name, _, _ in rows_of_table] == header, dataset.slug
        # Each field has a type and a meaning.
        assert all(kind.strip() and meaning.strip() for _, kind, meaning in rows_of_table), dataset.slug
        # The row count is the file's, the formats link the files.
        assert f"<dd>{len(rows)}</dd>" in part, dataset.slug
        for fmt in ("csv", "json"):
            assert f'href="/en/data/{dataset.slug}.{fmt}"' in part
        assert unescape(str(dataset.title)) in unescape(part)


def test_the_licence_is_stated_and_iati_data_keeps_its_publishers_licences(client, open_world):
    html = client.get("/en/data/").content.decode()
    assert f'<a href="{LICENCE["url"]}" rel="license">{LICENCE["name"]}</a>' in html
    assert "publishers" in section(html, "aid-activities")
    assert LICENCE["short"] not in section(html, "aid-funding")
    assert LICENCE["short"] in section(html, "minutes")


def test_the_last_change_is_the_newest_change_of_the_published_records(client, open_world):
    html = client.get("/en/data/").content.decode()
    # The draft plan, changed after the published one, does not count.
    WorkPlan.objects.filter(pk=open_world.draft_plan.pk).update(updated_at=timezone.now() + timedelta(days=9))
    html = client.get("/en/data/").content.decode()
    changed = timezone.localtime(WorkPlan.objects.get(pk=open_world.plan.pk).updated_at)
    assert f'<time datetime="{changed.isoformat()}">' in section(html, "workplans")
    assert "computed when asked" in section(html, "compliance")


def test_the_page_is_in_both_languages_and_needs_no_script(client, open_world):
    lao = client.get("/lo/data/").content.decode()
    english = client.get("/en/data/").content.decode()
    assert '<html lang="lo">' in lao and '<html lang="en">' in english
    # The groups' feeds are named in the page's language.
    assert ">ສາທາລະນະສຸກ</a>" in lao and ">Health</a>" in english
    with translation.override("lo"):
        assert all(unescape(str(d.title)) in unescape(lao) for d in DATASETS)
    # The field lists are <details>, open without JavaScript; the page has no script of its own.
    assert english.count("<details>") >= len(DATASETS)
    assert "<script" not in english.split('<main id="main"')[1]


def test_the_page_links_the_feeds_and_announces_them(client, open_world):
    html = client.get("/en/data/").content.decode()
    for kind in ("minutes", "workplans", "reports"):
        assert f'href="/en/data/feeds/{kind}.rss"' in html and f'href="/en/data/feeds/{kind}.atom"' in html
        assert '<link rel="alternate" type="application/atom+xml" title="' in html
    assert 'href="/en/data/feeds/minutes/health.rss"' in html


def test_the_footer_links_the_page_and_the_sitemap_lists_it_in_both_languages(client, db):
    home = client.get("/en/").content.decode()
    assert 'href="/en/data/"' in home.split('<footer class="site-footer">')[1]
    sitemap = client.get("/sitemap.xml").content.decode()
    if "<sitemapindex" in sitemap:  # a sitemap per section
        sitemap = "".join(
            client.get(re.sub(r"^https?://[^/]+", "", url)).content.decode()
            for url in re.findall(r"<loc>(.*?)</loc>", sitemap)
        )
    assert "/lo/data/</loc>" in sitemap and "/en/data/</loc>" in sitemap
