"""`/api/v1/search/?q=`: the search page's results as JSON (registered through core.api.register_route).

Anonymous, like the whole public API: it finds public records only, for everyone. The parameters follow the
API's rule for bad input: a value that cannot be used answers 400 naming the parameter; an empty one is none.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny

from roundtable.core.api import YEAR_MAX, YEAR_MIN, PublicPagination, PublicSchema, register_route
from roundtable.core.links import absolute
from roundtable.core.search import PROVIDERS
from roundtable.groups.models import Group

from .query import Scope, search


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField(
        help_text="The type of record, e.g. minutes.minutes (see the `type` parameter)."
    )
    title = serializers.CharField(help_text="The record's title in the language asked for (else the other).")
    url = serializers.SerializerMethodField(help_text="The record's public page in the language asked for.")
    snippet = serializers.CharField(
        help_text="The text around the first match, as HTML: the text escaped, each match in <mark>."
    )
    date = serializers.DateField(
        allow_null=True, help_text="The record's date (a meeting's day, a plan's year)."
    )
    group = serializers.CharField(source="group_code", help_text="The code of the record's group, or empty.")

    def get_url(self, hit) -> str:
        return absolute(self.context.get("request"), hit.url)


class SearchParameters(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=200)
    type = serializers.CharField(required=False)
    group = serializers.CharField(required=False)
    year = serializers.IntegerField(required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)
    lang = serializers.ChoiceField(choices=["lo", "en"], required=False)

    def validate_type(self, value: str) -> str:
        if value not in PROVIDERS:
            raise ValidationError(_("Unknown type “%(value)s”.") % {"value": value})
        return value

    def validate_group(self, value: str) -> list[int]:
        group = Group.objects.filter(code=value).first()
        if group is None:
            raise ValidationError(_("Nothing has the code “%(value)s”.") % {"value": value})
        return [group.pk, *group.children.values_list("pk", flat=True)]


Q_HELP = "Words or a phrase, in Lao or English (at most 200 characters). Without it: an empty page."
TYPE_HELP = (
    "Only records of this type: groups.group, meetings.meeting, minutes.minutes, workplans.workplan, "
    "workplans.priority, meetings.document, frameworks.item, directory.organisation."
)
GROUP_HELP = "Only the records of this group (and of its sub-groups), by its code, e.g. health."
YEAR_HELP = f"Only the records of this year. From {YEAR_MIN} to {YEAR_MAX}."
LANG_HELP = "The language of the titles, links and snippets: lo (the default) or en."
YEAR_SCHEMA = {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}
PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description=Q_HELP),
    OpenApiParameter("type", OpenApiTypes.STR, description=TYPE_HELP),
    OpenApiParameter("group", OpenApiTypes.STR, description=GROUP_HELP),
    OpenApiParameter("year", YEAR_SCHEMA, description=YEAR_HELP),
    OpenApiParameter("lang", OpenApiTypes.STR, enum=["lo", "en"], description=LANG_HELP),
]


class SearchViewSet(viewsets.GenericViewSet):
    """Full-text search over the public records, Lao-aware: phrase matches first, then all the words, then
    substrings; each hit with its type, title, link, snippet and date."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    pagination_class = PublicPagination
    filter_backends: list = []
    filterset_class = None
    serializer_class = SearchHitSerializer
    schema = PublicSchema()

    @extend_schema(parameters=PARAMETERS, summary="Search the public records")
    def list(self, request):
        raw = {k: v for k, v in request.query_params.items() if k in SearchParameters().fields and v != ""}
        params = SearchParameters(data=raw)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        kind = data.get("type")
        results = search(
            data.get("q", ""),
            scope=Scope(),
            lang=data.get("lang", "lo"),
            kinds=[kind] if kind else None,
            group_ids=data.get("group"),
            year=data.get("year"),
        )
        page = self.paginate_queryset(results)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)


register_route("search", SearchViewSet, basename="search")
