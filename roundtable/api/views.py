"""The API face's own page: the Swagger UI. The endpoints are the apps' (each app's `api.py`, registered
through roundtable.core.api.register_route)."""

import json

from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerView


class DocsView(SpectacularSwaggerView):
    """Swagger UI served from our own static files (the sidecar), with no call to any other site.

    Swagger UI's default `validatorUrl` makes every visitor's browser load a badge from
    validator.swagger.io, handing it the schema's address: switched off here.
    """

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        ui_settings = {**spectacular_settings.SWAGGER_UI_SETTINGS, "validatorUrl": None}
        response.data["settings"] = json.dumps(ui_settings, indent=2)
        return response
