from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "roundtable.core"
    label = "core"

    def ready(self) -> None:
        # Every process that writes (web, task worker, commands) makes the cached public pages stale.
        from . import pagecache

        pagecache.connect_signals()
