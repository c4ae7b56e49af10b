"""What a meeting's page shows of its minutes (see sections.py: the meetings app knows nothing of minutes)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import translation

from roundtable.core.i18n import localized
from roundtable.meetings.models import Meeting

from . import permissions
from .document import responsible_label, text_in
from .models import ActionPoint, Minutes, MinutesVersion


def minutes_link_for(user, meeting: Meeting) -> dict | None:
    """What the meeting page shows about its minutes to this user: None when they may see nothing of it.

    The public learns only of published minutes; members of the group see the draft's status; the
    secretariat is offered to start the minutes of a held meeting.
    """
    versions = list(MinutesVersion.objects.filter(minutes__meeting=meeting).order_by("language"))
    group = meeting.group
    if permissions.can_view_unpublished(user, group):
        if versions:
            return {"url": reverse("minutes:detail", args=[meeting.pk]), "versions": versions, "start": False}
        if meeting.state == "held" and permissions.can_start_minutes(user, group):
            return {"url": reverse("minutes:detail", args=[meeting.pk]), "versions": [], "start": True}
        return None
    # An attendee reads the versions circulated for comments too (see permissions).
    attendee = bool(versions) and permissions.is_attendee(user, meeting)
    readable = [v for v in versions if permissions.can_view_version(user, v, group, attendee=attendee)]
    if readable:
        return {"url": reverse("minutes:detail", args=[meeting.pk]), "versions": readable, "start": False}
    return None


@dataclass
class ReviewPoint:
    """An open action point, as the meeting page's "review of open action points" shows it."""

    what: str
    responsible: str
    due_date: date | None
    is_overdue: bool
    meeting_id: int
    item_id: int


def open_action_points_for(user, meeting: Meeting) -> list[ReviewPoint]:
    """The open action points of the group's previous meeting, as far as this user may read them.

    Members of the group and the RTP Secretariat read them all, with the responsible person. Anyone
    else (the public, an invitee from outside the group) reads only action points of published
    minutes, in a language whose version is published (never the text of an unpublished version),
    and only the responsible organisation: the same as the public minutes page shows.
    """
    group = meeting.group
    insider = permissions.can_view_unpublished(user, group)
    # Only the previous meeting's points (the one before this, with minutes; for the public the last one
    # whose minutes are published, the only one it may know of): not the whole history.
    earlier = Minutes.objects.filter(meeting__group=group, meeting__start__lt=meeting.start)
    if not insider:
        earlier = earlier.published()
    previous = earlier.order_by("-meeting__start", "-pk").values("pk")[:1]
    points = (
        ActionPoint.objects.open()
        .filter(group=group, item__minutes__in=previous)
        .select_related("responsible_organisation", "responsible_person", "item__minutes")
        .order_by("due_date", "pk")
    )
    lang = translation.get_language() or "lo"
    if not insider:
        published = MinutesVersion.objects.published().filter(minutes=OuterRef("item__minutes"))
        points = points.filter(Exists(published)).prefetch_related(
            Prefetch(
                "item__minutes__versions",
                queryset=MinutesVersion.objects.published(),
                to_attr="published_versions",
            )
        )
    rows = []
    for point in points:
        if insider:
            what = localized(point, "what", lang)
        else:
            langs = [v.language for v in point.item.minutes.published_versions]
            # The page's language first, then the other published one; never an unpublished text.
            ordered = sorted(langs, key=lambda code: code != lang)
            what = next((text for code in ordered if (text := text_in(point, "what", code))), "")
        if not what:
            continue
        rows.append(
            ReviewPoint(
                what=what,
                responsible=responsible_label(point, lang, with_person=insider),
                due_date=point.due_date,
                is_overdue=point.is_overdue,
                meeting_id=point.item.minutes.meeting_id,
                item_id=point.item_id,
            )
        )
    return rows
