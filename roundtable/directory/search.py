"""What the directory adds to the site-wide search: organisations (public pages). People are not indexed:
their pages are for logged-in users, and a public search must never name them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.core.search import Document, SearchProvider, join, register_provider, urls

from .models import Organisation


class OrganisationProvider(SearchProvider):
    name = "directory.organisation"
    label = _("Organisation")
    model = Organisation
    order = 80

    def documents(self, org: Organisation) -> list[Document]:
        url_lo, url_en = urls("directory:organisation", org.pk)
        kind = org.get_kind_display()
        return [
            Document(
                title_lo=org.name_lo or org.name_en,
                title_en=org.name_en or org.name_lo,
                body_lo=join(org.acronym, org.name_en if org.name_lo else ""),
                body_en=join(org.acronym, kind, org.name_lo if org.name_en else ""),
                url_lo=url_lo,
                url_en=url_en,
                # The organisation's page is public to everyone (directory.views.organisations).
                public=True,
            )
        ]


register_provider(OrganisationProvider())
