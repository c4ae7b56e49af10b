"""The public datasets, each the whole of one list of the public API.

A dataset's records are the API's own: its rows are read through the list endpoint's viewset (the app's
public queryset, permission rules and serializer), one page of `PAGE_SIZE` after another, so that a
download holds exactly what `/api/v1/<route>/` shows, page after page, and never all rows in memory. The
JSON file is the list of those records; the CSV file has one column per field of the API schema, a nested
object's fields as `object.field` columns and a list as JSON text in its cell, every text cell through
core.spreadsheets' guard against formula injection.

The columns and their types come from the OpenAPI schema (what the API documents is what the file holds);
their meanings from the schema's descriptions, else from `MEANINGS` below.
"""

from __future__ import annotations

import csv
import functools
import gc
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest
from django.test import RequestFactory
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework.utils.encoders import JSONEncoder

from roundtable.core.api import ROUTES, Route
from roundtable.core.spreadsheets import safe_row

# Rows read from the API at a time: its largest page.
PAGE_SIZE = 200

# The platform's own data. IATI data keeps the licences its publishers chose (see the aid datasets).
LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "short": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


@dataclass(frozen=True)
class Dataset:
    slug: str  # the file's name: <slug>.csv, <slug>.json
    route: str  # the API list it is, /api/v1/<route>/
    title: Promise
    description: Promise
    meanings: dict[str, Promise] = field(default_factory=dict)  # by column, before MEANINGS
    # The last change of its records; by default the newest `updated_at` of the API's queryset.
    changed: Callable[[], datetime | None] | None = None
    iati: bool = False  # IATI data: its publishers' licences, not the platform's

    @property
    def api_path(self) -> str:
        return f"/api/v1/{self.route}/"

    @property
    def viewset(self) -> type:
        return _route(self.route).viewset

    @property
    def basename(self) -> str:
        return _route(self.route).basename


def _route(prefix: str) -> Route:
    for route in ROUTES:
        if route.prefix == prefix:
            return route
    raise LookupError(f"No API route {prefix!r}.")


def _minutes_changed() -> datetime | None:
    # A publication changes a language version, not the minutes' own row.
    from roundtable.minutes.models import MinutesVersion

    return MinutesVersion.objects.published().aggregate(last=Max("updated_at"))["last"]


def _activities_changed() -> datetime | None:
    from roundtable.aid.models import Activity, Source

    # An activity changes here only when an import brings it again.
    return Activity.objects.filter(source=Source.IATI).aggregate(last=Max("imported_at"))["last"]


DATASETS: list[Dataset] = [
    Dataset(
        "groups",
        "groups",
        _("Groups and their chairs"),
        _(
            "The Round Table forums, Sector Working Groups and sub-groups that are active, with their "
            "mandate, lead ministry, the chair and co-chairs now, and the results framework items they "
            "work towards."
        ),
    ),
    Dataset(
        "organisations",
        "organisations",
        _("Organisations"),
        _("Ministries, development partners and other organisations of the directory (no people)."),
    ),
    Dataset(
        "meetings",
        "meetings",
        _("Meetings"),
        _("The public meetings of every group, newest first, with their public documents."),
    ),
    Dataset(
        "minutes",
        "minutes",
        _("Minutes"),
        _(
            "Published minutes: attendance by organisation and gender, agenda items with their "
            "discussion, decisions and action points, in each published language."
        ),
        changed=_minutes_changed,
    ),
    Dataset(
        "action-points",
        "action-points",
        _("Action points"),
        _("Action points of published minutes, with who is responsible, the due date and the status."),
    ),
    Dataset(
        "workplans",
        "workplans",
        _("Work plans"),
        _("Published annual work plans of the groups, with their priorities and planned meetings."),
    ),
    Dataset(
        "cycles",
        "cycles",
        _("Reporting cycles"),
        _("Round Table meetings and their reporting cycles, road maps and recommendations."),
    ),
    Dataset(
        "reports",
        "reports",
        _("Progress reports"),
        _(
            "Published progress reports of the groups: overview, challenges, progress on each priority "
            "and follow-up of the recommendations."
        ),
    ),
    Dataset(
        "compliance",
        "compliance",
        _("Compliance scorecard"),
        _(
            "This year's public scorecard: for each SWG and sub-SWG, the status of each obligation that "
            "public records prove (earlier years: the API with ?year=). Computed from the records when "
            "asked."
        ),
        changed=lambda: None,
    ),
    Dataset(
        "frameworks",
        "frameworks",
        _("Results frameworks"),
        _("The national plans and goals the groups work towards: the NSEDP, the SDGs and others."),
    ),
    Dataset(
        "framework-items",
        "framework-items",
        _("Framework items and indicators"),
        _("Outcomes, outputs, goals, targets, principles and indicators of the results frameworks."),
    ),
    Dataset(
        "indicators",
        "indicators",
        _("Indicator monitoring"),
        _(
            "The monitored indicators of the frameworks, with their unit, baseline, target, owner and "
            "published yearly values."
        ),
    ),
    Dataset(
        "aid-activities",
        "aid/activities",
        _("Aid activities"),
        _(
            "Aid activities for Lao PDR published in IATI by the development partners, with sectors, "
            "locations, the groups they count for and their totals in USD."
        ),
        changed=_activities_changed,
        iati=True,
    ),
    Dataset(
        "aid-funding",
        "aid/funding",
        _("Aid funding"),
        _("Committed and disbursed funding from IATI per group, year and partner, in USD and LAK."),
        changed=_activities_changed,
        iati=True,
    ),
]

BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


# --- records ---------------------------------------------------------------------------------------------


class ApiError(RuntimeError):
    """The API answered a dataset's page with something other than 200 (a programming error)."""


def _api_page(dataset: Dataset, request: HttpRequest | None, page: int, page_size: int) -> dict:
    # The list endpoint itself, as a client would call it, with the host of the visitor's request so that
    # the records' links are those the API gives them.
    host = request.get_host() if request is not None else "testserver"
    secure = request.is_secure() if request is not None else False
    api_request = RequestFactory().get(
        dataset.api_path, {"page": page, "page_size": page_size}, HTTP_HOST=host, secure=secure
    )
    response = dataset.viewset.as_view({"get": "list"})(api_request)
    if response.status_code != 200:
        raise ApiError(f"{dataset.api_path} page {page}: {response.status_code}")
    return response.data


def records(dataset: Dataset, request: HttpRequest | None = None) -> Iterator[dict]:
    """Every record of the dataset, in the API's order, read one page at a time."""
    page = 1
    while True:
        data = _api_page(dataset, request, page, PAGE_SIZE)
        yield from data["results"]
        if not data["next"]:
            return
        del data
        # A page's serializers and rows hold reference cycles: without this, the cyclic garbage of several
        # pages waits for Python's next full collection (bench/opendata.py: a peak of 4 MB instead of 0.4).
        gc.collect(1)
        page += 1


def row_count(dataset: Dataset, request: HttpRequest | None = None) -> int:
    return _api_page(dataset, request, 1, 1)["count"]


def last_change(dataset: Dataset) -> datetime | None:
    if dataset.changed is not None:
        return dataset.changed()
    view = dataset.viewset()
    queryset = view.get_queryset()
    if not any(f.name == "updated_at" for f in queryset.model._meta.get_fields()):
        return None
    return queryset.order_by().aggregate(last=Max("updated_at"))["last"]


# --- columns ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str  # "meeting.title_en": the field title_en of the object in the field meeting
    type: str
    meaning: str
    path: tuple[str, ...]
    as_json: bool  # a list or a free-form object: JSON text in a CSV cell


def _schema() -> dict:
    # The schema's titles are the models' field names, in the active language.
    return _schema_in(translation.get_language() or settings.LANGUAGE_CODE)


@functools.cache
def _schema_in(lang: str) -> dict:
    from drf_spectacular.generators import SchemaGenerator

    with translation.override(lang):
        return SchemaGenerator().get_schema(request=None, public=True)


def _component(ref: str) -> dict:
    return _schema()["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def _resolve(prop: dict) -> dict:
    """A property's own schema: references followed, a nullable wrapper (allOf/oneOf with null) opened."""
    while True:
        if "$ref" in prop:
            prop = _component(prop["$ref"])
        elif "allOf" in prop and len(prop["allOf"]) == 1:
            prop = prop["allOf"][0]
        elif "oneOf" in prop or "anyOf" in prop:
            options = [_resolve(p) for p in prop.get("oneOf") or prop["anyOf"] if p.get("type") != "null"]
            options = [p for p in options if p]
            if options and all("enum" in p for p in options):
                # A choice that may be blank or null: one list of its values.
                return {"type": "string", "enum": [v for p in options for v in p["enum"]]}
            if len({p.get("type") for p in options}) != 1:
                return {}
            prop = options[0]  # e.g. a URL or an empty string: the first says what it is
        else:
            return prop


def _record_schema(dataset: Dataset) -> dict:
    operation = _schema()["paths"][dataset.api_path]["get"]
    page = _resolve(operation["responses"]["200"]["content"]["application/json"]["schema"])
    return _resolve(page["properties"]["results"]["items"])


def _type(schema: dict) -> str:
    if "enum" in schema:
        values = ", ".join(str(v) for v in schema["enum"] if v not in (None, ""))
        return str(_("code, one of: %(values)s")) % {"values": values}
    kind, fmt = schema.get("type"), schema.get("format")
    if isinstance(kind, list):  # OpenAPI 3.1 nullable: ["string", "null"]
        kind = next((k for k in kind if k != "null"), None)
    if kind == "array":
        items = _resolve(schema.get("items", {}))
        if "properties" in items or items.get("type") == "object":
            return str(_("list of objects (JSON in CSV)"))
        return str(_("list (JSON in CSV)"))
    if kind == "integer":
        return str(_("whole number"))
    if kind == "number" or fmt == "decimal":
        return str(_("decimal number"))
    if kind == "boolean":
        return str(_("true or false"))
    if fmt == "date":
        return str(_("date (YYYY-MM-DD)"))
    if fmt == "date-time":
        return str(_("date and time (ISO 8601)"))
    if fmt == "uri" or fmt == "url":
        return str(_("address (URL)"))
    if kind == "string":
        return str(_("free text"))
    return str(_("object (JSON in CSV)"))


def columns(dataset: Dataset) -> list[Column]:
    """The dataset's CSV columns, in the API's order of fields, each with its type and meaning."""
    result: list[Column] = []

    def walk(schema: dict, path: tuple[str, ...]) -> None:
        for name, prop in schema.get("properties", {}).items():
            here = (*path, name)
            own = _resolve(prop)
            if "properties" in own:
                walk(own, here)
                continue
            column = ".".join(here)
            meaning = (
                dataset.meanings.get(column)
                or prop.get("description")
                or (own.get("description") if "enum" not in own else "")
                or _common_meaning(here)
                or str(prop.get("title") or own.get("title") or "").capitalize()
            )
            kind = _type(own)
            as_json = own.get("type") == "array" or ("type" not in own and "enum" not in own)
            as_json = as_json or (own.get("type") == "object")
            result.append(Column(column, kind, str(meaning), here, as_json))

    walk(_record_schema(dataset), ())
    return result


def _common_meaning(path: tuple[str, ...]) -> str:
    name = path[-1]
    if name in MEANINGS:
        return str(MEANINGS[name])
    for suffix, language in (("_lo", _("in Lao")), ("_en", _("in English"))):
        base = name.removesuffix(suffix)
        if base != name and base in MEANINGS:
            return f"{MEANINGS[base]}, {language}"
    return ""


# Meanings of the fields that the API schema leaves undescribed, by field name (a `_lo` or `_en` field
# takes its base name's meaning, "in Lao" or "in English").
MEANINGS: dict[str, Promise] = {
    "id": _("The record's number in the API (stable)."),
    "code": _("Short stable code, used in addresses and the API."),
    "name": _("Name"),
    "title": _("Title"),
    "group": _("Code of the group."),
    "group_name": _("Name of the group"),
    "year": _("Year"),
    "status": _("Status"),
    "kind": _("Kind"),
    "url": _("Public page in Lao."),
    "url_en": _("Public page in English."),
    "date": _("Date"),
    "published_at": _("When it was published."),
    "submitted_at": _("When it was submitted to the RTP Secretariat."),
    "accepted_at": _("When the RTP Secretariat accepted it."),
    "acronym": _("Short name"),
    "mandate": _("What the group is for"),
    "role": _("Chair (Government) or co-chair (development partner)"),
    "start_date": _("First day of the term"),
    "planned_end": _("Planned end"),
    "terms_of_reference": _("Terms of reference: title, language, version, date and download address"),
    "nsedp_outcomes": _("NSEDP outcomes the group works towards"),
    "sdgs": _("Sustainable Development Goals the group works towards"),
    "website": _("Web site"),
    "iati_identifier": _("IATI organisation identifier"),
    "start": _("Start (Vientiane time)"),
    "end": _("End (Vientiane time)"),
    "venue": _("Where it is held"),
    "state": _("Planned, scheduled, held, cancelled or postponed"),
    "documents": _("Public documents: title, language and download address"),
    "minutes_url": _("Page of the published minutes, if any"),
    "meeting": _("The meeting: id, title and date"),
    "attending_organisations": _("Organisations that attended"),
    "items": _("Agenda items, each with its discussion, decisions and action points"),
    "what": _("What is to be done"),
    "due_date": _("Due date"),
    "is_overdue": _("Past its due date and not done"),
    "meeting_date": _("Date of the meeting that decided it"),
    "sector_strategy": _("Sector strategy"),
    "context": _("Context"),
    "priorities": _("Priorities, each with its activities, framework items, budget and progress"),
    "planned_meetings": _("Meetings planned for the year"),
    "held_on": _("Date of the meeting"),
    "theme": _("Theme"),
    "milestones": _("Road map: milestones with due dates and status"),
    "recommendations": _("Recommendations of the meeting"),
    "pdf": _("PDF download"),
    "docx": _("Word (DOCX) download"),
    "overview": _("Sector overview, key interventions and achievements"),
    "challenges": _("Challenges"),
    "messages": _("Key messages"),
    "next_priorities": _("Priorities for the next period"),
    "follow_ups": _("Follow-up of the recommendations"),
    "subgroups": _("What the sub-groups report"),
    "obligations": _("Each obligation: code, task, status, due date, date done and the records behind it"),
    "start_year": _("First year"),
    "end_year": _("Last year"),
    "description": _("Description"),
    "source": _("Source"),
    "item_count": _("Number of items"),
    "level": _("Level in the framework"),
    "short": _("Short title"),
    "identifier": _("IATI activity identifier"),
    "titles": _("Titles as published, by language"),
    "planned_start": _("Planned start"),
    "actual_start": _("Actual start"),
    "actual_end": _("Actual end"),
    "recipient_countries": _("Recipient countries and their shares"),
    "sectors": _("Sectors: vocabulary, code, percentage and name"),
    "last_updated": _("When the publisher last updated it in IATI"),
    "partner_name": _("Name of the partner"),
    "committed_usd": _("Committed, in US dollars"),
    "disbursed_usd": _("Disbursed, in US dollars"),
    "committed_lak": _("Committed, in kip"),
    "disbursed_lak": _("Disbursed, in kip"),
    "activities": _("Number of activities"),
    "baseline_year": _("Year of the baseline"),
    "target_year": _("Year of the target"),
}


# --- files -----------------------------------------------------------------------------------------------


def _cell(value: Any, as_json: bool) -> Any:
    if value is None:
        return ""
    if as_json or isinstance(value, (list, dict)):
        return json.dumps(value, cls=JSONEncoder, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _value(record: dict, path: tuple[str, ...]) -> Any:
    value: Any = record
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def csv_lines(dataset: Dataset, request: HttpRequest | None = None) -> Iterator[str]:
    """The CSV file, line by line: a header of column names, then a row per record (UTF-8 with a BOM, so
    that spreadsheet programs read the Lao text right)."""
    cols = columns(dataset)
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: list) -> str:
        writer.writerow(safe_row(values))
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff" + line([c.name for c in cols])
    for record in records(dataset, request):
        yield line([_cell(_value(record, c.path), c.as_json) for c in cols])


def json_chunks(dataset: Dataset, request: HttpRequest | None = None) -> Iterator[str]:
    """The JSON file, a list of the API's records, a record at a time."""
    yield "["
    first = True
    for record in records(dataset, request):
        yield ("\n" if first else ",\n") + json.dumps(record, cls=JSONEncoder, ensure_ascii=False)
        first = False
    yield "\n]\n"
