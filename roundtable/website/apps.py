from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "roundtable.website"
    label = "website"
