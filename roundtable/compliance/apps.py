from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "roundtable.compliance"
    label = "compliance"
    verbose_name = _("Checklists and compliance")

    def ready(self) -> None:
        # What this app adds to other apps' pages (group page, My work, the RTP overview), the sitemap and
        # the public API.
        from . import api, sections, sitemaps  # noqa: F401
