"""Open data: the activities and the funding figures as CSV or JSON, in full (streamed). The same
visibility as the pages: IATI data for everyone, ODA database projects for those who may see them."""

from __future__ import annotations

import csv
import json
from collections import defaultdict

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from roundtable.core.links import absolute
from roundtable.core.spreadsheets import safe_row
from roundtable.groups.models import Group

from .. import figures
from ..models import Activity, ActivitySector, FundingShare

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
ACTIVITY_COLUMNS = [
    "identifier",
    "source",
    "title_en",
    "title_lo",
    "partner",
    "partner_identifier",
    "status",
    "start",
    "end",
    "sectors",
    "groups",
    "committed_usd",
    "disbursed_usd",
    "url",
]
FUNDING_COLUMNS = [
    "group",
    "group_name_en",
    "group_name_lo",
    "year",
    "partner",
    "committed_usd",
    "disbursed_usd",
    "committed_lak",
    "disbursed_lak",
]


class _Echo:
    def write(self, value):
        return value


def _response(rows, columns: list[str], fmt: str, name: str) -> StreamingHttpResponse:
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff" + writer.writerow(columns)
            for row in rows:
                yield writer.writerow(safe_row(row.get(c, "") for c in columns))

        body = lines()
    else:

        def body_json():
            yield "["
            for i, row in enumerate(rows):
                yield ("," if i else "") + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
            yield "]"

        body = body_json()
    response = StreamingHttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_GET
def export_activities(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    if fmt not in FORMATS:
        raise Http404
    activities = (
        Activity.objects.visible_to(request.user)
        .select_related("organisation")
        .annotate(**figures.sums("usd", prefix="shares__"))
        .order_by("pk")
    )

    def rows():
        chunk = []
        for activity in activities.iterator(chunk_size=500):
            chunk.append(activity)
            if len(chunk) == 500:
                yield from _activity_rows(request, chunk)
                chunk = []
        yield from _activity_rows(request, chunk)

    return _response(rows(), ACTIVITY_COLUMNS, fmt, "aid-activities")


def _activity_rows(request, activities: list[Activity]):
    if not activities:
        return
    ids = [a.pk for a in activities]
    sectors = defaultdict(list)
    for activity_id, _vocabulary, code, pct in ActivitySector.objects.filter(
        activity_id__in=ids, vocabulary__in=("1", "2")
    ).values_list("activity_id", "vocabulary", "code", "percentage"):
        sectors[activity_id].append(f"{code}:{pct.normalize():f}" if pct is not None else code)
    groups = defaultdict(set)
    for activity_id, code in (
        FundingShare.objects.filter(activity_id__in=ids, group__isnull=False)
        .values_list("activity_id", "group__code")
        .distinct()
    ):
        groups[activity_id].add(code)
    for a in activities:
        yield {
            "identifier": a.identifier,
            "source": a.source,
            "title_en": a.title_en or a.title_other,
            "title_lo": a.title_lo,
            "partner": a.partner_name,
            "partner_identifier": a.reporting_org_ref,
            "status": a.status or "",
            "start": a.start.isoformat() if a.start else "",
            "end": a.end.isoformat() if a.end else "",
            "sectors": ";".join(sectors[a.pk]),
            "groups": ";".join(sorted(groups[a.pk])),
            "committed_usd": a.committed if a.committed is not None else "",
            "disbursed_usd": a.disbursed if a.disbursed is not None else "",
            "url": absolute(request, a.get_absolute_url()),
        }


@require_GET
def export_funding(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """Per exact group (none: unmapped), year and partner, in USD and LAK."""
    if fmt not in FORMATS:
        raise Http404
    shares = figures.visible_shares(request.user)
    keys = ("group", "year", "activity__organisation__name_en", "activity__reporting_org_name")
    usd = {
        tuple(r[k] for k in keys): r
        for r in shares.annotate(year=ExtractYear("transaction__date"))
        .values(*keys)
        .annotate(**figures.sums("usd"))
        .order_by()
    }
    lak = {
        tuple(r[k] for k in keys): r
        for r in shares.annotate(year=ExtractYear("transaction__date"))
        .values(*keys)
        .annotate(**figures.sums("lak"))
        .order_by()
    }
    groups = Group.objects.in_bulk([k[0] for k in usd if k[0]])

    def rows():
        for key in sorted(usd, key=lambda k: (k[0] is None, k[0] or 0, k[1] or 0, k[2] or k[3] or "")):
            group = groups.get(key[0])
            yield {
                "group": group.code if group else "",
                "group_name_en": group.name_en if group else "",
                "group_name_lo": group.name_lo if group else "",
                "year": key[1],
                "partner": key[2] or key[3],
                "committed_usd": usd[key]["committed"] or 0,
                "disbursed_usd": usd[key]["disbursed"] or 0,
                "committed_lak": lak.get(key, {}).get("committed") or 0,
                "disbursed_lak": lak.get(key, {}).get("disbursed") or 0,
            }

    return _response(rows(), FUNDING_COLUMNS, fmt, "aid-funding")
