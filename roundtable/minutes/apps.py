from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "roundtable.minutes"
    label = "minutes"
