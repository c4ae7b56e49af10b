"""When a meeting takes place, in Vientiane time, as one phrase for every place that shows it.

Meetings are stored in UTC and always shown in the site's time zone (Asia/Vientiane), whatever the
server's clock. A meeting that ends on another day than it starts (a two-day consultation, an
evening session past midnight) shows both dates; an all-day meeting shows dates only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import formats, timezone

# A calendar shows a long meeting on each of its days, up to this many (a longer one is a data error).
MAX_SPAN_DAYS = 31


def local_days(start: datetime, end: datetime) -> list[date]:
    """The Vientiane dates a meeting covers, first to last (an end at 00:00 does not reach that day)."""
    first = timezone.localtime(start).date()
    local_end = timezone.localtime(end)
    last = local_end.date()
    if local_end.time() == datetime.min.time() and last > first:
        last -= timedelta(days=1)
    last = min(last, first + timedelta(days=MAX_SPAN_DAYS - 1))
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def when_text(start: datetime, end: datetime, all_day: bool = False, *, short: bool = False) -> str:
    """'12 March 2025, 09:00–12:00', '12 March 2025, 22:00 – 13 March 2025, 01:00', '12 – 13 March 2025'."""
    date_format = "SHORT_DATE_FORMAT" if short else "DATE_FORMAT"
    days = local_days(start, end)
    first, last = days[0], days[-1]
    if all_day:
        if first == last:
            return formats.date_format(first, date_format)
        return f"{formats.date_format(first, date_format)} – {formats.date_format(last, date_format)}"
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    start_time = formats.time_format(local_start, "TIME_FORMAT")
    end_time = formats.time_format(local_end, "TIME_FORMAT")
    if local_start.date() == local_end.date():
        return f"{formats.date_format(first, date_format)}, {start_time}–{end_time}"
    return (
        f"{formats.date_format(local_start.date(), date_format)}, {start_time} – "
        f"{formats.date_format(local_end.date(), date_format)}, {end_time}"
    )


def meeting_when(meeting, *, short: bool = False) -> str:
    return when_text(meeting.start, meeting.end, getattr(meeting, "all_day", False), short=short)
