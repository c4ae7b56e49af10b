from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "roundtable.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # The index follows every save and delete of what the apps registered (roundtable.core.search).
        from . import api, index

        index.connect_signals()
        del api  # imported for its register_route
