from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "roundtable.frameworks"
    label = "frameworks"

    def ready(self) -> None:
        # The app's pages in the sitemap and its public API.
        from . import api, indicator_sections, indicator_sitemaps, search, sitemaps  # noqa: F401
