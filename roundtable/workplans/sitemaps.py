"""Published work plans in the sitemap, in Lao and English. Drafts never appear."""

from roundtable.core.sitemaps import PublicSitemap, register_sitemap

from .models import WorkPlan


@register_sitemap("workplans")
class WorkPlanSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return WorkPlan.objects.published().select_related("group").order_by("-year", "group__code")

    def lastmod(self, plan: WorkPlan):
        return plan.updated_at
