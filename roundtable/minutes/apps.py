from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "roundtable.minutes"
    label = "minutes"

    def ready(self) -> None:
        # The group page and the site map are extension points of other apps; plug in when they exist.
        try:
            from roundtable.groups.sections import register_section
        except ImportError:
            register_section = None
        if register_section is not None:
            from .group_sections import minutes_section

            register_section(minutes_section, order=40)
        # "My work": the versions waiting for the user's step and their own action points.
        from roundtable.website.sections import dashboard_sections

        from .dashboard import my_minutes

        dashboard_sections.register(my_minutes, order=40)
        try:
            from roundtable.website.sitemaps import SITEMAPS
        except ImportError:
            SITEMAPS = None
        if isinstance(SITEMAPS, dict):
            from .sitemaps import SITEMAPS as OURS

            for key, sitemap in OURS.items():
                SITEMAPS.setdefault(key, sitemap)
