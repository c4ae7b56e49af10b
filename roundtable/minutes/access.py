"""Access helpers: load minutes or a language version for the request's user, or refuse (404/403).

Whoever may not read any version of the minutes gets a 404, the same as for minutes that do not
exist: the public must not learn that unpublished minutes exist. Someone who may read them but not
change them gets a 403.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from roundtable.core import permissions as core
from roundtable.groups.models import Group
from roundtable.groups.roles import SECRETARIAT, roles_by_group

from . import permissions, services
from .document import minutes_queryset
from .models import Minutes, MinutesStatus, MinutesVersion

LANGS = dict(settings.LANGUAGES)


def minutes_for_reader(request: HttpRequest, meeting_id: int) -> tuple[Minutes, list[MinutesVersion]]:
    """The minutes and the versions this user may read; 404 when there is nothing they may read.

    A visitor who may not see unpublished minutes gets the same 404 whether they exist or not.
    """
    minutes = minutes_queryset().filter(meeting_id=meeting_id).first()
    if minutes is None:
        raise Http404
    group = minutes.meeting.group
    user = request.user
    attendee = permissions.is_attendee(user, minutes.meeting)
    visible = [
        v for v in minutes.versions.all() if permissions.can_view_version(user, v, group, attendee=attendee)
    ]
    if not visible:
        raise Http404
    return minutes, visible


def version_for_reader(request: HttpRequest, meeting_id: int, lang: str) -> tuple[Minutes, MinutesVersion]:
    if lang not in LANGS:
        raise Http404
    minutes, visible = minutes_for_reader(request, meeting_id)
    version = next((v for v in visible if v.language == lang), None)
    if version is None:
        raise Http404
    return minutes, version


def minutes_for_editor(request: HttpRequest, meeting_id: int) -> Minutes:
    minutes = get_object_or_404(
        Minutes.objects.select_related("meeting", "meeting__group").prefetch_related("versions"),
        meeting_id=meeting_id,
    )
    if not permissions.can_edit_minutes(request.user, minutes.meeting.group):
        if permissions.can_view_unpublished(request.user, minutes.meeting.group):
            raise PermissionDenied
        raise Http404
    return minutes


def detail_url(meeting_id: int, lang: str | None = None) -> str:
    url = reverse("minutes:detail", args=[meeting_id])
    return f"{url}?version={lang}" if lang else url


# How many unpublished versions "Minutes to do" and the "My work" section look at.
CANDIDATE_LIMIT = 200


def unpublished_versions_with_steps(user) -> list[tuple[MinutesVersion, list[str]]]:
    """The unpublished language versions the user follows, each with the steps the user may take now.

    The versions of the user's groups (for the RTP Secretariat also the forums' and every version sent
    to it), newest meeting first. Two queries at most, whatever the number of minutes.
    """
    roles = roles_by_group(user)
    unpublished = MinutesVersion.objects.exclude(status=MinutesStatus.PUBLISHED)
    if core.is_rtp_secretariat(user):
        kept = {gid for gid, r in roles.items() if SECRETARIAT in r}
        kept |= set(Group.objects.filter(kind="forum").values_list("id", flat=True))
        candidates = unpublished.filter(
            Q(minutes__meeting__group_id__in=set(roles) | kept) | Q(status=MinutesStatus.SENT)
        )
    elif roles:
        candidates = unpublished.filter(minutes__meeting__group_id__in=set(roles))
    else:
        return []
    candidates = candidates.select_related("minutes__meeting__group").order_by(
        "-minutes__meeting__start", "language"
    )[:CANDIDATE_LIMIT]
    return [(v, services.allowed_steps(user, v, v.minutes.meeting.group)) for v in candidates]
