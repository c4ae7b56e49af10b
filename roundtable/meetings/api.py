"""Read-only API of PUBLIC meetings (registered at /api/v1/meetings/ through core.api.register_route).

Only public meeting information: no participants, no contacts, no online link, and only the
documents marked public. Links point to the public pages in Lao (`url`) and English (`url_en`).
"""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from roundtable.core.api import PublicPagination, register_route
from roundtable.core.links import page_url

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
            "venue",
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


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Public meetings of all groups, newest first. Filters: `?group=<code>`, `?year=YYYY`."""

    serializer_class = MeetingSerializer
    filter_backends: list = []

    def get_queryset(self):
        documents = MeetingDocument.objects.filter(visibility=Visibility.PUBLIC).order_by("title")
        queryset = (
            Meeting.objects.published()
            .with_published_minutes()
            .select_related("group")
            .prefetch_related(Prefetch("documents", queryset=documents, to_attr="public_documents"))
            .order_by("-start", "pk")
        )
        params = self.request.query_params
        if params.get("group"):
            queryset = queryset.filter(group__code=params["group"])
        if (params.get("year") or "").isdigit():
            queryset = queryset.in_year(int(params["year"]))
        return queryset


MeetingViewSet.pagination_class = PublicPagination

register_route("meetings", MeetingViewSet, basename="meeting")
