"""Active groups' pages in the sitemap (imported by GroupsConfig.ready())."""

from roundtable.core.sitemaps import PublicSitemap, register_sitemap

from .models import Group


@register_sitemap("groups")
class GroupSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Group.objects.active().order_by("kind", "order", "code")

    def lastmod(self, item: Group):
        return item.updated_at
