from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

# Other apps publish their own read-only endpoints as `ROUTES = [(prefix, viewset, basename)]` in
# `<app>/api.py`; an app without that module (not installed yet) is skipped, as in load_demo.
PUBLISHING_MODULES = ["roundtable.meetings.api", "roundtable.minutes.api", "roundtable.workplans.api"]


def app_routes() -> list[tuple]:
    routes = []
    for name in PUBLISHING_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        routes += module.ROUTES
    return routes


router = DefaultRouter()
router.register("groups", views.GroupViewSet, basename="group")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("frameworks", views.FrameworkViewSet, basename="framework")
router.register("framework-items", views.FrameworkItemViewSet, basename="frameworkitem")
for prefix, viewset, basename in app_routes():
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
