from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "roundtable.meetings"
    label = "meetings"

    def ready(self) -> None:
        # The group page and the sitemap are extension points of other apps; join them when present.
        try:
            from roundtable.groups.sections import register_section
        except ImportError:
            register_section = None
        if register_section is not None:
            from .group_sections import meetings_section

            register_section(meetings_section, order=40)
        try:
            from roundtable.website import sitemaps as website_sitemaps
        except ImportError:
            return
        from .sitemaps import MeetingSitemap

        register = getattr(website_sitemaps, "register", None)
        if callable(register):
            register("meetings", MeetingSitemap)
        elif isinstance(getattr(website_sitemaps, "SITEMAPS", None), dict):
            website_sitemaps.SITEMAPS.setdefault("meetings", MeetingSitemap)
