from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "roundtable.workplans"
    label = "workplans"

    def ready(self) -> None:
        # What this app adds to other apps' pages, the sitemap and the public API.
        from . import api, search, sections, sitemaps  # noqa: F401
