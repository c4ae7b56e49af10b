"""RSS and Atom feeds of what is published: minutes (each language version as it is published), work plans
and progress reports, for all groups or for one group (with its sub-groups, as the public lists show it),
in the language of the address (`/lo/data/feeds/...`, `/en/data/feeds/...`).

Only what the public pages show: the apps' own `published()` querysets. Each item has a GUID that never
changes (`tag:` URI of the record, not its address), the newest FEED_ITEMS items only, and a description
cut at DESCRIPTION_CHARS.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from django.contrib.syndication.views import Feed
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from roundtable.core.i18n import localized
from roundtable.groups.models import Group
from roundtable.groups.permissions import can_view_group
from roundtable.minutes.models import MinutesVersion
from roundtable.reports.models import ProgressReport
from roundtable.workplans.models import WorkPlan

FEED_ITEMS = 50
DESCRIPTION_CHARS = 500
# The `tag:` URI authority of the GUIDs (RFC 4151): the platform's name and the year its feeds began, so
# that a GUID stays the same whatever address the site is served from.
TAG = "tag:roundtable.gov.la,2026"


class PublishedFeed(Feed, ABC):
    """The base of the three: one feed class per kind, RSS; `atom()` gives the Atom one."""

    feed_type = Rss201rev2Feed
    kind = ""  # minutes, workplans, reports
    language = None  # the active language, that of the address (Django's default)

    def get_object(self, request: HttpRequest, code: str | None = None) -> Group | None:
        self.lang = translation.get_language()
        if not code:
            return None
        group = get_object_or_404(Group, code=code)
        # A retired group's feed is gone with its page (the groups' own rule for who may still see it).
        if not can_view_group(request.user, group):
            raise Http404
        return group

    def link(self, group: Group | None) -> str:
        return group.get_absolute_url() if group else reverse("opendata:index")

    def feed_url(self, group: Group | None) -> str:
        suffix = "atom" if self.feed_type is Atom1Feed else "rss"
        args = [self.kind, suffix] if group is None else [self.kind, group.code, suffix]
        return reverse("opendata:feed" if group is None else "opendata:group_feed", args=args)

    def _scope(self, group: Group | None, field: str) -> Q:
        if group is None:
            return Q()
        return Q(**{field: group}) | Q(**{f"{field}__parent": group})

    def item_guid_is_permalink(self, item) -> bool:
        return False

    def item_description(self, item) -> str:
        return truncatechars(self._description(item), DESCRIPTION_CHARS)

    @abstractmethod
    def _description(self, item) -> str:
        """The item's text, before it is cut to DESCRIPTION_CHARS."""

    @classmethod
    def atom(cls):
        return type(f"{cls.__name__}Atom", (cls,), {"feed_type": Atom1Feed})()


class MinutesFeed(PublishedFeed):
    kind = "minutes"

    def title(self, group: Group | None) -> str:
        if group is None:
            return _("Published minutes · Round Table Process")
        return _("Published minutes of %(group)s") % {"group": localized(group, "name")}

    def description(self, group: Group | None) -> str:
        return _("Minutes of the groups' meetings, as each language version is published.")

    def items(self, group: Group | None) -> QuerySet[MinutesVersion]:
        # A language version appears in the feed of its language when it is published.
        return (
            MinutesVersion.objects.published()
            .filter(language=self.lang, published_at__isnull=False)
            .filter(self._scope(group, "minutes__meeting__group"))
            .select_related("minutes__meeting__group")
            .order_by("-published_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, version: MinutesVersion) -> str:
        meeting = version.minutes.meeting
        return f"{localized(meeting, 'title')} ({date_filter(meeting.start, 'DATE_FORMAT')})"

    def _description(self, version: MinutesVersion) -> str:
        meeting = version.minutes.meeting
        return _("Minutes of the meeting of %(group)s on %(date)s.") % {
            "group": localized(meeting.group, "name"),
            "date": date_filter(meeting.start, "DATE_FORMAT"),
        }

    def item_link(self, version: MinutesVersion) -> str:
        return reverse("minutes:detail", args=[version.minutes.meeting_id])

    def item_guid(self, version: MinutesVersion) -> str:
        return f"{TAG}:minutes:{version.minutes.meeting_id}:{version.language}"

    def item_pubdate(self, version: MinutesVersion):
        return version.published_at

    def item_updateddate(self, version: MinutesVersion):
        return version.published_at

    def item_categories(self, version: MinutesVersion) -> list[str]:
        return [version.minutes.meeting.group.code]


class WorkPlanFeed(PublishedFeed):
    kind = "workplans"

    def title(self, group: Group | None) -> str:
        if group is None:
            return _("Published work plans · Round Table Process")
        return _("Published work plans of %(group)s") % {"group": localized(group, "name")}

    def description(self, group: Group | None) -> str:
        return _("Annual work plans of the groups, as they are published.")

    def items(self, group: Group | None) -> QuerySet[WorkPlan]:
        return (
            WorkPlan.objects.published()
            .filter(self._scope(group, "group"))
            .select_related("group")
            .order_by("-published_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, plan: WorkPlan) -> str:
        return _("Work plan %(year)s: %(group)s") % {
            "year": plan.year,
            "group": localized(plan.group, "name"),
        }

    def _description(self, plan: WorkPlan) -> str:
        return localized(plan, "sector_strategy") or localized(plan, "context")

    def item_link(self, plan: WorkPlan) -> str:
        return plan.get_absolute_url()

    def item_guid(self, plan: WorkPlan) -> str:
        return f"{TAG}:workplan:{plan.group.code}:{plan.year}"

    def item_pubdate(self, plan: WorkPlan):
        return plan.published_at

    def item_updateddate(self, plan: WorkPlan):
        return plan.published_at

    def item_categories(self, plan: WorkPlan) -> list[str]:
        return [plan.group.code]


class ReportFeed(PublishedFeed):
    kind = "reports"

    def title(self, group: Group | None) -> str:
        if group is None:
            return _("Published progress reports · Round Table Process")
        return _("Published progress reports of %(group)s") % {"group": localized(group, "name")}

    def description(self, group: Group | None) -> str:
        return _("Progress reports of the groups to the Round Table meetings, as they are published.")

    def items(self, group: Group | None) -> QuerySet[ProgressReport]:
        return (
            ProgressReport.objects.published()
            .filter(self._scope(group, "group"))
            .select_related("group", "cycle")
            .order_by("-published_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, report: ProgressReport) -> str:
        return f"{localized(report.group, 'name')} · {report.cycle.title}"

    def _description(self, report: ProgressReport) -> str:
        return localized(report, "overview")

    def item_link(self, report: ProgressReport) -> str:
        return report.get_absolute_url()

    def item_guid(self, report: ProgressReport) -> str:
        return f"{TAG}:report:{report.cycle.code}:{report.group.code}"

    def item_pubdate(self, report: ProgressReport):
        return report.published_at

    def item_updateddate(self, report: ProgressReport):
        return report.published_at

    def item_categories(self, report: ProgressReport) -> list[str]:
        return [report.group.code]


FEEDS = {"minutes": MinutesFeed, "workplans": WorkPlanFeed, "reports": ReportFeed}
