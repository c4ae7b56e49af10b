from django.contrib.sitemaps import Sitemap

from .models import Meeting


class MeetingSitemap(Sitemap):
    """Public meetings' pages, in Lao and in English."""

    changefreq = "weekly"
    priority = 0.5
    i18n = True
    alternates = True

    def items(self):
        return Meeting.objects.published().order_by("-start", "pk")

    def lastmod(self, meeting: Meeting):
        return meeting.updated_at
