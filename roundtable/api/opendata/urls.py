from django.urls import path, register_converter

from . import views
from .feeds import FEEDS


class ChoiceConverter:
    """One of a fixed set of words: an address naming no feed kind or format is a 404 at routing."""

    def __init__(self, *words: str) -> None:
        self.regex = "|".join(words)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FeedKindConverter(ChoiceConverter):
    def __init__(self) -> None:
        super().__init__(*FEEDS)


class FeedFormatConverter(ChoiceConverter):
    def __init__(self) -> None:
        super().__init__("rss", "atom")


register_converter(FeedKindConverter, "feedkind")
register_converter(FeedFormatConverter, "feedformat")

app_name = "opendata"


urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>.<str:fmt>", views.download, name="download"),
    path("feeds/<feedkind:kind>.<feedformat:suffix>", views.feed, name="feed"),
    path("feeds/<feedkind:kind>/<slug:code>.<feedformat:suffix>", views.feed, name="group_feed"),
]
