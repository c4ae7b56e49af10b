"""iCalendar feeds: public (public meeting information only) and private (through a secret link).

The window, the cache, the ETag and Last-Modified are `ical.feed_response`'s.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from roundtable.core import permissions as core_permissions
from roundtable.core.i18n import localized
from roundtable.groups import roles
from roundtable.groups.models import Group

from .. import ical
from ..models import CalendarFeedToken, Meeting


def _lang(request: HttpRequest) -> str:
    lang = request.GET.get("lang", "lo")
    return lang if lang in ("lo", "en") else "lo"


def public_feed(request: HttpRequest) -> HttpResponse:
    lang = _lang(request)
    name = "Round Table Process · Lao PDR"
    return ical.feed_response(request, Meeting.objects.published(), lang, name)


def group_feed(request: HttpRequest, code: str) -> HttpResponse:
    group = get_object_or_404(Group, code=code)
    lang = _lang(request)
    meetings = Meeting.objects.published().filter(group=group)
    return ical.feed_response(request, meetings, lang, localized(group, "name", lang))


def private_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The user's groups' meetings (internal ones too) and the meetings they are invited to."""
    feed = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    user = feed.user
    lang = _lang(request)
    person = core_permissions.person_of(user)
    if core_permissions.is_rtp_secretariat(user):
        meetings = Meeting.objects.all()
    else:
        groups = set(roles.roles_by_group(user))
        ids = Meeting.objects.filter(group_id__in=groups).values("pk")
        meetings = Meeting.objects.filter(pk__in=ids)
        if person is not None:
            meetings = meetings | Meeting.objects.filter(
                pk__in=Meeting.objects.filter(participants__person=person).values("pk")
            )
        if person is not None and lang == "lo" and "lang" not in request.GET:
            lang = person.preferred_language
    return ical.feed_response(request, meetings, lang, "Round Table Process", private=True)
