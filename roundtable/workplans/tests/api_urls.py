"""The project's URLs plus the work-plan API router, as the integrator will mount it at /api/v1/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from roundtable.urls import urlpatterns as project_urlpatterns
from roundtable.workplans.api import ROUTES

router = DefaultRouter()
for prefix, viewset, basename in ROUTES:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [path("test-api/v1/", include(router.urls)), *project_urlpatterns]
