from django.urls import path

from .views import feeds

app_name = "feeds"

urlpatterns = [
    path("meetings.ics", feeds.public_feed, name="meetings"),
    path("meetings/private/<str:token>.ics", feeds.private_feed, name="private"),
    path("meetings/<slug:code>.ics", feeds.group_feed, name="group"),
]
