"""Calendar pages (month and list views) and the page of the private feed link."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.groups.models import Group

from .. import calendars, querystring, services


def _weekdays() -> list[str]:
    return [
        pgettext("weekday", "Mon"),
        pgettext("weekday", "Tue"),
        pgettext("weekday", "Wed"),
        pgettext("weekday", "Thu"),
        pgettext("weekday", "Fri"),
        pgettext("weekday", "Sat"),
        pgettext("weekday", "Sun"),
    ]


def _common(request: HttpRequest, months: int) -> dict:
    code = querystring.text(request.GET.get("group"))
    group = Group.objects.filter(code=code).first() if code else None
    typed = request.GET.get("month") or ""
    chosen = calendars.month_from(typed)
    first = chosen or calendars.parse_month(None)
    after = calendars.add_months(first, months)
    items = calendars.entries(request.user, first, after - timedelta(days=1), group=group)
    feed_url = calendars.feed_path(group, get_language())
    return {
        "group": group,
        "groups": Group.objects.active().order_by("order", "code"),
        "first": first,
        "previous": calendars.month_beyond(first, -months),
        "next": calendars.month_beyond(first, months),
        # A month that cannot be shown (9999-12, 0000-00, a word): this month instead, and said.
        "bad_month": typed if typed and chosen is None else "",
        "month": first.strftime("%Y-%m"),
        # The month menu in the page's language (an <input type=month> speaks the browser's): a year
        # either side of the month shown, each named by the date filter of the active language.
        "month_choices": [
            calendars.add_months(first, offset)
            for offset in range(-12, 13)
            if calendars.month_beyond(first, offset) is not None
        ],
        "entries": items,
        "feed_url": request.build_absolute_uri(feed_url),
    }


def month(request: HttpRequest) -> HttpResponse:
    context = _common(request, 1)
    context["weeks"] = calendars.month_grid(context["first"], context["entries"])
    context["weekdays"] = _weekdays()
    return render(request, "meetings/calendar.html", context)


def agenda_list(request: HttpRequest) -> HttpResponse:
    """Three months from the chosen month, as a list: the readable view on a phone."""
    context = _common(request, 3)
    last = calendars.add_months(context["first"], 3) - timedelta(days=1)
    context["last"] = last
    return render(request, "meetings/calendar_list.html", context)


@login_required
def feed_link(request: HttpRequest) -> HttpResponse:
    token = services.feed_token_for(request.user)
    url = request.build_absolute_uri(reverse("feeds:private", args=[token.token]))
    return render(request, "meetings/feed_link.html", {"url": url})


@login_required
@require_POST
def feed_reset(request: HttpRequest) -> HttpResponse:
    services.feed_token_reset(actor=request.user)
    messages.success(request, _("Your private calendar link is new; the old one no longer works."))
    return redirect("meetings:feed_link")
