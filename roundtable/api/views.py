"""The API face's own views: the Swagger UI, and the answer to an address that names no endpoint. The
endpoints are the apps' (each app's `api.py`, registered through roundtable.core.api.register_route)."""

from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI served from our own static files (the sidecar), with no call to any other site, and its
    start-up script as a file of its own (the split view): the Content-Security-Policy allows no inline
    script. Swagger UI's default `validatorUrl` (a badge loaded from validator.swagger.io, handed the
    schema's address) is switched off in SPECTACULAR_SETTINGS["SWAGGER_UI_SETTINGS"].
    """


class NotFoundView(APIView):
    """Any address under /api/v1/ that names no endpoint, e.g. `/api/v1/meetings/1.5/` (an id is a whole
    number): the JSON 404 the schema documents, `{"detail": "..."}`, like a key that names no record, never
    Django's HTML page."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    schema = None  # not an endpoint

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound()
