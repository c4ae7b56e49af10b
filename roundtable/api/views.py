"""The API face's own page: the Swagger UI. The endpoints are the apps' (each app's `api.py`, registered
through roundtable.core.api.register_route)."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI served from our own static files (the sidecar), with no call to any other site, and its
    start-up script as a file of its own (the split view): the Content-Security-Policy allows no inline
    script. Swagger UI's default `validatorUrl` (a badge loaded from validator.swagger.io, handed the
    schema's address) is switched off in SPECTACULAR_SETTINGS["SWAGGER_UI_SETTINGS"].
    """
