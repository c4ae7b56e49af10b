from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "roundtable.workplans"
    label = "workplans"

    def ready(self) -> None:
        # The group page and the sitemap know nothing of work plans: this app plugs itself into both.
        from roundtable.groups.sections import register_section

        from . import sitemaps  # noqa: F401  (registers WorkPlanSitemap; the website app also autodiscovers it)
        from .group_section import workplans_section

        register_section(workplans_section, order=20)

        # "My work": the plans waiting for the user (the website app knows nothing of work plans either).
        from roundtable.website.sections import dashboard_sections

        from .dashboard import my_workplans

        dashboard_sections.register(my_workplans, order=20)
