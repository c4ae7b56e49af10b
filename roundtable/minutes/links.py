"""Links to a meeting's minutes, for the meetings app's pages and API (it knows nothing of minutes)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import translation

from roundtable.meetings.models import Meeting

from . import permissions
from .models import MinutesVersion


def with_published_minutes(meetings):
    """Annotate `has_published_minutes` on a meeting queryset, so that lists ask once, not once per row."""
    published = MinutesVersion.objects.published().filter(minutes__meeting=OuterRef("pk"))
    return meetings.annotate(has_published_minutes=Exists(published))


def public_minutes_url(meeting: Meeting, request=None) -> str | None:
    """Absolute URL of the minutes' public page (Lao), when at least one language version is published."""
    has_published = getattr(meeting, "has_published_minutes", None)
    if has_published is None:
        has_published = MinutesVersion.objects.published().filter(minutes__meeting=meeting).exists()
    if not has_published:
        return None
    with translation.override("lo"):
        path = reverse("minutes:detail", args=[meeting.pk])
    if request is not None:
        return request.build_absolute_uri(path)
    from django.conf import settings

    return settings.SITE_URL + path


def minutes_link_for(user, meeting: Meeting) -> dict | None:
    """What the meeting page shows about its minutes to this user: None when they may see nothing of it.

    The public learns only of published minutes; members of the group see the draft's status; the
    secretariat is offered to start the minutes of a held meeting.
    """
    versions = list(MinutesVersion.objects.filter(minutes__meeting=meeting).order_by("language"))
    published = [v for v in versions if v.status == "published"]
    group = meeting.group
    if permissions.can_view_unpublished(user, group):
        if versions:
            return {"url": reverse("minutes:detail", args=[meeting.pk]), "versions": versions, "start": False}
        if meeting.state == "held" and permissions.can_start_minutes(user, group):
            return {"url": reverse("minutes:detail", args=[meeting.pk]), "versions": [], "start": True}
        return None
    if published:
        return {"url": reverse("minutes:detail", args=[meeting.pk]), "versions": published, "start": False}
    return None
