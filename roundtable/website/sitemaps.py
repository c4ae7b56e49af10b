"""The website's own fixed pages in the sitemap (the lists of the apps' pages are theirs: each app's
`sitemaps.py` registers them in roundtable.core.sitemaps)."""

from roundtable.core.sitemaps import PagesSitemap, register_sitemap


@register_sitemap("pages")
class WebsitePagesSitemap(PagesSitemap):
    names = ("website:home", "groups:list", "directory:organisations", "frameworks:list")
