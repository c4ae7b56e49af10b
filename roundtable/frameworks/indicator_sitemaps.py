"""The monitoring pages in the sitemap: a framework's monitoring page and each indicator's page (public:
they show published values only). Imported by FrameworksConfig.ready()."""

from django.urls import reverse

from roundtable.core.sitemaps import PublicSitemap, register_sitemap

from .indicator_models import Indicator
from .models import Framework


@register_sitemap("frameworks-monitoring")
class MonitoringSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Framework.objects.filter(items__monitoring__isnull=False).distinct().order_by("code")

    def location(self, item: Framework) -> str:
        return reverse("frameworks:monitoring", args=[item.code])


@register_sitemap("frameworks-indicators")
class IndicatorSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Indicator.objects.select_related("item__framework").order_by(
            "item__framework__code", "item__sort_key"
        )

    def location(self, item: Indicator) -> str:
        return reverse("frameworks:indicator", args=[item.item.framework.code, item.item.code])

    def lastmod(self, item: Indicator):
        return item.updated_at
