from django.core.paginator import Page, Paginator
from django.http import HttpRequest

DEFAULT_PER_PAGE = 50


def paginate(request: HttpRequest, items, per_page: int = DEFAULT_PER_PAGE) -> Page:
    """The requested page of `items`; a bad or too-large page number gives the nearest page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
