"""Absolute links from API objects to their public pages.

Pages live under a language prefix (`/lo/...`, `/en/...`); the API is outside it, so each link is
reversed inside `translation.override` for the language asked for.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rest_framework.request import Request


def absolute(request: Request | None, path: str) -> str:
    # The request's own host keeps links consistent with the pagination links DRF builds;
    # SITE_URL covers serializers used without a request (scripts, exports).
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


def page_url(request: Request | None, viewname: str, args: list, lang: str, fragment: str = "") -> str:
    with translation.override(lang):
        path = reverse(viewname, args=args)
    return absolute(request, path + (f"#{fragment}" if fragment else ""))
