"""Each kind of due rule, with the clock stopped at the edges: the day before, the due day, the day after."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from roundtable.compliance.checklists import build_scorecard, checklist_groups
from roundtable.compliance.items import Status, status_of
from roundtable.compliance.models import HandTick, Obligation
from roundtable.groups.models import ChairTerm, Group, TermsOfReference
from roundtable.reports.models import Cycle, ProgressReport, SubgroupNote

from .conftest import aware, meeting, minutes_version, obligation, workplan


def cell_on(world, day: date, kind: str, code: str, group=None, year: int | None = None):
    """The cell of one obligation, built with the clock stopped at 10:00 on `day`."""
    group = group or (world.health if kind == "swg" else world.health_sub)
    ob = obligation(kind, code)
    year = year or day.year
    with time_machine.travel(aware(day, 10), tick=False):
        groups = checklist_groups(ids=[group.pk])
        card = build_scorecard(groups=groups, obligations=[ob], first_year=year, last_year=year)
    return card.cell(groups[0], ob, year)


def test_status_of_the_edges():
    due = date(2026, 1, 31)
    assert status_of(due, None, due - timedelta(days=1)) == (Status.DUE, 0)
    assert status_of(due, None, due) == (Status.DUE, 0)
    assert status_of(due, None, due + timedelta(days=1)) == (Status.OVERDUE, 1)
    assert status_of(due, due, due + timedelta(days=5)) == (Status.DONE, 0)
    assert status_of(due, due + timedelta(days=1), due + timedelta(days=5)) == (Status.LATE, 1)
    # A record dated after "today" (typed ahead) does not count yet.
    assert status_of(due, due + timedelta(days=3), due) == (Status.DUE, 0)


# --- a fixed date: the work plan by 31 January ------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected", "days"),
    [
        (date(2026, 1, 30), Status.DUE, 0),
        (date(2026, 1, 31), Status.DUE, 0),
        (date(2026, 2, 1), Status.OVERDUE, 1),
    ],
)
def test_a_work_plan_not_submitted_is_due_until_the_31st_of_january_then_overdue(
    checklist_world, today, expected, days
):
    cell = cell_on(checklist_world, today, "swg", "workplan")
    (item,) = cell.items
    assert (item.due, item.status, item.days_late) == (date(2026, 1, 31), expected, days)


@pytest.mark.parametrize(
    ("submitted", "expected", "days"),
    [
        (date(2026, 1, 30), Status.DONE, 0),
        (date(2026, 1, 31), Status.DONE, 0),
        (date(2026, 2, 1), Status.LATE, 1),
    ],
)
def test_a_work_plan_submitted_on_the_due_day_is_on_time_and_the_day_after_is_a_day_late(
    checklist_world, submitted, expected, days
):
    workplan(checklist_world.health, 2026, submitted=submitted)
    (item,) = cell_on(checklist_world, date(2026, 3, 1), "swg", "workplan").items
    assert (item.status, item.done, item.days_late) == (expected, submitted, days)


def test_the_work_plan_due_day_is_the_platforms_setting(checklist_world, settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "WORKPLAN_DUE_MONTH_DAY": (2, 15)}
    (item,) = cell_on(checklist_world, date(2026, 2, 14), "swg", "workplan").items
    assert (item.due, item.status) == (date(2026, 2, 15), Status.DUE)


def test_a_published_plan_is_judged_on_its_publication_by_the_obligations_own_date(checklist_world):
    workplan(checklist_world.health, 2026, submitted=date(2026, 1, 20), published=date(2026, 4, 2))
    (item,) = cell_on(checklist_world, date(2026, 5, 1), "swg", "workplan-published").items
    assert (item.due, item.status, item.days_late) == (date(2026, 3, 31), Status.LATE, 2)


# --- each quarter: an SWG meeting -----------------------------------------------------------------------


def test_each_quarter_needs_a_meeting_held_in_it(checklist_world):
    health = checklist_world.health
    meeting(health, date(2026, 2, 10))
    meeting(health, date(2026, 8, 3))
    cell = cell_on(checklist_world, date(2026, 12, 2), "swg", "meetings")
    statuses = [(i.key, i.status, i.done) for i in cell.items]
    assert statuses == [
        ("2026-Q1", Status.DONE, date(2026, 2, 10)),
        ("2026-Q2", Status.OVERDUE, None),  # a quarter without a meeting
        ("2026-Q3", Status.DONE, date(2026, 8, 3)),
        ("2026-Q4", Status.DUE, None),
    ]
    assert cell.status == Status.OVERDUE
    assert cell.items[1].days_late == (date(2026, 12, 2) - date(2026, 6, 30)).days


def test_a_cancelled_meeting_does_not_count_and_is_shown_as_cancelled(checklist_world, english):
    meeting(checklist_world.health, date(2026, 5, 12), state="cancelled")
    cell = cell_on(checklist_world, date(2026, 7, 1), "swg", "meetings")
    q2 = cell.items[1]
    assert q2.status == Status.OVERDUE
    assert [link.note for link in q2.records] == ["cancelled"]


def test_a_planned_meeting_does_not_count_and_a_meeting_next_quarter_does_not_save_this_one(checklist_world):
    meeting(checklist_world.health, date(2026, 3, 20), state="scheduled")
    meeting(checklist_world.health, date(2026, 4, 1))
    q1 = cell_on(checklist_world, date(2026, 4, 2), "swg", "meetings").items[0]
    assert q1.status == Status.OVERDUE


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2026, 3, 30), Status.DUE), (date(2026, 3, 31), Status.DUE), (date(2026, 4, 1), Status.OVERDUE)],
)
def test_a_quarter_is_due_until_its_last_day(checklist_world, today, expected):
    assert cell_on(checklist_world, today, "swg", "meetings").items[0].status == expected


def test_meetings_per_quarter_is_the_platforms_setting(checklist_world, settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "SWG_MEETINGS_PER_QUARTER": 2}
    meeting(checklist_world.health, date(2026, 1, 10))
    q1 = cell_on(checklist_world, date(2026, 4, 2), "swg", "meetings").items[0]
    assert q1.status == Status.OVERDUE
    meeting(checklist_world.health, date(2026, 3, 10))
    q1 = cell_on(checklist_world, date(2026, 4, 2), "swg", "meetings").items[0]
    assert (q1.status, q1.done) == (Status.DONE, date(2026, 3, 10))


# --- once a year: sub-SWG meetings, the stakeholder list, the ToR ------------------------------------------


def test_a_sub_swg_needs_two_meetings_in_the_year(checklist_world):
    sub = checklist_world.health_sub
    meeting(sub, date(2026, 3, 3))
    (item,) = cell_on(checklist_world, date(2026, 12, 31), "subswg", "meetings").items
    assert item.status == Status.DUE
    (item,) = cell_on(checklist_world, date(2027, 1, 1), "subswg", "meetings", year=2026).items
    assert (item.status, item.days_late) == (Status.OVERDUE, 1)
    meeting(sub, date(2026, 10, 3))
    (item,) = cell_on(checklist_world, date(2027, 1, 1), "subswg", "meetings", year=2026).items
    assert (item.status, item.done) == (Status.DONE, date(2026, 10, 3))


def test_the_stakeholder_list_is_reviewed_by_a_change_or_by_the_plan_submitted_with_stakeholders(
    checklist_world,
):
    from roundtable.workplans.models import PlanStakeholder

    # The world's memberships were written today: they prove this year's review, not 2025's.
    (item,) = cell_on(checklist_world, date(2026, 1, 5), "swg", "stakeholders", year=2025).items
    assert item.status == Status.OVERDUE
    plan = workplan(checklist_world.health, 2025, submitted=date(2025, 1, 28))
    PlanStakeholder.objects.create(workplan=plan, organisation=checklist_world.who)
    (item,) = cell_on(checklist_world, date(2026, 1, 5), "swg", "stakeholders", year=2025).items
    assert (item.status, item.done) == (Status.DONE, date(2025, 1, 28))


def _tor(group, issued: date) -> TermsOfReference:
    return TermsOfReference.objects.create(
        group=group, file="tor/x.pdf", language="en", version="1", issued_on=issued
    )


def test_terms_of_reference_count_as_current_for_the_years_the_obligation_says(checklist_world):
    health = checklist_world.health
    (item,) = cell_on(checklist_world, date(2026, 12, 31), "swg", "tor").items
    assert item.status == Status.DUE
    (item,) = cell_on(checklist_world, date(2027, 1, 1), "swg", "tor", year=2026).items
    assert item.status == Status.OVERDUE
    _tor(health, date(2020, 6, 1))  # five years valid: out of date by 31 December 2026
    (item,) = cell_on(checklist_world, date(2027, 1, 1), "swg", "tor", year=2026).items
    assert item.status == Status.OVERDUE
    _tor(health, date(2023, 6, 1))
    (item,) = cell_on(checklist_world, date(2027, 1, 1), "swg", "tor", year=2026).items
    assert (item.status, item.done) == (Status.DONE, date(2023, 6, 1))


# --- N days after an event: the minutes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2026, 3, 23), Status.DUE), (date(2026, 3, 24), Status.DUE), (date(2026, 3, 25), Status.OVERDUE)],
)
def test_minutes_are_due_at_the_rtp_secretariat_14_days_after_the_meeting(checklist_world, today, expected):
    meeting(checklist_world.health, date(2026, 3, 10))
    (item,) = cell_on(checklist_world, today, "swg", "minutes-sent").items
    assert (item.due, item.status) == (date(2026, 3, 24), expected)


@pytest.mark.parametrize(
    ("sent", "expected", "days"),
    [
        (date(2026, 3, 23), Status.DONE, 0),
        (date(2026, 3, 24), Status.DONE, 0),
        (date(2026, 3, 25), Status.LATE, 1),
    ],
)
def test_minutes_sent_on_the_14th_day_are_on_time(checklist_world, sent, expected, days):
    m = meeting(checklist_world.health, date(2026, 3, 10))
    minutes_version(m, sent=sent)
    (item,) = cell_on(checklist_world, date(2026, 5, 1), "swg", "minutes-sent").items
    assert (item.status, item.days_late) == (expected, days)


def test_the_first_language_version_to_be_published_decides(checklist_world):
    m = meeting(checklist_world.health, date(2026, 3, 10))
    minutes_version(m, sent=date(2026, 3, 20), published=date(2026, 4, 20), language="en")
    minutes_version(m, sent=date(2026, 3, 20), published=date(2026, 4, 5), language="lo")
    (item,) = cell_on(checklist_world, date(2026, 5, 1), "swg", "minutes-published").items
    assert (item.due, item.done, item.status) == (date(2026, 4, 9), date(2026, 4, 5), Status.DONE)


def test_a_cancelled_meeting_needs_no_minutes_and_no_meeting_means_nothing_to_do(checklist_world):
    meeting(checklist_world.health, date(2026, 3, 10), state="cancelled")
    cell = cell_on(checklist_world, date(2026, 5, 1), "swg", "minutes-sent")
    assert (cell.items, cell.status) == ([], Status.NA)


# --- N weeks before a cycle's meeting: the progress report -----------------------------------------------


def _cycle(world, *, held_on: date, status="open", code="rtim-2026", year=2026) -> Cycle:
    cycle = Cycle.objects.create(code=code, year=year, held_on=held_on, status=status)
    cycle.groups.add(world.health)
    return cycle


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 15), Status.DUE),
        (date(2026, 11, 16), Status.DUE),
        (date(2026, 11, 17), Status.OVERDUE),
    ],
)
def test_the_progress_report_is_due_four_weeks_before_the_cycles_meeting(checklist_world, today, expected):
    _cycle(checklist_world, held_on=date(2026, 12, 14))
    (item,) = cell_on(checklist_world, today, "swg", "progress-report").items
    assert (item.key, item.due, item.status) == ("cycle:rtim-2026", date(2026, 11, 16), expected)


def test_a_report_submitted_after_the_deadline_is_late_and_the_weeks_can_be_the_obligations_own(
    checklist_world,
):
    cycle = _cycle(checklist_world, held_on=date(2026, 12, 14))
    ProgressReport.objects.create(
        cycle=cycle, group=checklist_world.health, status="submitted", submitted_at=aware(date(2026, 11, 18))
    )
    (item,) = cell_on(checklist_world, date(2026, 12, 1), "swg", "progress-report").items
    assert (item.status, item.days_late) == (Status.LATE, 2)
    Obligation.objects.filter(code="progress-report").update(weeks=2)
    (item,) = cell_on(checklist_world, date(2026, 12, 1), "swg", "progress-report").items
    assert (item.due, item.status) == (date(2026, 11, 30), Status.DONE)


def test_a_cycle_in_preparation_asks_nothing_yet(checklist_world):
    _cycle(checklist_world, held_on=date(2026, 12, 14), status="draft")
    assert cell_on(checklist_world, date(2026, 12, 1), "swg", "progress-report").items == []


def test_a_sub_swg_gives_its_part_of_its_swgs_report(checklist_world):
    cycle = _cycle(checklist_world, held_on=date(2026, 12, 14))
    (item,) = cell_on(checklist_world, date(2026, 11, 20), "subswg", "report-part").items
    assert item.status == Status.OVERDUE
    report = ProgressReport.objects.create(
        cycle=cycle, group=checklist_world.health, status="submitted", submitted_at=aware(date(2026, 11, 10))
    )
    SubgroupNote.objects.create(report=report, group=checklist_world.health_sub, text_en="Two meetings held.")
    (item,) = cell_on(checklist_world, date(2026, 11, 20), "subswg", "report-part").items
    assert (item.status, item.done) == (Status.DONE, date(2026, 11, 10))


# --- while a condition holds: a co-chair term not past its end ---------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2026, 6, 29), Status.DUE), (date(2026, 6, 30), Status.DUE), (date(2026, 7, 1), Status.OVERDUE)],
)
def test_a_co_chair_term_past_its_planned_end_is_overdue_from_the_next_day(checklist_world, today, expected):
    ChairTerm.objects.filter(group=checklist_world.health, role="cochair").update(
        planned_end=date(2026, 6, 30)
    )
    (item,) = cell_on(checklist_world, today, "swg", "cochair-rotation").items
    assert (item.due, item.status) == (date(2026, 6, 30), expected)


def test_a_co_chair_rotated_late_is_late_and_a_term_ending_later_leaves_the_condition_holding(
    checklist_world,
):
    term = ChairTerm.objects.get(group=checklist_world.health, role="cochair")
    cell = cell_on(checklist_world, date(2026, 7, 1), "swg", "cochair-rotation")
    assert (cell.items, cell.status) == ([], Status.DONE)  # the term runs to 2027
    ChairTerm.objects.filter(pk=term.pk).update(planned_end=date(2026, 6, 30), ended_on=date(2026, 7, 10))
    (item,) = cell_on(checklist_world, date(2026, 8, 1), "swg", "cochair-rotation").items
    assert (item.status, item.days_late) == (Status.LATE, 10)


# --- ticked by hand ---------------------------------------------------------------------------


def test_an_obligation_no_record_proves_is_ticked_by_hand_for_each_change_of_co_chair(checklist_world):
    w = checklist_world
    old = ChairTerm.objects.get(group=w.health, role="cochair")
    ChairTerm.objects.filter(pk=old.pk).update(ended_on=date(2026, 4, 30))
    new = ChairTerm.objects.create(
        group=w.health, role="cochair", organisation=w.who, start_date=date(2026, 5, 1), replaces=old
    )
    (item,) = cell_on(w, date(2026, 5, 2), "swg", "cochair-consulted").items
    assert (item.key, item.due, item.status, item.tickable) == (
        f"term:{new.pk}",
        date(2026, 5, 1),
        Status.OVERDUE,
        True,
    )
    HandTick.objects.create(
        group=w.health,
        obligation=obligation("swg", "cochair-consulted"),
        year=2026,
        item_key=f"term:{new.pk}",
        done_on=date(2026, 4, 20),
        note="Consulted by letter.",
        evidence_url="https://example.la/letter",
        ticked_by=w.user("secretariat"),
    )
    (item,) = cell_on(w, date(2026, 5, 2), "swg", "cochair-consulted").items
    assert (item.status, item.done) == (Status.DONE, date(2026, 4, 20))
    assert [link.url for link in item.records][-1] == "https://example.la/letter"


# --- not applicable, and the same answer twice ------------------------------------------------


def test_a_sub_swg_created_during_the_year_has_nothing_due_for_the_periods_before(checklist_world):
    sub = checklist_world.health_sub
    Group.objects.filter(pk=sub.pk).update(created_at=aware(date(2026, 5, 15)))
    cell = cell_on(checklist_world, date(2026, 12, 2), "subswg", "meetings")
    assert cell.status == Status.NA
    swg = checklist_world.health
    Group.objects.filter(pk=swg.pk).update(created_at=aware(date(2026, 5, 15)))
    ChairTerm.objects.filter(group=swg).update(start_date=date(2026, 5, 15))
    cell = cell_on(checklist_world, date(2026, 12, 2), "swg", "meetings")
    assert [i.status for i in cell.items] == [Status.NA, Status.NA, Status.OVERDUE, Status.DUE]


def test_a_group_is_as_old_as_its_first_chair_term(checklist_world):
    (health,) = checklist_groups(ids=[checklist_world.health.pk])
    assert health.established == date(2020, 1, 1)
    ChairTerm.objects.filter(group=checklist_world.health).update(start_date=date(2012, 3, 1))
    (health,) = checklist_groups(ids=[checklist_world.health.pk])
    assert health.established == date(2012, 3, 1)


def test_building_the_checklist_twice_gives_the_same_answer_and_writes_nothing(
    checklist_world, django_assert_num_queries
):
    w = checklist_world
    m = meeting(w.health, date(2026, 2, 10))
    minutes_version(m, sent=date(2026, 2, 28))
    workplan(w.health, 2026, submitted=date(2026, 1, 20))

    def snapshot():
        with time_machine.travel(aware(date(2026, 6, 1)), tick=False):
            groups = checklist_groups()
            from roundtable.compliance.checklists import checklist_obligations

            card = build_scorecard(
                groups=groups, obligations=checklist_obligations(2025, 2026), first_year=2025, last_year=2026
            )
        return {
            key: (cell.status, [(i.key, i.status, i.due, i.done, i.days_late) for i in cell.items])
            for key, cell in card.cells.items()
        }

    first = snapshot()
    second = snapshot()
    assert first == second and first


def test_a_rule_and_a_proof_that_do_not_fit_are_refused(templates):
    ob = obligation("swg", "meetings")
    ob.proof = "minutes_sent"
    with pytest.raises(ValidationError) as error:
        ob.full_clean()
    assert "proof" in error.value.message_dict
    ob = obligation("swg", "workplan")
    ob.is_public = True
    with pytest.raises(ValidationError) as error:
        ob.full_clean()
    assert "is_public" in error.value.message_dict
    ob = obligation("swg", "minutes-sent")
    ob.event = ""
    with pytest.raises(ValidationError) as error:
        ob.full_clean()
    assert "event" in error.value.message_dict
