from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from roundtable.meetings.api import ROUTES as MEETING_ROUTES
from roundtable.minutes.api import ROUTES as MINUTES_ROUTES
from roundtable.workplans.api import ROUTES as WORKPLAN_ROUTES

from . import views

app_name = "api"

router = DefaultRouter()
router.register("groups", views.GroupViewSet, basename="group")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("frameworks", views.FrameworkViewSet, basename="framework")
router.register("framework-items", views.FrameworkItemViewSet, basename="frameworkitem")
# The other apps publish their own read-only endpoints as `ROUTES = [(prefix, viewset, basename)]`.
for prefix, viewset, basename in [*WORKPLAN_ROUTES, *MEETING_ROUTES, *MINUTES_ROUTES]:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
