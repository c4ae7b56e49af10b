"""The public pages of the Round Table meetings in the sitemap, in Lao and English: open and published
cycles, and the published progress reports of published cycles. Nothing in preparation, submitted,
returned or accepted ever appears."""

from roundtable.core.sitemaps import PagesSitemap, PublicSitemap, register_sitemap

from .models import Cycle, ProgressReport


@register_sitemap("round-table")
class CycleSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Cycle.objects.public().order_by("-held_on", "code")

    def lastmod(self, cycle: Cycle):
        return cycle.updated_at


@register_sitemap("progress-reports")
class ProgressReportSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return (
            ProgressReport.objects.published()
            .select_related("cycle", "group")
            .order_by("-cycle__held_on", "group__code")
        )

    def lastmod(self, report: ProgressReport):
        return report.published_at


@register_sitemap("round-table-pages")
class RoundTablePagesSitemap(PagesSitemap):
    names = ("reports:cycles", "reports:recommendations")
