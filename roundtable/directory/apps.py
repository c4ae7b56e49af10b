from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "roundtable.directory"
    label = "directory"

    def ready(self) -> None:
        # The stakeholder list on the group page and "My work"; organisations in the sitemap and the API.
        from . import api, search, sections, sitemaps  # noqa: F401
