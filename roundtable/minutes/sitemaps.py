"""Published minutes in the site map, in both languages. Nothing unpublished is ever listed."""

from django.db.models import Max, Q
from django.urls import reverse

from roundtable.core.sitemaps import PagesSitemap, PublicSitemap, register_sitemap

from .models import Minutes, MinutesStatus


@register_sitemap("minutes")
class PublishedMinutesSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return (
            Minutes.objects.published()
            .annotate(
                last_published=Max(
                    "versions__published_at", filter=Q(versions__status=MinutesStatus.PUBLISHED)
                )
            )
            .order_by("-meeting_id")
        )

    def location(self, minutes: Minutes) -> str:
        return reverse("minutes:detail", args=[minutes.meeting_id])

    def lastmod(self, minutes: Minutes):
        return minutes.last_published


@register_sitemap("minutes-list")
class MinutesListSitemap(PagesSitemap):
    changefreq = "weekly"
    priority = 0.6
    names = ("minutes:public_list",)
