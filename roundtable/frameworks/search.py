"""What the results frameworks add to the site-wide search: every item (NSEDP outcomes and outputs, SDG
goals, targets and indicators, Vientiane Declaration principles), public like the frameworks' pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.core.search import ANONYMOUS, Document, SearchProvider, join, register_provider, urls

from .models import Framework, FrameworkItem
from .permissions import can_view_frameworks


class FrameworkItemProvider(SearchProvider):
    name = "frameworks.item"
    label = _("Framework item")
    model = FrameworkItem
    order = 70
    watches = {Framework: lambda framework: framework.items.values_list("pk", flat=True)}

    def records(self):
        return FrameworkItem.objects.select_related("framework")

    def documents(self, item: FrameworkItem) -> list[Document]:
        framework = item.framework
        url_lo, url_en = urls("frameworks:detail", framework.code, fragment=f"item-{item.code}")
        title_lo = item.short_lo or item.title_lo or item.short_en or item.title_en
        title_en = item.short_en or item.title_en or item.short_lo or item.title_lo
        return [
            Document(
                title_lo=f"{item.code} {title_lo}",
                title_en=f"{item.code} {title_en}",
                body_lo=join(item.title_lo, framework.name_lo),
                body_en=join(item.title_en, framework.name_en),
                url_lo=url_lo,
                url_en=url_en,
                public=can_view_frameworks(ANONYMOUS),
            )
        ]


register_provider(FrameworkItemProvider())
