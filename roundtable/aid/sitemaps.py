"""The public aid pages in the sitemap, in Lao and English: the overview, each sector group's and each
partner's page, and the IATI activities (ODA database projects are not public)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from roundtable.core.sitemaps import PagesSitemap, PublicSitemap, register_sitemap
from roundtable.directory.models import Organisation
from roundtable.groups.models import Group

from .models import Activity, Source
from .permissions import FUNDED_KINDS


@register_sitemap("aid-pages")
class AidPagesSitemap(PagesSitemap):
    names = ("aid:overview", "aid:activities", "aid:mapping", "aid:unmapped")


@register_sitemap("aid-groups")
class AidGroupSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Group.objects.active().filter(kind__in=FUNDED_KINDS).order_by("order", "code")

    def location(self, group) -> str:
        return reverse("aid:group", args=[group.code])


@register_sitemap("aid-partners")
class AidPartnerSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        public = Activity.objects.filter(source=Source.IATI, organisation=OuterRef("pk"))
        return Organisation.objects.filter(Exists(public)).order_by("pk")

    def location(self, organisation) -> str:
        return reverse("aid:partner", args=[organisation.pk])


@register_sitemap("aid-activities")
class AidActivitySitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.3
    limit = 20000  # two entries (Lao, English) for each

    def items(self):
        return Activity.objects.filter(source=Source.IATI).only("pk", "imported_at").order_by("pk")

    def lastmod(self, activity):
        return activity.imported_at
