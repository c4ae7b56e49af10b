"""The sitemap: every public page, in Lao and English (`/sitemap.xml`).

`SITEMAPS` is the dict that `roundtable/urls.py` hands to Django's sitemap view. It is read at each
request, so apps add to it at start-up: an app that has public pages writes
`roundtable/<app>/sitemaps.py` and registers its sitemap classes there:

    from roundtable.website.sitemaps import PublicSitemap, register_sitemap

    @register_sitemap("meetings")
    class MeetingSitemap(PublicSitemap):
        def items(self):
            return Meeting.objects.published()        # public items only: nothing private here

`WebsiteConfig.ready()` imports every installed app's `sitemaps` module (like the admin's
autodiscovery), so nothing else needs wiring. Subclass `PublicSitemap`: it lists each page in both
languages with hreflang alternates.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from roundtable.directory.models import Organisation
from roundtable.frameworks.models import Framework
from roundtable.groups.models import Group

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


@register_sitemap("pages")
class PagesSitemap(PublicSitemap):
    """The fixed public pages."""

    priority = 0.8
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["website:home", "groups:list", "directory:organisations", "frameworks:list"]

    def location(self, item: str) -> str:
        return reverse(item)


@register_sitemap("groups")
class GroupSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Group.objects.active().order_by("kind", "order", "code")

    def lastmod(self, item: Group):
        return item.updated_at


@register_sitemap("organisations")
class OrganisationSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Organisation.objects.order_by("pk")

    def lastmod(self, item: Organisation):
        return item.updated_at


@register_sitemap("frameworks")
class FrameworkSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Framework.objects.order_by("kind", "code")

    def lastmod(self, item: Framework):
        return item.updated_at
