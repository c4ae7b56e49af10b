"""What the minutes add to the site-wide search: each language version of a meeting's minutes, with every
agenda item's discussion, decisions and action points in that language.

Visibility is the minutes page's (`permissions.can_view_version`): a published version to everyone; any other
to whom `can_view_unpublished` lets read the group's unpublished minutes (the grant "minutes.unpublished");
a circulated one also to the meeting's attendees with a login (`is_attendee`: the document's `people`).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.core.search import ANONYMOUS, Document, SearchProvider, join, register_provider, urls
from roundtable.meetings.models import Meeting, Participant

from . import permissions
from .models import ActionPoint, Decision, Minutes, MinutesItem, MinutesStatus, MinutesVersion


def attendee_person_ids(meeting: Meeting) -> set[int]:
    """The directory people behind `permissions.attendee_user_ids`: attended, with a login (prefetched)."""
    return {
        p.person_id for p in meeting.participants.all() if p.attended and p.person_id and p.person.user_id
    }


class MinutesProvider(SearchProvider):
    name = "minutes.minutes"
    label = _("Minutes")
    model = Minutes
    order = 30
    grants = {"minutes.unpublished": permissions.can_view_unpublished}
    watches = {
        MinutesVersion: lambda version: [version.minutes_id],
        MinutesItem: lambda item: [item.minutes_id],
        Decision: lambda decision: [decision.item.minutes_id],
        ActionPoint: lambda action: [action.item.minutes_id],
        Meeting: lambda meeting: Minutes.objects.filter(meeting_id=meeting.pk).values_list("pk", flat=True),
        Participant: lambda p: Minutes.objects.filter(meeting_id=p.meeting_id).values_list("pk", flat=True),
    }

    def records(self):
        return Minutes.objects.select_related("meeting", "meeting__group").prefetch_related(
            "versions", "items__decisions", "items__action_points", "meeting__participants__person"
        )

    def documents(self, minutes: Minutes) -> list[Document]:
        meeting = minutes.meeting
        group = meeting.group
        items = list(minutes.items.all())
        attendees = attendee_person_ids(meeting)
        documents = []
        for version in minutes.versions.all():
            lang = version.language
            body = join(
                *(
                    join(
                        getattr(item, f"title_{lang}"),
                        getattr(item, f"discussion_{lang}"),
                        *(getattr(d, f"text_{lang}") for d in item.decisions.all()),
                        *(getattr(a, f"what_{lang}") for a in item.action_points.all()),
                    )
                    for item in items
                )
            )
            url_lo, url_en = urls("minutes:detail", meeting.pk, query=f"?version={lang}")
            documents.append(
                Document(
                    key=lang,
                    title_lo=meeting.title_lo or meeting.title_en,
                    title_en=meeting.title_en or meeting.title_lo,
                    body_lo=body if lang == "lo" else "",
                    body_en=body if lang == "en" else "",
                    group_id=group.pk,
                    date=timezone.localdate(meeting.start),
                    url_lo=url_lo,
                    url_en=url_en,
                    public=permissions.can_view_version(ANONYMOUS, version, group),
                    access="minutes.unpublished",
                    people=attendees if version.status == MinutesStatus.CIRCULATED else set(),
                )
            )
        return documents


register_provider(MinutesProvider())
