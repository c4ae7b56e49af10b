"""Fixtures of the reports tests: a cycle of the RTIM on 2026 (Health and Education report), Health's work
plan of 2026 with two priorities, a recommendation of an earlier meeting assigned to Health, the records the
facts are read from (meetings, attendance, minutes, action points), and reports in any state, moved there by
the services as the persons whose step it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from roundtable.groups.models import Group
from roundtable.meetings.models import Meeting, MeetingState, Participant
from roundtable.minutes.models import (
    ActionPoint,
    ActionStatus,
    Minutes,
    MinutesItem,
    MinutesStatus,
    MinutesVersion,
)
from roundtable.reports import services
from roundtable.reports.models import (
    Cycle,
    CycleStatus,
    PriorityStatus,
    ProgressReport,
    Recommendation,
    RecommendationStatus,
    ReportStatus,
)
from roundtable.workplans.models import Priority, WorkPlan

OVERVIEW_LO = "ປີນີ້ ຂະແໜງສາທາລະນະສຸກ ໄດ້ຂະຫຍາຍການບໍລິການສາທາລະນະສຸກຂັ້ນພື້ນຖານ."
OVERVIEW_EN = "This year the health sector extended primary health care."

# The path to each state from a draft: (step, persona).
PATH = {
    ReportStatus.DRAFT: [],
    ReportStatus.WITH_CHAIR: [("send", "secretariat")],
    ReportStatus.CHAIR_APPROVED: [("send", "secretariat"), ("chair_approve", "chair")],
    ReportStatus.SUBMITTED: [("send", "secretariat"), ("chair_approve", "chair"), ("submit", "secretariat")],
    ReportStatus.RETURNED: [
        ("send", "secretariat"),
        ("chair_approve", "chair"),
        ("submit", "secretariat"),
        ("return", "rtp"),
    ],
    ReportStatus.ACCEPTED: [
        ("send", "secretariat"),
        ("chair_approve", "chair"),
        ("submit", "secretariat"),
        ("accept", "rtp"),
    ],
}


def at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@pytest.fixture(autouse=True)
def _no_fact_providers(monkeypatch):
    """The facts of these tests are the reports app's own: another app's providers (aid's ODA) are left out,
    and a test that wants one registers it."""
    from roundtable.reports import facts

    monkeypatch.setattr(facts, "_providers", {})
    monkeypatch.setattr(facts, "_discovered", True)


@dataclass
class Reporting:
    cycle: Cycle
    earlier: Cycle
    plan: WorkPlan
    priorities: list[Priority]
    recommendation: Recommendation


@pytest.fixture
def reporting(world) -> Reporting:
    earlier = Cycle.objects.create(
        code="hlrtm-14",
        kind="hlrtm",
        number=14,
        year=2025,
        held_on=date(2025, 11, 19),
        theme_en="Strengthening Development Partnerships for the 10th NSEDP (2026–2030)",
        status=CycleStatus.PUBLISHED,
        published_at=at(date(2025, 11, 20)),
    )
    recommendation = Recommendation.objects.create(
        cycle=earlier,
        number=1,
        text_en="Increase domestic financing of primary health care.",
        text_lo="ເພີ່ມທຶນພາຍໃນ ສຳລັບການບໍລິການສາທາລະນະສຸກຂັ້ນພື້ນຖານ.",
        status=RecommendationStatus.IN_PROGRESS,
    )
    recommendation.groups.add(world.health)
    cycle = Cycle.objects.create(
        code="rtim-2026",
        kind="rtim",
        year=2026,
        held_on=date(2027, 1, 28),
        theme_en="Financing the 10th NSEDP",
        theme_lo="ການສະໜອງທຶນ ແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ ຄັ້ງທີ 10",
        secretariat=world.mpi,
        status=CycleStatus.OPEN,
        opened_at=at(date(2026, 10, 1)),
    )
    cycle.groups.set([world.health, world.education])
    plan = WorkPlan.objects.create(
        group=world.health, year=2026, status="published", published_at=at(date(2026, 2, 10))
    )
    priorities = [
        Priority.objects.create(
            workplan=plan, order=1, title_en="Primary health care", title_lo="ສາທາລະນະສຸກຂັ້ນພື້ນຖານ"
        ),
        Priority.objects.create(
            workplan=plan, order=2, title_en="Health financing", title_lo="ການເງິນສາທາລະນະສຸກ"
        ),
    ]
    return Reporting(cycle, earlier, plan, priorities, recommendation)


@pytest.fixture
def make_report(world, reporting):
    """make_report(status="draft", group=None, ready=True) → a report moved to `status` by the services."""

    def make(
        status: str = ReportStatus.DRAFT, group: Group | None = None, ready: bool = True
    ) -> ProgressReport:
        group = group or world.health
        writer = world.user("secretariat") if group == world.health else world.user("other_secretariat")
        report = services.report_start(cycle=reporting.cycle, group=group, actor=writer)
        if ready:
            fill(report, world, reporting)
        for step, persona in PATH[status]:
            if persona == "secretariat" and group != world.health:
                persona = "other_secretariat"
            report = services.report_take_step(
                report=report,
                actor=world.user(persona),
                step=step,
                comment="Please add the figures.",
                notify=False,
            )
        return ProgressReport.objects.get(pk=report.pk)

    return make


def fill(report: ProgressReport, world, reporting: Reporting) -> None:
    """What the secretariat writes before sending: the overview, each priority's progress, the follow-up."""
    secretariat = (
        world.user("secretariat") if report.group == world.health else world.user("other_secretariat")
    )
    services.report_update_text(
        report=report,
        actor=secretariat,
        data={"overview_lo": OVERVIEW_LO, "overview_en": OVERVIEW_EN},
        revision=ProgressReport.objects.get(pk=report.pk).revision,
    )
    if report.group != world.health:
        return
    for priority, status in zip(
        reporting.priorities, [PriorityStatus.ON_TRACK, PriorityStatus.BEHIND], strict=True
    ):
        services.priority_progress_save(
            report=report,
            priority=priority,
            actor=secretariat,
            data={
                "status": status,
                "reason_en": "The budget came late." if status == PriorityStatus.BEHIND else "",
                "narrative_en": f"Progress on {priority.title_en}.",
            },
        )
    services.follow_up_save(
        report=report,
        recommendation=reporting.recommendation,
        actor=secretariat,
        data={"status": RecommendationStatus.IN_PROGRESS, "text_en": "The budget law raised the share."},
    )


def meeting(group, title: str, day: date, state: str = MeetingState.HELD) -> Meeting:
    kind = "subswg" if group.parent_id else "swg"
    return Meeting.objects.create(
        group=group, kind=kind, title_en=title, start=at(day), end=at(day, 12), state=state
    )


@dataclass
class Records:
    """The records Health's 2026 facts are read from, and the numbers they must give (as of 1 Dec 2026)."""

    on: date
    meetings: list[Meeting]


@pytest.fixture
def records(world, reporting) -> Records:
    """Health in 2026: Q1 one meeting held, Q2 none (one cancelled), Q3 two held, Q4 one held; sub-SWG one.
    Attendance at Health's meetings: 3 women, 2 men, 1 not stated (ministry 3, multilateral 2, none 1).
    Minutes: Q1's sent on day 10 and published on day 20 (on time), Q3a's sent on day 20 (late) and published
    on day 40 (late), Q3b's not sent (past the deadline), Q4's not sent (not yet due).
    Action points of the year: 1 done, 2 open of which 1 overdue, 1 dropped; one of 2025 (not counted)."""
    health, sub = world.health, world.health_sub
    days = [date(2026, 2, 10), date(2026, 7, 8), date(2026, 9, 2), date(2026, 11, 25)]
    meetings = []
    for n, day in enumerate(days, start=1):
        meetings.append(
            Meeting.objects.create(
                group=health,
                kind="swg",
                title_en=f"Health {n}",
                start=at(day),
                end=at(day, 12),
                state=MeetingState.HELD,
            )
        )
    meeting(health, "Cancelled", date(2026, 5, 5), MeetingState.CANCELLED)
    meeting(health, "Last year", date(2025, 12, 5))
    sub_meeting = meeting(sub, "HPF", date(2026, 4, 2))
    for name, gender, org in [
        ("A", "f", world.moh), ("B", "f", world.moh), ("C", "m", world.moh),
        ("D", "f", world.who), ("E", "m", world.who), ("F", "", None),
    ]:  # fmt: skip
        Participant.objects.create(
            meeting=meetings[0], name=name, gender=gender, organisation=org, attended=True
        )
    Participant.objects.create(
        meeting=meetings[0], name="Absent", gender="f", organisation=world.moh, attended=False
    )

    def minutes(meeting, sent_after=None, published_after=None, language="lo"):
        record = Minutes.objects.get_or_create(meeting=meeting)[0]
        day = timezone.localdate(meeting.start)
        return MinutesVersion.objects.create(
            minutes=record,
            language=language,
            status=MinutesStatus.PUBLISHED if published_after is not None else (
                MinutesStatus.SENT if sent_after is not None else MinutesStatus.DRAFT
            ),
            sent_to_rtp_at=at(day + timedelta(days=sent_after)) if sent_after is not None else None,
            published_at=at(day + timedelta(days=published_after)) if published_after is not None else None,
        )  # fmt: skip

    minutes(meetings[0], 10, 20)
    minutes(meetings[0], None, None, language="en")
    minutes(meetings[1], 20, 40)
    minutes(meetings[2])
    minutes(meetings[3])
    minutes(sub_meeting, 5, 12)
    item = MinutesItem.objects.create(minutes=meetings[0].minutes, order=1, title_en="Budget")
    for status, due in [
        (ActionStatus.DONE, date(2026, 3, 1)),
        (ActionStatus.OPEN, date(2026, 6, 1)),
        (ActionStatus.IN_PROGRESS, date(2027, 3, 1)),
        (ActionStatus.DROPPED, date(2026, 4, 1)),
    ]:
        ActionPoint.objects.create(item=item, group=health, what_en="Do it", status=status, due_date=due)
    old = Minutes.objects.create(meeting=Meeting.objects.get(title_en="Last year"))
    old_item = MinutesItem.objects.create(minutes=old, order=1, title_en="Old")
    ActionPoint.objects.create(
        item=old_item, group=health, what_en="Old", status=ActionStatus.OPEN, due_date=date(2026, 1, 5)
    )
    return Records(on=date(2026, 12, 1), meetings=meetings)
