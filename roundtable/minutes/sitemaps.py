"""Published minutes in the site map, in both languages. Nothing unpublished is ever listed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from .models import Minutes, MinutesStatus


class PublishedMinutesSitemap(Sitemap):
    i18n = True
    alternates = True
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


class MinutesListSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["minutes:public_list"]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {"minutes": PublishedMinutesSitemap, "minutes-list": MinutesListSitemap}
