from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "roundtable.website"
    label = "website"

    def ready(self) -> None:
        from . import sitemaps  # noqa: F401
