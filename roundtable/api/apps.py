from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "roundtable.api"
    label = "api"

    def ready(self) -> None:
        from .opendata import sitemaps  # noqa: F401  (registers the data page in the sitemap)
