"""/sitemap.xml is an index of per-app sitemaps; each is paginated and cached, and stale on any change."""

import re

import pytest
from django.core.cache import cache

from roundtable.core import sitemaps
from roundtable.meetings import services
from roundtable.meetings.tests.conftest import make_meeting, officer

pytestmark = pytest.mark.django_db
LOC = re.compile(r"<loc>http://testserver([^<]+)</loc>")


def test_the_index_names_one_sitemap_per_registered_name(world, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and "<sitemapindex" in response.content.decode()
    named = set(LOC.findall(response.content.decode()))
    for name in sitemaps.SITEMAPS:
        assert f"/sitemap-{name}.xml" in named
    organisations = client.get("/sitemap-organisations.xml").content.decode()
    assert f"http://testserver{world.who.get_absolute_url()}" in organisations


def test_a_long_sitemap_is_cut_into_pages(world, client, monkeypatch):
    for i in range(3):
        make_meeting(world.health, public=True, title_en=f"Meeting {i}")
    monkeypatch.setattr(sitemaps.SITEMAPS["meetings"], "limit", 2)
    index = LOC.findall(client.get("/sitemap.xml").content.decode())
    pages = [loc for loc in index if loc.startswith("/sitemap-meetings.xml")]
    assert pages == ["/sitemap-meetings.xml", "/sitemap-meetings.xml?p=2", "/sitemap-meetings.xml?p=3"]
    # Three meetings in two languages: six addresses, two a page.
    seen = [
        loc for page in pages for loc in LOC.findall(client.get(page.replace("&amp;", "&")).content.decode())
    ]
    assert len(seen) == 6 and len(set(seen)) == 6
    assert client.get("/sitemap-meetings.xml?p=9").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_sitemap_is_cached_and_an_unpublished_page_leaves_it_at_once(
    world, client, django_assert_num_queries
):
    meeting = make_meeting(world.health, public=True)
    address = f"/en/meetings/{meeting.pk}/"
    assert address in client.get("/sitemap-meetings.xml").content.decode()
    with django_assert_num_queries(0):
        cached = client.get("/sitemap-meetings.xml")
    assert address in cached.content.decode() and "max-age" in cached["Cache-Control"]
    services.meeting_update(meeting=meeting, actor=officer(), data={"is_public": False})
    assert address not in client.get("/sitemap-meetings.xml").content.decode()


def test_the_index_is_cached_too(world, client, django_assert_num_queries):
    cache.clear()
    client.get("/sitemap.xml")
    with django_assert_num_queries(0):
        assert client.get("/sitemap.xml").status_code == 200


def test_the_pages_are_counted_and_cut_in_the_database(world):
    for i in range(5):
        make_meeting(world.health, public=True, title_en=f"Meeting {i}")
    sitemap = sitemaps.SITEMAPS["meetings"]()
    assert sitemap.paginator.count == 2 * sitemap.items().count()
    everything = [(item.pk, lang) for item, lang in sitemap._items()]
    sitemap.limit = 3
    pages = [sitemap.paginator.page(n).object_list for n in sitemap.paginator.page_range]
    paged = [(item.pk, lang) for page in pages for item, lang in page]
    assert len(paged) == len(everything) == 10 and sorted(paged) == sorted(everything)
