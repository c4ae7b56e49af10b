"""Public meetings in the sitemap (imported by WebsiteConfig.ready(), which registers it)."""

from roundtable.core.sitemaps import PublicSitemap, register_sitemap

from .models import Meeting


@register_sitemap("meetings")
class MeetingSitemap(PublicSitemap):
    """Public meetings' pages, in Lao and in English; internal meetings never appear."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Meeting.objects.published().order_by("-start", "pk")

    def lastmod(self, meeting: Meeting):
        return meeting.updated_at
