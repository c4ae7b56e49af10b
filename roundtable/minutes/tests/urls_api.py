"""A test URL configuration: the site's URLs plus a router with the minutes' API routes mounted
where the integrator will put them (/api/v1/minutes/, /api/v1/action-points/)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from roundtable.minutes.api import ROUTES
from roundtable.urls import urlpatterns as site_urlpatterns

router = DefaultRouter()
for prefix, viewset, basename in ROUTES:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [path("test-api/v1/", include(router.urls)), *site_urlpatterns]
