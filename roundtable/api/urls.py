from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from roundtable.core.api import ROUTES

from . import views

app_name = "api"

# Every app publishes its own read-only endpoints through roundtable.core.api.register_route, from its
# AppConfig.ready(): in INSTALLED_APPS order. The face imports no app.
router = DefaultRouter()
for route in ROUTES:
    router.register(route.prefix, route.viewset, basename=route.basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    # Last: what no route above names. Only addresses ending in a slash, so that CommonMiddleware still
    # redirects `/api/v1/groups` to `/api/v1/groups/` (APPEND_SLASH).
    re_path(r"^.*/$", views.NotFoundView.as_view(), name="not_found"),
]
