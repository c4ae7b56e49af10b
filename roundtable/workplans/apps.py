from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "roundtable.workplans"
    label = "workplans"
