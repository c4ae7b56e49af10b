from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "roundtable.website"
    label = "website"

    def ready(self) -> None:
        # Each app with public pages adds its sitemap in `roundtable/<app>/sitemaps.py`
        # (see roundtable/website/sitemaps.py); import them all once, at start-up.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("sitemaps")
