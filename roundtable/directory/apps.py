from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "roundtable.directory"
    label = "directory"
