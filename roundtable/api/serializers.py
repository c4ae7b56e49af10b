"""What the public API shows: public data only.

People appear only as the named representative of a chair or co-chair, by name: never their email,
phone or anything else from the directory (contact details are private, see core.permissions).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from roundtable.core.links import absolute, page_url
from roundtable.directory.models import Organisation, Person
from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.groups.models import ChairRole, ChairTerm, Group, TermsOfReference


@extend_schema_field(OpenApiTypes.URI)
class PublicPageField(serializers.Field):
    """The absolute URL of the object's public page in one language.

    `args` names the attributes passed to reverse; `fragment` optionally names an attribute
    whose value becomes the `#item-...` anchor on the page.
    """

    def __init__(
        self, viewname: str, args: tuple[str, ...], lang: str, fragment: str | None = None, **kwargs
    ):
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


class OrganisationSerializer(serializers.ModelSerializer):
    url, url_en = page_fields("directory:organisation", "pk")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name_lo",
            "name_en",
            "acronym",
            "kind",
            "country",
            "website",
            "iati_identifier",
            "url",
            "url_en",
        ]


class OrganisationRefSerializer(serializers.ModelSerializer):
    url, url_en = page_fields("directory:organisation", "pk")

    class Meta:
        model = Organisation
        fields = ["id", "name_lo", "name_en", "acronym", "url", "url_en"]


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


class FrameworkItemRefSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)
    url, url_en = page_fields("frameworks:detail", "framework.code", fragment="code")

    class Meta:
        model = FrameworkItem
        fields = ["framework", "code", "title_lo", "title_en", "url", "url_en"]


class GroupSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
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

    # The view prefetches `api_chair_terms` and `api_children` (see views.group_queryset).
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


class FrameworkSerializer(serializers.ModelSerializer):
    item_count = serializers.IntegerField(read_only=True)
    items = serializers.SerializerMethodField(help_text="The framework's items in the API.")
    url, url_en = page_fields("frameworks:detail", "code")

    class Meta:
        model = Framework
        fields = [
            "code",
            "kind",
            "name_lo",
            "name_en",
            "start_year",
            "end_year",
            "description_lo",
            "description_en",
            "source_lo",
            "source_en",
            "item_count",
            "items",
            "url",
            "url_en",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_items(self, framework: Framework) -> str:
        path = reverse("api:frameworkitem-list")
        return absolute(self.context.get("request"), f"{path}?framework={framework.code}")


class FrameworkItemSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="Code of the parent item."
    )
    url, url_en = page_fields("frameworks:detail", "framework.code", fragment="code")

    class Meta:
        model = FrameworkItem
        fields = [
            "id",
            "framework",
            "code",
            "level",
            "parent",
            "title_lo",
            "title_en",
            "short_lo",
            "short_en",
            "url",
            "url_en",
        ]
