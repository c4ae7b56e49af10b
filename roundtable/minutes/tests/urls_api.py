"""A test URL configuration: the site's URLs plus a router with the minutes' API routes mounted
where the integrator will put them (/api/v1/minutes/, /api/v1/action-points/)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from roundtable.core.api import ROUTES
from roundtable.urls import urlpatterns as site_urlpatterns

router = DefaultRouter()
for route in ROUTES:
    if route.viewset.__module__ == "roundtable.minutes.api":
        router.register(route.prefix, route.viewset, basename=route.basename)

urlpatterns = [path("test-api/v1/", include(router.urls)), *site_urlpatterns]
