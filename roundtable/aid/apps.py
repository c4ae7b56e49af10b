from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidConfig(AppConfig):
    name = "roundtable.aid"
    label = "aid"
    verbose_name = _("Aid data")

    def ready(self) -> None:
        # What this app adds to other apps' pages, the sitemap and the public API.
        from . import api, sections, sitemaps  # noqa: F401
