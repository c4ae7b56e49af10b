"""The deadline and late plans, the RTP Secretariat's overview, and the comparison of versions."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.groups.models import ChairTerm, Group
from roundtable.groups.roles import forget_roles
from roundtable.workplans import services
from roundtable.workplans.models import WorkPlanStatus

from .conftest import add_priority

S = WorkPlanStatus
VTE = ZoneInfo("Asia/Vientiane")


def _submit(world, plan):
    for step, role in [("send", "secretariat"), ("chair_approve", "chair"), ("submit", "secretariat")]:
        plan = services.workplan_take_step(plan=plan, actor=world.user(role), action=step)
    return plan


def test_a_plan_submitted_on_31_january_is_on_time_and_on_1_february_is_late(world, make_plan, frameworks):
    with time_machine.travel(datetime(2026, 1, 31, 23, 30, tzinfo=VTE), tick=False):
        on_time = _submit(world, make_plan())
        assert not on_time.is_late()
    ChairTerm.objects.create(
        group=world.health_sub,
        role="chair",
        organisation=world.moh,
        person=world.people["chair"],
        start_date=date(2024, 1, 1),
    )
    forget_roles(world.user("chair"))
    with time_machine.travel(datetime(2026, 2, 1, 8, 0, tzinfo=VTE), tick=False):
        late = _submit(world, make_plan(group=world.health_sub))
        assert late.is_late()
        assert not on_time.is_late()


def test_a_plan_not_submitted_becomes_late_after_the_deadline(make_plan):
    plan = make_plan(status=S.CHAIR_APPROVED)
    with time_machine.travel(datetime(2026, 1, 31, 12, 0, tzinfo=VTE), tick=False):
        assert not plan.is_late()
    with time_machine.travel(datetime(2026, 2, 1, 0, 5, tzinfo=VTE), tick=False):
        assert plan.is_late()


def test_a_plan_resubmitted_after_the_deadline_keeps_its_first_submission(world, make_plan):
    with time_machine.travel(datetime(2026, 1, 20, 10, 0, tzinfo=VTE), tick=False):
        plan = _submit(world, make_plan())
        plan = services.workplan_take_step(
            plan=plan, actor=world.user("rtp"), action="return", comment="Fix the budget."
        )
    with time_machine.travel(datetime(2026, 2, 20, 10, 0, tzinfo=VTE), tick=False):
        plan = _submit(world, plan)
        assert plan.status == S.SUBMITTED and not plan.is_late()


def test_the_deadline_is_a_setting(make_plan, settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "WORKPLAN_DUE_MONTH_DAY": (3, 15)}
    plan = make_plan()
    with time_machine.travel(datetime(2026, 3, 10, tzinfo=VTE), tick=False):
        assert not plan.is_late()


@pytest.mark.parametrize(
    ("role", "shown"), [("secretariat", True), ("rtp", True), ("member", False), ("chair", False)]
)
def test_the_deadline_and_lateness_are_shown_to_the_secretariat_and_the_rtp_secretariat(
    make_plan, world, client_for, role, shown
):
    make_plan()
    with time_machine.travel(datetime(2026, 3, 1, tzinfo=VTE), tick=False):
        page = client_for(world.user(role)).get("/en/workplans/health/2026/").content.decode()
    assert ("Deadline" in page and "Late" in page) is shown


def test_the_overview_shows_every_group_status_lateness_missing_plans_and_priorities_per_outcome(
    world, make_plan, frameworks, client_for
):
    plan = make_plan(status=S.PUBLISHED, submitted_at=datetime(2026, 1, 30, tzinfo=VTE))
    add_priority(plan, frameworks.output2, title_lo="ທີສອງ", order=2).nsedp_outputs.add(frameworks.output)
    make_plan(status=S.RETURNED, group=world.education)
    with time_machine.travel(datetime(2026, 2, 5, tzinfo=VTE), tick=False):
        page = client_for(world.user("rtp")).get("/en/workplans/overview/2026/").content.decode()
    assert "Returned with comments" in page and "Published" in page
    assert "No plan" in page  # the sub-SWG health-hpf has none
    assert "2 late" in page and "1 missing" in page
    # Three priorities (two of Health, one of Education) fall under outcome 2: the second of Health links two
    # of its outputs and still counts once.
    assert "Human development</td><td>3</td>" in page.replace("\n", "")


@pytest.mark.parametrize("role", ["secretariat", "chair", "member", "outsider"])
def test_only_the_rtp_secretariat_sees_the_overview(world, client_for, role):
    assert client_for(world.user(role)).get("/en/workplans/overview/2026/").status_code == 403


def test_the_overview_takes_the_same_number_of_queries_for_3_and_30_groups(
    world, make_plan, frameworks, client_for
):
    client = client_for(world.user("rtp"))

    def more(n):
        for i in range(n):
            group = Group.objects.create(kind="swg", code=f"o{i}-{n}", name_en=f"G{i}", name_lo=f"ກ{i}")
            if i % 2:
                make_plan(group=group, status=S.SUBMITTED)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/workplans/overview/2026/")
        return len(queries)

    more(3)
    few = count()
    more(27)
    assert count() == few


def test_the_rtp_secretariat_compares_two_versions(world, make_plan, frameworks, client_for):
    plan = _submit(world, make_plan())
    plan = services.workplan_take_step(
        plan=plan, actor=world.user("rtp"), action="return", comment="Add the SDG target."
    )
    priority = plan.priorities.get()
    services.priority_update(
        priority=priority,
        actor=world.user("secretariat"),
        revision=priority.revision,
        data={
            "title_lo": priority.title_lo,
            "title_en": "Primary health care for all",
            "nsedp_outputs": [frameworks.output],
            "sdg_targets": [frameworks.target],
        },
    )
    services.workplan_update_header(
        plan=plan, actor=world.user("secretariat"), data={"context_en": "New context"}, revision=plan.revision
    )
    plan = _submit(world, plan)
    assert plan.versions.count() == 2
    page = client_for(world.user("rtp")).get("/en/workplans/health/2026/versions/?a=1&b=2").content.decode()
    assert "Primary health care for all" in page and "Better primary health care" in page
    assert "3.8" in page and "New context" in page
    # Who submitted each version, by name rather than login.
    assert world.user("secretariat").person.name_en in page
    assert client_for(world.user("secretariat")).get("/en/workplans/health/2026/versions/").status_code == 403
