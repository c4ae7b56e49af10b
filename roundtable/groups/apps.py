from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "roundtable.groups"
    label = "groups"

    def ready(self) -> None:
        # The app's pages in the sitemap and its public API.
        from . import api, indicator_owners, search, sitemaps  # noqa: F401
