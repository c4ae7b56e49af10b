from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "roundtable.directory"
    label = "directory"

    def ready(self) -> None:
        # Adds the stakeholder list's section to the group page.
        from . import group_sections  # noqa: F401
