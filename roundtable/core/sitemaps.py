"""The sitemap registry: every public page, in Lao and English (`/sitemap.xml`).

`SITEMAPS` is the dict that `roundtable/urls.py` hands to Django's sitemap view. It is read at each
request, so apps add to it at start-up: an app that has public pages writes
`roundtable/<app>/sitemaps.py` and imports it from its `AppConfig.ready()`:

    from roundtable.core.sitemaps import PublicSitemap, register_sitemap

    @register_sitemap("meetings")
    class MeetingSitemap(PublicSitemap):
        def items(self):
            return Meeting.objects.published()        # public items only: nothing private here

Subclass `PublicSitemap`: it lists each page in both languages with hreflang alternates.

`/sitemap.xml` is an index: one `/sitemap-<name>.xml` per registered sitemap, each paginated
(`?p=2`, `PublicSitemap.limit` addresses a page) and each answer cached under the site's page-cache
generation (`roundtable.core.pagecache`): any change to a record, a publication or its withdrawal, makes
every stored sitemap stale at once, so an unpublished page leaves the sitemap on the next request.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from roundtable.core import pagecache

SITEMAPS: dict[str, type[Sitemap]] = {}


def register_sitemap(name: str):
    """Class decorator: add a sitemap under `name` (a name already taken is a programming error)."""

    def add(cls: type[Sitemap]) -> type[Sitemap]:
        existing = SITEMAPS.get(name)
        if existing is not None and existing is not cls and existing.__qualname__ != cls.__qualname__:
            raise ValueError(f"A sitemap named {name!r} is already registered.")
        SITEMAPS[name] = cls
        return cls

    return add


class _ItemLanguagePairs:
    """A queryset's (item, language) pairs, counted and sliced in the database: Django's i18n sitemap
    builds the list of every pair to count pages, which loads every item for the index (875 ms at 10×)."""

    def __init__(self, queryset: QuerySet, languages: list[str]):
        self.queryset = queryset if queryset.ordered else queryset.order_by("pk")
        self.languages = languages

    def count(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        n = len(self.languages)
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        first, last = start // n, -(-stop // n)
        pairs = [(item, lang) for item in self.queryset[first:last] for lang in self.languages]
        return pairs[start - first * n : stop - first * n]


class PublicSitemap(Sitemap):
    """Each item once per language (`/lo/...` and `/en/...`), each with its alternates."""

    i18n = True
    alternates = True
    x_default = False
    # Addresses per sitemap page (each language counts, each address carries its alternates): pages stay
    # under 100 KB, and a search engine fetches small pages.
    limit = 300

    @property
    def paginator(self) -> Paginator:
        items = self.items()
        same_languages = type(self).get_languages_for_item is Sitemap.get_languages_for_item
        if self.i18n and same_languages and isinstance(items, QuerySet):
            return Paginator(_ItemLanguagePairs(items, self._languages()), self.limit)
        return super().paginator

    def location(self, item) -> str:
        return item.get_absolute_url()


class PagesSitemap(PublicSitemap):
    """Fixed public pages, named by URL name in `items` (subclass and list them)."""

    priority = 0.8
    changefreq = "weekly"
    names: tuple[str, ...] = ()

    def items(self) -> list[str]:
        return list(self.names)

    def location(self, item: str) -> str:
        return reverse(item)


def _cached(view):
    """The sitemap view, its answer kept in the cache under the site's generation and the full address."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = ":".join(
            (
                "rt:sitemap",
                pagecache.generation(),
                request.scheme,
                request.get_host(),
                request.get_full_path(),
            )
        )
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            response.render()
            cache.set(key, (response.content, response["Content-Type"]), settings.RT_PAGE_CACHE_SECONDS)
        response["Cache-Control"] = f"public, max-age={settings.RT_PAGE_MAX_AGE}"
        return response

    return cached_view


@_cached
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """`/sitemap.xml`: the index of every registered sitemap and its pages."""
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")


@_cached
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """`/sitemap-<section>.xml?p=N`: one registered sitemap, one page of it."""
    return sitemap_views.sitemap(request, SITEMAPS, section=section)
