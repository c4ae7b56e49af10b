"""Organisations' pages in the sitemap (imported by DirectoryConfig.ready()). People are never listed."""

from roundtable.core.sitemaps import PublicSitemap, register_sitemap

from .models import Organisation


@register_sitemap("organisations")
class OrganisationSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Organisation.objects.order_by("pk")

    def lastmod(self, item: Organisation):
        return item.updated_at
