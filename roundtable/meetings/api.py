"""Read-only API of PUBLIC meetings (registered at /api/v1/meetings/ through core.api.register_route).

Only public meeting information: no participants, no contacts, no online link, and only the
documents marked public. Links point to the public pages in Lao (`url`) and English (`url_en`).
"""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch, QuerySet
from rest_framework import serializers

from roundtable.core.api import CodeFilter, PublicReadOnlyViewSet, YearFilter, register_route
from roundtable.core.links import page_url
from roundtable.groups.models import Group

from .models import Meeting, MeetingDocument, Visibility


class PublicDocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = MeetingDocument
        fields = ["title", "language", "url"]

    def get_url(self, document: MeetingDocument) -> str:
        return page_url(self.context.get("request"), "meetings:document", [document.pk], "lo")


class MeetingSerializer(serializers.ModelSerializer):
    group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    url = serializers.SerializerMethodField()
    url_en = serializers.SerializerMethodField()
    documents = PublicDocumentSerializer(source="public_documents", many=True, read_only=True)
    minutes_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "group",
            "kind",
            "title_lo",
            "title_en",
            "start",
            "end",
            "venue_lo",
            "venue_en",
            "state",
            "url",
            "url_en",
            "documents",
            "minutes_url",
        ]

    def get_url(self, meeting: Meeting) -> str:
        return page_url(self.context.get("request"), "meetings:detail", [meeting.pk], "lo")

    def get_url_en(self, meeting: Meeting) -> str:
        return page_url(self.context.get("request"), "meetings:detail", [meeting.pk], "en")

    def get_minutes_url(self, meeting: Meeting) -> str | None:
        # None while no language version is published.
        if not meeting.has_published_minutes:
            return None
        return page_url(self.context.get("request"), "minutes:detail", [meeting.pk], "lo")


class MeetingFilter(django_filters.FilterSet):
    # Every group, active or not: a retired group's public meetings stay public.
    group = CodeFilter("group", queryset=Group.objects.all(), help_text="Code of the group, e.g. health.")
    year = YearFilter(method="filter_year", help_text="The year the meeting starts in (Vientiane time).")

    class Meta:
        model = Meeting
        fields = ["group", "year"]

    def filter_year(self, queryset: QuerySet[Meeting], name: str, value: int) -> QuerySet[Meeting]:
        return queryset.in_year(value)


class MeetingViewSet(PublicReadOnlyViewSet):
    """Public meetings of all groups, newest first. Filters: `?group=<code>`, `?year=YYYY`.

    A bad filter value answers 400 naming the parameter: a year outside 1900–2200 or not a number, a
    group code that names no group (core.api's rule for every endpoint).
    """

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self) -> QuerySet[Meeting]:
        documents = MeetingDocument.objects.filter(visibility=Visibility.PUBLIC).order_by("title")
        return (
            Meeting.objects.published()
            .with_published_minutes()
            .select_related("group")
            .prefetch_related(Prefetch("documents", queryset=documents, to_attr="public_documents"))
            .order_by("-start", "pk")
        )


register_route("meetings", MeetingViewSet, basename="meeting")
