from roundtable.core.sitemaps import PagesSitemap, register_sitemap


@register_sitemap("opendata")
class OpenDataSitemap(PagesSitemap):
    names = ("opendata:index",)
