from django.urls import path

from . import views

app_name = "website"

urlpatterns = [
    path("", views.home, name="home"),
    path("site-map/", views.site_map, name="site_map"),
    path("me/", views.dashboard, name="dashboard"),
    path("secretariat/", views.secretariat, name="secretariat"),
]
