from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "roundtable.directory"
    label = "directory"

    def ready(self) -> None:
        # Adds the stakeholder list to the group page and to "My work".
        from . import sections  # noqa: F401
