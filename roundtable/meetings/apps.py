from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "roundtable.meetings"
    label = "meetings"

    def ready(self) -> None:
        # The group page's extension point; the sitemap is found by the website app (meetings/sitemaps.py).
        from roundtable.groups.sections import register_section

        from .group_sections import meetings_section

        register_section(meetings_section, order=40)

        # "My work": the next meetings of the user's groups and the invitations not answered yet.
        from roundtable.website.sections import dashboard_sections

        from .dashboard import my_meetings

        dashboard_sections.register(my_meetings, order=30)
