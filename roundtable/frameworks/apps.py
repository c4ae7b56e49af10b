from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "roundtable.frameworks"
    label = "frameworks"
