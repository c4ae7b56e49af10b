"""The scorecard across groups: the RTP Secretariat's (every obligation) and the public one (obligations
proved by public facts only), each with its XLSX export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from .. import permissions
from ..checklists import legend, rule_text
from ..exports import workbook
from ..forms import read_kind, read_year
from ..items import SEVERITY, Status
from ..rules import TemplateKind
from ..scorecards import Filters, build_view
from .access import require

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: HttpRequest) -> Filters:
    return Filters(
        year=read_year(request.GET.get("year")),
        kind=read_kind(request.GET.get("kind")),
        obligation=(request.GET.get("obligation") or "").strip()[:40],
    )


def _page(request: HttpRequest, *, public: bool) -> HttpResponse:
    filters = _filters(request)
    view = build_view(filters, public=public)
    base = reverse("compliance:public" if public else "compliance:scorecard")
    cell_name = "compliance:public_cell" if public else "compliance:cell"
    for table in view.tables:
        for ob in table.obligations:
            ob.rule_text = rule_text(ob)
        for row in table.rows:
            row.links = [
                reverse(cell_name, args=[view.year, row.group.code, ob.code]) for ob in table.obligations
            ]
            row.pairs = list(zip(row.cells, row.links, strict=True))
    context = {
        "view": view,
        "public": public,
        "filters": filters,
        "kinds": TemplateKind.choices,
        "statuses": [(s, Status(s).label) for s in SEVERITY],
        "legend": legend(),
        "trend_rows": [
            (year, [summary["counts"][s] for s in SEVERITY], summary["on_time_share"])
            for year, summary in view.trend
        ],
        "previous_url": base + "?" + urlencode(filters.query(year=view.year - 1)),
        "next_url": base + "?" + urlencode(filters.query(year=view.year + 1)),
        "xlsx_url": reverse("compliance:public_xlsx" if public else "compliance:scorecard_xlsx")
        + "?"
        + urlencode(filters.query()),
        "other_url": None,
    }
    if public and permissions.can_view_scorecard(request.user):
        context["other_url"] = reverse("compliance:scorecard") + "?" + urlencode(filters.query())
    elif not public and permissions.public_scorecard_enabled():
        context["other_url"] = reverse("compliance:public") + "?" + urlencode(filters.query())
    return render(request, "compliance/scorecard.html", context)


def _xlsx(request: HttpRequest, *, public: bool) -> HttpResponse:
    view = build_view(_filters(request), public=public)
    name = f"{'public-' if public else ''}compliance-{view.year}.xlsx"
    response = HttpResponse(workbook(view, public=public), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def scorecard(request: HttpRequest) -> HttpResponse:
    require(permissions.can_view_scorecard(request.user))
    return _page(request, public=False)


@login_required
def scorecard_xlsx(request: HttpRequest) -> HttpResponse:
    require(permissions.can_view_scorecard(request.user))
    return _xlsx(request, public=False)


def public(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_public_scorecard(request.user):
        raise Http404
    return _page(request, public=True)


def public_xlsx(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_public_scorecard(request.user):
        raise Http404
    return _xlsx(request, public=True)
