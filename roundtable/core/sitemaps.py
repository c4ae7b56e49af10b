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
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

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


class PublicSitemap(Sitemap):
    """Each item once per language (`/lo/...` and `/en/...`), each with its alternates."""

    i18n = True
    alternates = True
    x_default = False

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
