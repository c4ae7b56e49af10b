"""The work plans' section of "My work": this year's plans for the secretariat, plans waiting for the
chair's approval, and the RTP Secretariat's count of submitted plans."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.directory.models import Membership
from roundtable.groups.models import ChairTerm, Group
from roundtable.workplans.models import WorkPlan, WorkPlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _march_2026(time_machine):
    """After the 2026 plans' deadline (31 January)."""
    time_machine.move_to(datetime(2026, 3, 2, 10, 0, tzinfo=VTE), tick=False)


VTE = ZoneInfo("Asia/Vientiane")
SECTION = 'id="my-workplans"'


def dashboard(client_for, world, persona: str, lang: str = "en") -> str:
    response = client_for(world.user(persona)).get(f"/{lang}/me/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "other_member", "member"])
def test_people_without_plan_work_see_no_work_plans_section(client_for, world, persona):
    WorkPlan.objects.create(group=world.health, year=2026, status=WorkPlanStatus.WITH_CHAIR)
    assert SECTION not in dashboard(client_for, world, persona)


def test_secretariat_sees_that_its_groups_have_no_plan_yet_with_a_link_to_start_it(client_for, world):
    page = dashboard(client_for, world, "secretariat")
    assert SECTION in page
    assert "No plan yet" in page
    assert reverse("workplans:create", args=["health", 2026]) in page
    # The sub-SWG's plan is the SWG secretariat's work too.
    assert reverse("workplans:create", args=["health-hpf", 2026]) in page
    assert "Late" in page  # 31 January has passed


def test_secretariat_sees_this_years_plan_status_and_no_late_badge_before_the_deadline(
    client_for, world, time_machine
):
    WorkPlan.objects.create(group=world.health, year=2026, status=WorkPlanStatus.DRAFT)
    WorkPlan.objects.create(group=world.health_sub, year=2026, status=WorkPlanStatus.DRAFT)
    time_machine.move_to(datetime(2026, 1, 15, 10, 0, tzinfo=VTE), tick=False)
    page = dashboard(client_for, world, "secretariat")
    assert reverse("workplans:detail", args=["health", 2026]) in page
    assert "Draft" in page
    assert "No plan yet" not in page
    assert "badge-bad" not in page


def test_other_secretariat_sees_only_its_own_group(client_for, world):
    WorkPlan.objects.create(group=world.health, year=2026, status=WorkPlanStatus.DRAFT)
    page = dashboard(client_for, world, "other_secretariat")
    assert reverse("workplans:create", args=["education", 2026]) in page
    assert "/workplans/health/" not in page


@pytest.mark.parametrize("persona", ["chair", "cochair"])
def test_chair_and_cochair_see_the_plan_waiting_for_their_approval(client_for, world, persona):
    WorkPlan.objects.create(group=world.health, year=2026, status=WorkPlanStatus.WITH_CHAIR)
    page = dashboard(client_for, world, persona)
    assert "Waiting for your approval" in page
    assert reverse("workplans:detail", args=["health", 2026]) in page


def test_chair_sees_nothing_once_the_plan_left_their_hands(client_for, world):
    WorkPlan.objects.create(group=world.health, year=2026, status=WorkPlanStatus.CHAIR_APPROVED)
    assert SECTION not in dashboard(client_for, world, "chair")


def test_rtp_secretariat_sees_how_many_submitted_plans_wait(client_for, world):
    WorkPlan.objects.create(group=world.health, year=2026, status=WorkPlanStatus.SUBMITTED)
    WorkPlan.objects.create(group=world.education, year=2026, status=WorkPlanStatus.SUBMITTED)
    WorkPlan.objects.create(group=world.health, year=2025, status=WorkPlanStatus.PUBLISHED)
    page = dashboard(client_for, world, "rtp")
    assert "2 submitted plans wait" in page
    assert reverse("workplans:overview_current") in page


def test_rtp_secretariat_without_submitted_plans_sees_no_section(client_for, world):
    WorkPlan.objects.create(group=world.health, year=2026, status=WorkPlanStatus.DRAFT)
    assert SECTION not in dashboard(client_for, world, "rtp")


def test_the_section_reads_in_lao(client_for, world):
    WorkPlan.objects.create(group=world.health, year=2026, status=WorkPlanStatus.WITH_CHAIR)
    page = dashboard(client_for, world, "chair", lang="lo")
    section = page[page.index(SECTION) :]
    assert "ແຜນວຽກປະຈຳປີ" in section[:200]  # "Annual work plans"


def grow(world, start: int, stop: int) -> None:
    """SWGs kept by the Health secretariat and chaired by the Health chair, each with a plan waiting
    for the chair and a submitted plan of the year before."""
    for i in range(start, stop):
        group = Group.objects.create(kind="swg", code=f"g{i}", name_en=f"G{i}", name_lo=f"ກ{i}", order=20 + i)
        Membership.objects.create(person=world.people["secretariat"], group=group, role="secretariat")
        ChairTerm.objects.create(
            group=group,
            role="chair",
            organisation=world.moh,
            person=world.people["chair"],
            start_date=date(2024, 1, 1),
        )
        WorkPlan.objects.create(group=group, year=2026, status=WorkPlanStatus.WITH_CHAIR)
        WorkPlan.objects.create(group=group, year=2025, status=WorkPlanStatus.SUBMITTED)


@pytest.mark.parametrize("persona", ["secretariat", "chair", "rtp"])
def test_dashboard_queries_do_not_grow_with_ten_times_the_plans(client_for, world, persona):
    def count() -> int:
        client = client_for(world.user(persona))
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/en/me/").content.decode()
        assert SECTION in page
        return len(queries)

    grow(world, 0, 2)
    small = count()
    grow(world, 2, 20)
    assert count() == small
