"""The calendar's entries: real meetings and the meetings planned in work plans, for a date range.

Planned meetings of a published work plan are public; of an unpublished one (draft, with the chair,
submitted...), only the group's members and the RTP Secretariat see them. A planned entry is left out
when the group already has a meeting that the visitor sees in the same month: it has become real.
"""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from roundtable.core import permissions as core_permissions
from roundtable.core.i18n import localized
from roundtable.groups import roles
from roundtable.workplans.models import PlannedMeeting, WorkPlanStatus

from . import permissions, querystring
from .models import Meeting


@dataclass
class Entry:
    day: date
    title: str
    group: object
    meeting: Meeting | None = None
    planned: PlannedMeeting | None = None
    # For a meeting over several days: which of its days this entry is (1-based) and how many there are.
    day_number: int = 1
    day_count: int = 1

    @property
    def is_planned(self) -> bool:
        return self.meeting is None

    @property
    def start(self):
        return timezone.localtime(self.meeting.start) if self.meeting else None

    @property
    def is_continuation(self) -> bool:
        return self.day_number > 1


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _groups_with_children(group) -> list[int]:
    return [group.pk, *group.children.values_list("pk", flat=True)]


def planned_q(user) -> Q | None:
    """Filter on PlannedMeeting for the entries the user may see (None: all of them)."""
    if core_permissions.is_rtp_secretariat(user):
        return None
    q = Q(workplan__status=WorkPlanStatus.PUBLISHED)
    groups = set(roles.roles_by_group(user))
    if groups:
        q |= Q(workplan__group_id__in=groups) | Q(group_id__in=groups)
    return q


def entries(user, first: date, last: date, group=None) -> list[Entry]:
    """All entries from `first` to `last` (inclusive) that the user may see, in date order (two queries).

    A meeting is on every Vientiane day it covers: a two-day meeting, or one past midnight, shows on
    both days, also when it started in the previous month.
    """
    meetings = permissions.visible_meetings(user).filter(
        start__lt=_aware(last + timedelta(days=1)), end__gt=_aware(first)
    )
    planned = PlannedMeeting.objects.filter(date__gte=first, date__lte=last)
    if group is not None:
        ids = _groups_with_children(group)
        meetings = meetings.filter(group_id__in=ids)
        planned = planned.filter(group_id__in=ids)
    q = planned_q(user)
    if q is not None:
        planned = planned.filter(q)
    result = []
    for m in meetings.select_related("group").order_by("start"):
        days = m.local_days
        for number, day in enumerate(days, start=1):
            if first <= day <= last:
                result.append(
                    Entry(
                        day=day,
                        title=localized(m, "title"),
                        group=m.group,
                        meeting=m,
                        day_number=number,
                        day_count=len(days),
                    )
                )
    held_months = {(e.group.pk, e.day.year, e.day.month) for e in result}
    # A sub-SWG's meeting may be planned both in its SWG's plan and in its own: show it once.
    seen: set[tuple[int, object]] = set()
    for p in planned.select_related("group", "workplan"):
        if (p.group_id, p.date.year, p.date.month) in held_months or (p.group_id, p.date) in seen:
            continue
        seen.add((p.group_id, p.date))
        title = localized(p, "title") or localized(p.group, "name")
        result.append(Entry(day=p.date, title=title, group=p.group, planned=p))
    result.sort(
        key=lambda e: (
            e.day,
            time.min
            if e.is_continuation or (e.meeting and e.meeting.all_day)
            else (e.start.time() if e.start else time.max),
            e.group.code,
        )
    )
    return result


def feed_path(group, lang: str) -> str:
    """The address of the calendar feed (a group's, or all public meetings) in the page's language."""
    path = reverse("feeds:group", args=[group.code]) if group is not None else reverse("feeds:meetings")
    return f"{path}?lang={lang}"


def month_from(value: str | None) -> date | None:
    """'YYYY-MM' → the first day of that month; None when it is not a month a meeting can be in."""
    return querystring.month(value)


def parse_month(value: str | None) -> date:
    """'YYYY-MM' → the first day of that month; anything else → the current month."""
    return month_from(value) or timezone.localdate().replace(day=1)


def month_beyond(first: date, months: int) -> str | None:
    """'YYYY-MM' of the month `months` away (for the previous and next links); None past the years."""
    index = first.year * 12 + first.month - 1 + months
    if not querystring.is_year(index // 12):
        return None
    return add_months(first, months).strftime("%Y-%m")


def add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_grid(first: date, items: list[Entry]) -> list[list[tuple[date, list[Entry]]]]:
    """Weeks (Monday first) of (day, entries) for the month view."""
    by_day: dict[date, list[Entry]] = {}
    for entry in items:
        by_day.setdefault(entry.day, []).append(entry)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return [[(day, by_day.get(day, [])) for day in week] for week in weeks]
