"""Published and unpublished records of every dataset, for the open data tests: each unpublished record
carries a marker text that must never reach a download or a feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from roundtable.aid.tests.conftest import activity_xml, file_xml, import_bytes, sector_xml, transaction_xml
from roundtable.directory.models import Membership
from roundtable.meetings.models import Meeting
from roundtable.minutes.models import Minutes, MinutesStatus
from roundtable.minutes.tests.conftest import make_meeting, make_minutes, set_status
from roundtable.reports.models import Cycle, ProgressReport
from roundtable.workplans.models import Priority, WorkPlan

VTE = ZoneInfo("Asia/Vientiane")
SECRET = "UNPUBLISHED-MARKER"
FORMULA = '=HYPERLINK("http://evil.example","x")'


@dataclass
class OpenWorld:
    api: object
    minutes: Minutes
    draft_minutes: Minutes
    private_meeting: Meeting
    plan: WorkPlan
    draft_plan: WorkPlan
    cycle: Cycle
    report: ProgressReport
    draft_report: ProgressReport


@pytest.fixture(name="open_world")
def open_world_fixture(api_world, mapping, rates) -> OpenWorld:
    world = api_world.world
    minutes = make_minutes(world)
    for version in minutes.versions.all():
        set_status(version, MinutesStatus.PUBLISHED)
    # Minutes of the sub-group (published in Lao only; its secretariat is Health's) and a draft.
    Membership.objects.create(
        person=world.people["secretariat"], group=world.health_sub, role="secretariat", organisation=world.moh
    )
    sub_meeting = make_meeting(
        world,
        group=world.health_sub,
        start=datetime(2025, 5, 6, 9, 0, tzinfo=VTE),
        title_en="Health planning and finance, May",
        title_lo="ແຜນການ ແລະ ການເງິນ, ພຶດສະພາ",
    )
    sub_minutes = make_minutes(world, sub_meeting, languages=("lo",))
    set_status(sub_minutes.versions.get(), MinutesStatus.PUBLISHED)
    draft_meeting = make_meeting(
        world,
        start=datetime(2025, 6, 2, 9, 0, tzinfo=VTE),
        title_en="Health SWG, second quarter",
        title_lo="ກອງປະຊຸມ ໄຕມາດທີ 2",
    )
    draft_minutes = make_minutes(world, draft_meeting)
    item = draft_minutes.items.get(order=3)
    item.discussion_en = f"Draft discussion {SECRET}"
    item.save()
    item.decisions.update(text_en=f"Draft decision {SECRET}")
    item.action_points.update(what_en=f"Draft action {SECRET}")
    private_meeting = make_meeting(
        world, start=datetime(2025, 7, 1, 9, 0, tzinfo=VTE), title_en=f"Private {SECRET}", title_lo="ສ່ວນຕົວ"
    )
    Meeting.objects.exclude(pk=private_meeting.pk).update(is_public=True)
    Meeting.objects.filter(pk=private_meeting.pk).update(is_public=False)

    plan = WorkPlan.objects.create(
        group=world.health,
        year=2026,
        status="published",
        sector_strategy_en=FORMULA,
        sector_strategy_lo="ຍຸດທະສາດຂະແໜງສາທາລະນະສຸກ",
    )
    Priority.objects.create(workplan=plan, order=1, title_en="Primary health care", title_lo="ສາທາລະນະສຸກ")
    draft_plan = WorkPlan.objects.create(
        group=world.education, year=2026, status="draft", sector_strategy_en=f"Draft plan {SECRET}"
    )
    Priority.objects.create(workplan=draft_plan, order=1, title_en=f"Draft priority {SECRET}")

    now = timezone.now()
    cycle = Cycle.objects.create(
        code="rtim-2025",
        kind="rtim",
        year=2025,
        held_on=date(2025, 12, 1),
        theme_en="Financing the plan",
        status="published",
        published_at=now,
    )
    report = ProgressReport.objects.create(
        cycle=cycle,
        group=world.health,
        status="published",
        published_at=now,
        overview_en="Health care reached more districts. " * 40,
        overview_lo="ການບໍລິການສາທາລະນະສຸກ",
    )
    draft_report = ProgressReport.objects.create(
        cycle=cycle, group=world.education, status="draft", overview_en=f"Draft report {SECRET}"
    )
    import_bytes(
        file_xml(
            activity_xml("H-1", transactions=transaction_xml(3, "2023-03-01", 1000)),
            activity_xml("S-1", sectors=sector_xml("12220", 50) + sector_xml("11220", 50)),
        )
    )
    return OpenWorld(
        api_world, minutes, draft_minutes, private_meeting, plan, draft_plan, cycle, report, draft_report
    )
