"""The data page and the downloads. The same for every visitor: nothing here depends on who asks."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from roundtable.groups.models import Group

from .datasets import BY_SLUG, DATASETS, LICENCE, columns, csv_lines, json_chunks, last_change, row_count
from .feeds import FEEDS

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    datasets = [
        {
            "dataset": dataset,
            "columns": columns(dataset),
            "rows": row_count(dataset, request),
            "changed": last_change(dataset),
            "csv_url": reverse("opendata:download", args=[dataset.slug, "csv"]),
            "json_url": reverse("opendata:download", args=[dataset.slug, "json"]),
        }
        for dataset in DATASETS
    ]
    feeds = [
        {
            "title": feed_class().title(None),
            "rss": reverse("opendata:feed", args=[kind, "rss"]),
            "atom": reverse("opendata:feed", args=[kind, "atom"]),
        }
        for kind, feed_class in FEEDS.items()
    ]
    groups = Group.objects.active().order_by("kind", "code")
    context = {
        "datasets": datasets,
        "feeds": feeds,
        "groups": groups,
        "kinds": list(FEEDS),
        "licence": LICENCE,
    }
    return render(request, "api/data/index.html", context)


@require_safe
def download(request: HttpRequest, slug: str, fmt: str) -> StreamingHttpResponse:
    dataset = BY_SLUG.get(slug)
    if dataset is None or fmt not in CONTENT_TYPES:
        raise Http404
    chunks = csv_lines(dataset, request) if fmt == "csv" else json_chunks(dataset, request)
    response = StreamingHttpResponse((chunk.encode() for chunk in chunks), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slug}.{fmt}"'
    return response


@require_safe
def feed(request: HttpRequest, kind: str, suffix: str, code: str | None = None) -> HttpResponse:
    """A feed of `kind` (minutes, workplans, reports) as RSS or Atom, of all groups or of `code`'s."""
    feed_view = FEEDS[kind]() if suffix == "rss" else FEEDS[kind].atom()
    return feed_view(request, code=code)
