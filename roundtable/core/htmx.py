"""One way to answer a URL that serves both a page and an htmx fragment of it.

    return render_page_or_partial(request, "directory/stakeholder_list.html", context,
                                  partial="directory/_stakeholder_results.html")

A request made by htmx (not a boosted navigation) gets the partial; everyone else the whole page, so the
page works without JavaScript. Both answers carry `Vary: HX-Request`: the same URL answers two ways, and
a cache (the browser's, a proxy's) must keep them apart.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request that swaps part of the page (a boosted link or form wants the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request"])
    return response


def render_page_or_partial(
    request: HttpRequest, template: str, context: dict, *, partial: str, status: int | None = None
) -> HttpResponse:
    """The partial for htmx, the page otherwise; always with `Vary: HX-Request`."""
    chosen = partial if wants_partial(request) else template
    return vary_on_htmx(render(request, chosen, context, status=status))
