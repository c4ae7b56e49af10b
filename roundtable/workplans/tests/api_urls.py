"""The project's URLs plus the work-plan API router, as the integrator will mount it at /api/v1/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from roundtable.core.api import ROUTES
from roundtable.urls import urlpatterns as project_urlpatterns

router = DefaultRouter()
for route in ROUTES:
    if route.viewset.__module__ == "roundtable.workplans.api":
        router.register(route.prefix, route.viewset, basename=route.basename)

urlpatterns = [path("test-api/v1/", include(router.urls)), *project_urlpatterns]
