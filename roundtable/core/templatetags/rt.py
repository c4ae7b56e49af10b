from django import template
from django.urls import translate_url

from roundtable.core.i18n import localized

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    """{{ obj|tr:"mandate" }}: the field in the page's language, falling back to the other."""
    return localized(obj, field) if obj is not None else ""


@register.simple_tag(takes_context=True)
def url_in_language(context, lang: str) -> str:
    """The current page in another language, keeping the query string."""
    request = context["request"]
    url = translate_url(request.path, lang)
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    return url


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (for pagination and filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"
