"""The demo's compliance spread (issue 11): on the scorecard of last year and of this year most SWGs kept
their meetings, minutes and work plans, some sent or published their minutes late, and one SWG met only
twice this year; loaded again, the demo adds nothing.

The demo plans its meetings from today (by calendar quarter), so the whole-demo test stops the clock on
one day; the meetings demo's plan is also checked on every week of two years, without a database."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from roundtable.compliance.checklists import build_scorecard, checklist_groups, checklist_obligations
from roundtable.groups.models import Group, GroupKind
from roundtable.meetings import demo as meetings_demo

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

TODAY = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Asia/Vientiane"))
MD5_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
# The obligations the spread is about: the work plan, the quarterly meetings and their minutes.
KEPT = ("workplan", "workplan-published", "meetings", "minutes-sent", "minutes-published")
MINUTES = ("minutes-sent", "minutes-published")
SWGS = [
    "macro", "trade", "infrastructure", "agriculture", "environment",
    "education", "health", "governance", "drugs", "uxo",
]  # fmt: skip


@pytest.fixture(scope="module")
def card(django_db_setup, django_db_blocker):
    """The demo loaded (twice) on TODAY, and the SWGs' scorecard of last year and this year on that day."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(TODAY, tick=True),
        override_settings(DEBUG=True, PASSWORD_HASHERS=[MD5_HASHER]),
        transaction.atomic(),
        translation.override("en"),
    ):
        call_command("load_demo", stdout=io.StringIO())
        again = io.StringIO()
        call_command("load_demo", stdout=again)
        today = timezone.localdate()
        groups = checklist_groups(kinds=(GroupKind.SWG,))
        obligations = checklist_obligations(today.year - 1, today.year, kinds=(GroupKind.SWG,))
        scorecard = build_scorecard(
            groups=groups, obligations=obligations, first_year=today.year - 1, last_year=today.year, on=today
        )
        cells = {
            (group.code, cell.obligation.code, year): cell
            for group in groups
            for year in scorecard.years
            for cell in scorecard.group_cells(group, year)
        }
        yield SimpleNamespace(
            today=today, groups=[g.code for g in groups], cells=cells, again=again.getvalue()
        )
        transaction.set_rollback(True)


def overdue(card, code: str, year: int) -> list[str]:
    return [ob for ob in KEPT if card.cells[(code, ob, year)].status == "overdue"]


def held(card, code: str, year: int) -> int:
    """Meetings held in the year, as the scorecard counts them: one minutes item per meeting held."""
    return len(card.cells[(code, "minutes-sent", year)].items)


def test_the_demo_has_the_ten_swgs_and_loads_again_without_change(card):
    assert sorted(card.groups) == sorted(SWGS)
    assert "Meetings: 0 created" in card.again and "minutes demo: 0 minutes" in card.again, card.again


@pytest.mark.parametrize("offset", [-1, 0], ids=["last year", "this year"])
def test_most_swgs_kept_their_meetings_minutes_and_work_plan(card, offset):
    """At least 7 of the 10 SWGs have nothing overdue among the work plan, the meetings and the minutes: a
    few lag (this year: the three whose work plan is not published; last year: the one that skipped a
    quarter and the one whose meeting was cancelled), the rest keep to the guideline."""
    year = card.today.year + offset
    late = {code: overdue(card, code, year) for code in card.groups}
    compliant = [code for code, obligations in late.items() if not obligations]
    assert len(compliant) >= 7, late
    assert len(compliant) < 10, "a realistic spread has some SWGs behind"


@pytest.mark.parametrize("offset", [-1, 0], ids=["last year", "this year"])
def test_some_swgs_sent_or_published_minutes_late_by_a_few_days(card, offset):
    year = card.today.year + offset
    late = {
        (code, ob): [item.days_late for item in card.cells[(code, ob, year)].items if item.status == "late"]
        for code in card.groups
        for ob in MINUTES
    }
    late = {key: days for key, days in late.items() if days}
    assert late, f"no SWG's minutes done late in {year}"
    assert all(0 < d <= 7 for days in late.values() for d in days), late
    assert len({code for code, _ob in late}) <= 6, late  # some, not most


def test_one_swg_met_only_twice_this_year_the_others_more_and_every_swg_met_in_last_years_quarters(card):
    this_year = {code: held(card, code, card.today.year) for code in card.groups}
    assert [code for code, n in this_year.items() if n == 2] == ["drugs"], this_year
    assert all(n > 2 for code, n in this_year.items() if code != "drugs"), this_year
    assert card.cells[("drugs", "meetings", card.today.year)].status == "overdue"
    last_year = {code: held(card, code, card.today.year - 1) for code in card.groups}
    assert all(n >= 3 for n in last_year.values()), last_year
    assert sum(n == 4 for n in last_year.values()) >= 7, last_year


def weeks(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=7)


@pytest.mark.parametrize("start", [date(2026, 1, 1), date(2027, 1, 4)], ids=["2026", "2027"])
def test_the_plan_of_the_swgs_on_any_day_of_the_year(start):
    """On every week of the year: each SWG's meetings fall on weekdays, no more than one a quarter (Health
    has one more when its next one is due), the past ones in last year and this year, none past the
    horizon; every quarter of last year met but the ones the demo marks as missed; drugs met at most twice
    this year; the same day gives the same plan."""
    horizon = timedelta(days=meetings_demo.HORIZON_DAYS)
    for today in weeks(start, start + timedelta(days=364)):
        for code in SWGS:
            group = Group(kind=GroupKind.SWG, code=code)
            plan = meetings_demo._plan(group, meetings_demo.random.Random(f"meetings-{code}"), today)
            again = meetings_demo._plan(group, meetings_demo.random.Random(f"meetings-{code}"), today)
            assert plan == again and plan == sorted(plan)
            days = [day for day, _cancelled in plan]
            assert all(day.weekday() < 5 for day in days), (today, code, days)
            assert all(today.year - 1 <= day.year and day <= today + horizon for day in days), (today, code)
            quarters = [(day.year, (day.month - 1) // 3 + 1) for day in days]
            extra = 1 if code == meetings_demo.SHOWCASE else 0
            assert len(quarters) - len(set(quarters)) <= extra, (today, code, days)
            missed = meetings_demo.SWG_MISSED.get(code, set())
            for quarter in range(1, 5):
                if (-1, quarter) not in missed:
                    assert (today.year - 1, quarter) in quarters, (today, code, quarter)
            past = [
                day for day, cancelled in plan if day < today and day.year == today.year and not cancelled
            ]
            if code == "drugs":
                assert len(past) <= 2
            if code == meetings_demo.SHOWCASE:
                # Health met within the fortnight before (its minutes are on their way, not late).
                assert any(timedelta(days=1) <= today - day <= timedelta(days=14) for day in days), today
