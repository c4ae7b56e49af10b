"""Results frameworks in the sitemap (imported by FrameworksConfig.ready())."""

from roundtable.core.sitemaps import PublicSitemap, register_sitemap

from .models import Framework


@register_sitemap("frameworks")
class FrameworkSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Framework.objects.order_by("kind", "code")

    def lastmod(self, item: Framework):
        return item.updated_at
