"""Public, read-only API of the groups: Round Table forums, Sector Working Groups and sub-SWGs, with who
chairs them now (registered at /api/v1/groups/ through core.api.register_route).

People appear only as the named representative of a chair or co-chair, by name: never their email,
phone or anything else from the directory (contact details are private, see core.permissions).
Only active groups are published.

A bad filter value answers 400 naming the parameter (core.api's rule): a kind not in its list, a parent
code that names no group.
"""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from roundtable.core.api import CodeFilter, PublicReadOnlyViewSet, page_fields, register_route
from roundtable.core.links import page_url
from roundtable.directory.api import OrganisationRefSerializer
from roundtable.directory.models import Person
from roundtable.frameworks.api import FrameworkItemRefSerializer
from roundtable.frameworks.models import FrameworkItem

from .models import ChairRole, ChairTerm, Group, TermsOfReference


class RepresentativeSerializer(serializers.ModelSerializer):
    # Names only: a representative's contact details are private.
    class Meta:
        model = Person
        fields = ["name_lo", "name_en"]


class ChairTermSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)
    representative = RepresentativeSerializer(source="person", read_only=True, allow_null=True)

    class Meta:
        model = ChairTerm
        fields = ["role", "organisation", "representative", "start_date", "planned_end"]


class TermsOfReferenceSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="__str__", read_only=True)
    date = serializers.DateField(source="issued_on", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = TermsOfReference
        fields = ["title", "language", "version", "date", "download_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, tor: TermsOfReference) -> str:
        # Files are never public /media/ URLs: the groups app serves them through its own view.
        return page_url(self.context.get("request"), "groups:tor_download", [tor.group.code, tor.pk], "lo")


class PublishedGroupCodeField(serializers.SlugRelatedField):
    """The code of a related group, or null when that group is not published (inactive)."""

    def get_attribute(self, instance):
        group = super().get_attribute(instance)
        return group if group is not None and group.is_active else None


class GroupSerializer(serializers.ModelSerializer):
    parent = PublishedGroupCodeField(
        slug_field="code", read_only=True, allow_null=True, help_text="Code of the parent SWG."
    )
    lead_ministry = OrganisationRefSerializer(read_only=True, allow_null=True)
    chair = serializers.SerializerMethodField(help_text="The Government chair now, if any.")
    cochairs = serializers.SerializerMethodField(help_text="The development-partner co-chairs now.")
    sub_groups = serializers.SerializerMethodField(help_text="Codes of the sub-groups.")
    terms_of_reference = TermsOfReferenceSerializer(source="tor_documents", many=True, read_only=True)
    nsedp_outcomes = FrameworkItemRefSerializer(many=True, read_only=True)
    sdgs = FrameworkItemRefSerializer(many=True, read_only=True)
    url, url_en = page_fields("groups:detail", "code")

    class Meta:
        model = Group
        fields = [
            "code",
            "kind",
            "forum_kind",
            "name_lo",
            "name_en",
            "mandate_lo",
            "mandate_en",
            "parent",
            "lead_ministry",
            "chair",
            "cochairs",
            "sub_groups",
            "terms_of_reference",
            "nsedp_outcomes",
            "sdgs",
            "url",
            "url_en",
        ]

    # The view prefetches `api_chair_terms` and `api_children` (see group_queryset).
    @extend_schema_field(ChairTermSerializer(allow_null=True))
    def get_chair(self, group: Group) -> dict | None:
        chairs = [t for t in group.api_chair_terms if t.role == ChairRole.CHAIR]
        return ChairTermSerializer(chairs[0], context=self.context).data if chairs else None

    @extend_schema_field(ChairTermSerializer(many=True))
    def get_cochairs(self, group: Group) -> list[dict]:
        cochairs = [t for t in group.api_chair_terms if t.role == ChairRole.COCHAIR]
        return ChairTermSerializer(cochairs, many=True, context=self.context).data

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_sub_groups(self, group: Group) -> list[str]:
        return [child.code for child in group.api_children]


def group_queryset() -> QuerySet[Group]:
    """Active groups with all the serializer reads, in a fixed number of queries whatever their count."""
    items = FrameworkItem.objects.select_related("framework")
    return (
        Group.objects.active()
        .select_related("parent", "lead_ministry")
        .prefetch_related(
            Prefetch(
                "chair_terms",
                queryset=ChairTerm.objects.current().select_related("organisation", "person"),
                to_attr="api_chair_terms",
            ),
            Prefetch(
                "children",
                queryset=Group.objects.active().only("id", "code", "parent_id"),
                to_attr="api_children",
            ),
            "tor_documents",
            Prefetch("nsedp_outcomes", queryset=items),
            Prefetch("sdgs", queryset=items),
        )
    )


class GroupFilter(django_filters.FilterSet):
    parent = CodeFilter("parent", queryset=Group.objects.all(), help_text="Code of the parent SWG.")

    class Meta:
        model = Group
        fields = ["kind", "forum_kind", "parent"]


class GroupViewSet(PublicReadOnlyViewSet):
    """Round Table forums, Sector Working Groups and sub-SWGs, with who chairs them now."""

    serializer_class = GroupSerializer
    lookup_field = "code"
    filterset_class = GroupFilter

    def get_queryset(self) -> QuerySet[Group]:
        return group_queryset()


register_route("groups", GroupViewSet, basename="group")
