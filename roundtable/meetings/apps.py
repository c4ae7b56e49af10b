from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "roundtable.meetings"
    label = "meetings"

    def ready(self) -> None:
        # What this app adds to other apps' pages, the sitemap and the public API.
        from . import api, search, sections, sitemaps  # noqa: F401
