"""The public read-only API's shared pieces: the viewset base, its one page-size policy, the route registry.

Each app that publishes records writes `roundtable/<app>/api.py` and registers its viewsets from its
`AppConfig.ready()`; the `api` face builds one router from the registry:

    from roundtable.core.api import PublicReadOnlyViewSet, register_route

    class MeetingViewSet(PublicReadOnlyViewSet):
        ...

    register_route("meetings", MeetingViewSet, basename="meeting")
"""

from __future__ import annotations

from dataclasses import dataclass

from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from .api_pagination import PublicPagination

__all__ = ["PublicPagination", "PublicReadOnlyViewSet", "ROUTES", "register_route"]


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Anonymous by design: no authentication, the same answer for everyone, only public fields.

    Filters are declared as a django-filter FilterSet (`filterset_class`), so that each appears in the
    OpenAPI schema and an invalid value answers 400 with a message.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    pagination_class = PublicPagination


@dataclass(frozen=True)
class Route:
    prefix: str
    viewset: type
    basename: str


ROUTES: list[Route] = []


def register_route(prefix: str, viewset: type, *, basename: str) -> None:
    """Publish a viewset under `/api/v1/<prefix>/` (registering the same prefix twice keeps the first)."""
    if any(route.prefix == prefix for route in ROUTES):
        return
    ROUTES.append(Route(prefix, viewset, basename))
