"""The public read-only API's shared pieces: the viewset base, its one page-size policy, the filters every
app uses (a year, a record named by its code), links to public pages, and the route registry.

Each app that publishes records writes `roundtable/<app>/api.py` and registers its viewsets from its
`AppConfig.ready()`; the `api` face builds one router from the registry:

    from roundtable.core.api import CodeFilter, PublicReadOnlyViewSet, YearFilter, register_route

    class MeetingFilter(django_filters.FilterSet):
        group = CodeFilter("group", queryset=Group.objects.all(), help_text="Code of the group.")
        year = YearFilter(field_name="start", lookup_expr="year")

    class MeetingViewSet(PublicReadOnlyViewSet):
        filterset_class = MeetingFilter
        ...

    register_route("meetings", MeetingViewSet, basename="meeting")

The rule for bad input, the same on every endpoint: a filter, `page` or `page_size` value that cannot be
read (`?year=abc`, `?year=0`, a group code that names no group, `?page=9999`) answers 400 with a JSON
object naming each bad parameter and its message, e.g. `{"year": ["Ensure this value is greater than or
equal to 1900."]}`. An empty value (`?year=`) is no filter. The schema documents the 400 answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.settings import api_settings

from .api_pagination import PublicPagination
from .links import page_url

__all__ = [
    "CodeFilter",
    "PublicPageField",
    "PublicPagination",
    "PublicReadOnlyViewSet",
    "ROUTES",
    "YEAR_MAX",
    "YEAR_MIN",
    "YearFilter",
    "page_fields",
    "register_route",
]

# The years a filter accepts: wide enough for any record of the Round Table Process, narrow enough that
# the database's date arithmetic never overflows (`?year=0` or `?year=10000` used to be a 500).
YEAR_MIN = 1900
YEAR_MAX = 2200


class YearFilter(django_filters.Filter):
    """A calendar year, from YEAR_MIN to YEAR_MAX; anything else is a 400 that says what is accepted."""

    field_class = forms.IntegerField

    def __init__(self, *args, help_text: str = "A year.", **kwargs) -> None:
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        super().__init__(*args, help_text=help_text, **kwargs)
        # The schema says the type and the bounds (the model field may be a date, or there is a method).
        described = f"{help_text} From {YEAR_MIN} to {YEAR_MAX}."
        schema = {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX, "description": described}
        extend_schema_field(schema)(self)


class KnownCodeField(forms.CharField):
    """A code that must name at least one record of `queryset` (codes need not be unique: an item code
    repeats across frameworks)."""

    default_error_messages = {"unknown_code": _("Nothing has the code “%(value)s”.")}

    def __init__(self, *, queryset: QuerySet, **kwargs) -> None:
        self.queryset = queryset
        super().__init__(**kwargs)

    def run_validators(self, value: str) -> None:
        # After CharField's own validators: a NUL character (`?group=a%00b`) is refused with their message
        # before the database sees it (PostgreSQL refuses it in a query: a 500).
        super().run_validators(value)
        if value and not self.queryset.filter(code=value).exists():
            raise ValidationError(
                self.error_messages["unknown_code"], code="unknown_code", params={"value": value}
            )


class CodeFilter(django_filters.CharFilter):
    """Rows whose related record (`relation`) has this code, e.g. `?group=health`.

    A code that names nothing answers 400: a mistyped code must not look like "no rows for this group".
    """

    field_class = KnownCodeField

    def __init__(self, relation: str, *, queryset: QuerySet, **kwargs) -> None:
        super().__init__(field_name=f"{relation}__code", queryset=queryset, **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class PublicPageField(serializers.Field):
    """The absolute URL of the object's public page in one language.

    `args` names the attributes passed to reverse; `fragment` optionally names an attribute
    whose value becomes the `#item-...` anchor on the page.
    """

    def __init__(
        self, viewname: str, args: tuple[str, ...], lang: str, fragment: str | None = None, **kwargs
    ) -> None:
        self.viewname, self.args, self.lang, self.fragment = viewname, args, lang, fragment
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj) -> str:
        args = [_attr(obj, name) for name in self.args]
        fragment = f"item-{_attr(obj, self.fragment)}" if self.fragment else ""
        return page_url(self.context.get("request"), self.viewname, args, self.lang, fragment)


def _attr(obj, dotted: str):
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def page_fields(
    viewname: str, *args: str, fragment: str | None = None
) -> tuple[PublicPageField, PublicPageField]:
    """`url` (the Lao page, the platform's default language) and `url_en`."""
    return (
        PublicPageField(viewname, args, "lo", fragment, help_text="Public page in Lao."),
        PublicPageField(viewname, args, "en", fragment, help_text="Public page in English."),
    )


_BAD_INPUT = OpenApiResponse(
    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description="A filter, `page` or `page_size` value that cannot be used: each bad parameter and why.",
)
_NOT_FOUND = OpenApiResponse(
    {"type": "object", "properties": {"detail": {"type": "string"}}},
    description="No public record has this key.",
)


def _empty_is_no_filter(parameters: list[dict]) -> list[dict]:
    """Each query parameter says that it may be sent empty (`?year=`): an empty value is no filter, the
    first page, the default page size. Without it a client, or a test generated from the schema, would
    take `?year=` for an error the API should have refused."""
    return [{**p, "allowEmptyValue": True} if p.get("in") == "query" else p for p in parameters]


class PublicSchema(AutoSchema):
    """Documents the answers other than 200 that the public API gives (400 on a list, 404 on a detail),
    and that an empty filter or page parameter is no filter."""

    def _get_parameters(self):
        # Every query parameter: a FilterSet's, the paginator's, and those a view declares itself
        # (`extend_schema(parameters=...)`, e.g. the search's `q`).
        return _empty_is_no_filter(super()._get_parameters())

    def get_response_serializers(self):
        serializer = super().get_response_serializers()
        action = getattr(self.view, "action", None)
        if action == "list":
            return {200: serializer, 400: _BAD_INPUT}
        if action == "retrieve":
            return {200: serializer, 404: _NOT_FOUND}
        return serializer


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Anonymous by design: no authentication, the same answer for everyone, only public fields.

    Filters are declared as a django-filter FilterSet (`filterset_class`), so that each appears in the
    OpenAPI schema and an invalid value answers 400 with a message (the backend's `raise_exception`).
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    pagination_class = PublicPagination
    filter_backends = [DjangoFilterBackend]
    schema = PublicSchema()

    def get_object(self):
        # A key with a NUL character (`/api/v1/groups/a%00/`) names no record: PostgreSQL refuses it in a
        # query, a 500.
        if "\x00" in str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")):
            raise Http404
        # A key past the database's integers (`/api/v1/minutes/-954104003673205899264/`) names no record.
        # Django answers "no rows" itself for a primary key, but not for a key through a relation (the
        # minutes are keyed by their meeting's id), and SQLite refuses to bind the number: a 500.
        try:
            return super().get_object()
        except OverflowError as exc:
            raise Http404 from exc

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Every 400 names its parameter (the rule above, and the schema's 400): DRF's SearchFilter refuses
        # `?search=a%00` with a bare list of messages.
        for backend in self.filter_backends:
            try:
                queryset = backend().filter_queryset(self.request, queryset, self)
            except serializers.ValidationError as exc:
                if isinstance(exc.detail, dict):
                    raise
                parameter = getattr(backend, "search_param", api_settings.NON_FIELD_ERRORS_KEY)
                raise serializers.ValidationError({parameter: exc.detail}) from exc
        return queryset


@dataclass(frozen=True)
class Route:
    prefix: str
    viewset: type
    basename: str


ROUTES: list[Route] = []


def register_route(prefix: str, viewset: type, *, basename: str) -> None:
    """Publish a viewset under `/api/v1/<prefix>/` (registering the same prefix twice keeps the first)."""
    if any(route.prefix == prefix for route in ROUTES):
        return
    ROUTES.append(Route(prefix, viewset, basename))
