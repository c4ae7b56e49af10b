"""The public scorecard in the sitemap (in Lao and English), unless the setting turns it off."""

from roundtable.core.sitemaps import PagesSitemap, register_sitemap

from .permissions import public_scorecard_enabled


@register_sitemap("compliance")
class ComplianceSitemap(PagesSitemap):
    priority = 0.5
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["compliance:public"] if public_scorecard_enabled() else []
