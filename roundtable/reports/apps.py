from importlib.util import find_spec

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "roundtable.reports"
    label = "reports"
    verbose_name = _("Progress reports and Round Table meetings")

    def ready(self) -> None:
        # What this app adds to other apps' pages, the sitemap, the public API and the site search.
        from . import api, sections, sitemaps  # noqa: F401

        if find_spec("roundtable.core.search") is not None:
            from . import search  # noqa: F401
