"""Read-only API of PUBLIC meetings (`roundtable/api/urls.py` registers ROUTES at /api/v1/meetings/).

Only public meeting information: no participants, no contacts, no online link, and only the
documents marked public. Links point to the public pages in Lao (`url`) and English (`url_en`).
"""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from roundtable.api.links import page_url
from roundtable.api.pagination import PublicPagination
from roundtable.minutes.links import public_minutes_url, with_published_minutes

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
        return public_minutes_url(meeting, self.context.get("request"))


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Public meetings of all groups, newest first. Filters: `?group=<code>`, `?year=YYYY`."""

    serializer_class = MeetingSerializer
    filter_backends: list = []

    def get_queryset(self):
        documents = MeetingDocument.objects.filter(visibility=Visibility.PUBLIC).order_by("title")
        queryset = with_published_minutes(
            Meeting.objects.published()
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

ROUTES = [("meetings", MeetingViewSet, "meeting")]
