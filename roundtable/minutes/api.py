"""Public, read-only API of published minutes and their action points.

Only published language versions are exposed: text in a language whose version is not published is
left out (null), and minutes without any published version do not exist here. People appear by no
contact detail: attendance is by organisation; an action point names its responsible organisation only.

Registered through core.api.register_route at /api/v1/minutes/ and /api/v1/action-points/.
"""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from rest_framework import serializers

from roundtable.core.api import CodeFilter, PublicReadOnlyViewSet, YearFilter, register_route
from roundtable.core.links import page_url
from roundtable.groups.models import Group
from roundtable.meetings.models import Participant

from .models import ActionPoint, ActionStatus, Decision, Minutes, MinutesItem, MinutesVersion

LANG_CODES = [code for code, _name in settings.LANGUAGES]


def _published_langs(minutes: Minutes) -> list[str]:
    return [v.language for v in minutes.published_versions]


def published_minutes_queryset() -> QuerySet[Minutes]:
    items = MinutesItem.objects.order_by("order", "id").prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.order_by("order", "id"))
    )
    attendees = Participant.objects.filter(attended=True).select_related("organisation")
    return (
        Minutes.objects.published()
        .select_related("meeting", "meeting__group")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=MinutesVersion.objects.published().order_by("language"),
                to_attr="published_versions",
            ),
            Prefetch("items", queryset=items),
            Prefetch("meeting__participants", queryset=attendees, to_attr="attendees"),
        )
        .order_by("-meeting__start", "-pk")
    )


class MinutesSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        source="meeting_id", help_text="The meeting's id (the minutes' page is keyed by it)."
    )
    meeting = serializers.SerializerMethodField()
    group = serializers.CharField(source="meeting.group.code", help_text="Code of the group.")
    date = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField(help_text="Languages whose version is published.")
    published_at = serializers.SerializerMethodField()
    attending_organisations = serializers.SerializerMethodField()
    attendance = serializers.SerializerMethodField(help_text="Counts of attendees by gender (f, m, other).")
    items = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="Public page in Lao.")
    url_en = serializers.SerializerMethodField(help_text="Public page in English.")
    exports = serializers.SerializerMethodField(
        help_text="DOCX, PDF (and signed PDF) of each published language."
    )

    def get_meeting(self, minutes: Minutes) -> dict:
        m = minutes.meeting
        return {
            "id": m.pk,
            "title_lo": m.title_lo,
            "title_en": m.title_en,
            "kind": m.kind,
            "venue_lo": m.venue_lo,
            "venue_en": m.venue_en,
        }

    def get_date(self, minutes: Minutes) -> str:
        return timezone.localdate(minutes.meeting.start).isoformat()

    def get_languages(self, minutes: Minutes) -> list[str]:
        return _published_langs(minutes)

    def get_published_at(self, minutes: Minutes) -> dict:
        return {
            v.language: v.published_at.isoformat() if v.published_at else None
            for v in minutes.published_versions
        }

    def get_attending_organisations(self, minutes: Minutes) -> list[dict]:
        seen, rows = set(), []
        for participant in minutes.meeting.attendees:
            org = participant.organisation
            key = org.pk if org else participant.organisation_name
            if not key or key in seen:
                continue
            seen.add(key)
            if org:
                rows.append(
                    {"name_lo": org.name_lo, "name_en": org.name_en, "acronym": org.acronym, "kind": org.kind}
                )
            else:
                rows.append(
                    {"name_lo": "", "name_en": participant.organisation_name, "acronym": "", "kind": ""}
                )
        return rows

    def get_attendance(self, minutes: Minutes) -> dict:
        counts = {"f": 0, "m": 0, "other": 0}
        for participant in minutes.meeting.attendees:
            counts[participant.gender if participant.gender in ("f", "m") else "other"] += 1
        return counts

    def get_items(self, minutes: Minutes) -> list[dict]:
        langs = _published_langs(minutes)
        result = []
        for item in minutes.items.all():
            row = {"order": item.order}
            for lang in LANG_CODES:
                # An agenda item's title is public meeting information; an item added in the minutes
                # (e.g. any other business) is minutes content: only in a published language.
                title = getattr(item, f"title_{lang}") or None
                row[f"title_{lang}"] = title if (item.agenda_item_id or lang in langs) else None
            for lang in LANG_CODES:
                row[f"discussion_{lang}"] = getattr(item, f"discussion_{lang}") if lang in langs else None
            row["decisions"] = [
                {
                    f"text_{lang}": (getattr(d, f"text_{lang}") if lang in langs else None)
                    for lang in LANG_CODES
                }
                for d in item.decisions.all()
            ]
            result.append(row)
        return result

    def get_url(self, minutes: Minutes) -> str:
        return page_url(self.context.get("request"), "minutes:detail", [minutes.meeting_id], "lo")

    def get_url_en(self, minutes: Minutes) -> str:
        return page_url(self.context.get("request"), "minutes:detail", [minutes.meeting_id], "en")

    def get_exports(self, minutes: Minutes) -> dict:
        request = self.context.get("request")
        out = {}
        for version in minutes.published_versions:
            lang = version.language
            links = {
                "docx": page_url(request, "minutes:export_docx", [minutes.meeting_id, lang], lang),
                "pdf": page_url(request, "minutes:export_pdf", [minutes.meeting_id, lang], lang),
            }
            if version.signed_pdf:
                links["signed_pdf"] = page_url(
                    request, "minutes:signed_pdf", [minutes.meeting_id, lang], lang
                )
            out[lang] = links
        return out


class ActionPointSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    group = serializers.CharField(source="group.code")
    what_lo = serializers.SerializerMethodField()
    what_en = serializers.SerializerMethodField()
    responsible_organisation = serializers.SerializerMethodField(
        help_text="The responsible organisation (never a person's contact)."
    )
    due_date = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    is_overdue = serializers.BooleanField()
    meeting_date = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="The minutes' public page in Lao.")
    url_en = serializers.SerializerMethodField(help_text="The minutes' public page in English.")

    def _langs(self, action: ActionPoint) -> list[str]:
        return [v.language for v in action.item.minutes.published_versions]

    def get_what_lo(self, action: ActionPoint) -> str | None:
        return action.what_lo if "lo" in self._langs(action) else None

    def get_what_en(self, action: ActionPoint) -> str | None:
        return action.what_en if "en" in self._langs(action) else None

    def get_responsible_organisation(self, action: ActionPoint) -> dict | None:
        org = action.responsible_organisation
        if org is None:
            return None
        return {"name_lo": org.name_lo, "name_en": org.name_en, "acronym": org.acronym}

    def get_meeting_date(self, action: ActionPoint) -> str:
        return timezone.localdate(action.item.minutes.meeting.start).isoformat()

    def get_url(self, action: ActionPoint) -> str:
        return page_url(
            self.context.get("request"),
            "minutes:detail",
            [action.item.minutes.meeting_id],
            "lo",
            f"item-{action.item_id}",
        )

    def get_url_en(self, action: ActionPoint) -> str:
        return page_url(
            self.context.get("request"),
            "minutes:detail",
            [action.item.minutes.meeting_id],
            "en",
            f"item-{action.item_id}",
        )


class MinutesFilter(django_filters.FilterSet):
    # Every group, active or not: a retired group's published minutes stay published.
    group = CodeFilter(
        "meeting__group", queryset=Group.objects.all(), help_text="Code of the group, e.g. health."
    )
    year = YearFilter(
        field_name="meeting__start", lookup_expr="year", help_text="The year of the meeting (Vientiane time)."
    )

    class Meta:
        model = Minutes
        fields = ["group", "year"]


class ActionPointFilter(django_filters.FilterSet):
    group = CodeFilter("group", queryset=Group.objects.all(), help_text="Code of the group, e.g. health.")
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices)

    class Meta:
        model = ActionPoint
        fields = ["group", "status"]


class MinutesViewSet(PublicReadOnlyViewSet):
    """Published minutes (`?group=<code>`, `?year=YYYY`); keyed by the meeting's id.

    A bad filter value answers 400 naming the parameter: a year outside 1900–2200 or not a number, a
    group code that names no group (core.api's rule for every endpoint).
    """

    serializer_class = MinutesSerializer
    filterset_class = MinutesFilter
    lookup_field = "meeting_id"
    lookup_url_kwarg = "pk"

    def get_queryset(self) -> QuerySet[Minutes]:
        return published_minutes_queryset()


class ActionPointViewSet(PublicReadOnlyViewSet):
    """Action points of published minutes (`?group=<code>`, `?status=open|in_progress|done|dropped`).

    A bad filter value answers 400 naming the parameter: a status not in that list, a group code that
    names no group (core.api's rule for every endpoint).
    """

    serializer_class = ActionPointSerializer
    filterset_class = ActionPointFilter

    def get_queryset(self) -> QuerySet[ActionPoint]:
        published = Minutes.objects.published()
        # Only action points with text in a language whose version is published: one written only in
        # an unpublished version's language must not show even as an empty row.
        versions = MinutesVersion.objects.published().filter(minutes=OuterRef("item__minutes"))
        has_text = Q()
        for lang in LANG_CODES:
            has_text |= Q(Exists(versions.filter(language=lang))) & ~Q(**{f"what_{lang}": ""})
        return (
            ActionPoint.objects.filter(item__minutes__in=published)
            .filter(has_text)
            .select_related("group", "responsible_organisation", "item__minutes__meeting")
            .prefetch_related(
                Prefetch(
                    "item__minutes__versions",
                    queryset=MinutesVersion.objects.published().order_by("language"),
                    to_attr="published_versions",
                )
            )
            .order_by("due_date", "id")
        )


register_route("minutes", MinutesViewSet, basename="minutes")
register_route("action-points", ActionPointViewSet, basename="action-point")
