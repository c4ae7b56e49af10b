from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "roundtable.groups"
    label = "groups"
