from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.workplans.models import PlannedMeeting, WorkPlan

from .conftest import make_meeting

pytestmark = pytest.mark.django_db
V = ZoneInfo("Asia/Vientiane")


def on(day: int, hour: int = 9) -> datetime:
    return datetime(2031, 3, day, hour, tzinfo=V)


@pytest.fixture
def march(world):
    make_meeting(world.health, public=True, title_en="Public health meeting", start=on(10), end=on(10, 12))
    make_meeting(world.health, public=False, title_en="Internal health meeting", start=on(12), end=on(12, 12))
    make_meeting(world.education, public=True, title_en="Education meeting", start=on(20), end=on(20, 12))
    published = WorkPlan.objects.create(group=world.education, year=2031, status="published")
    PlannedMeeting.objects.create(
        workplan=published, group=world.education, date=date(2031, 4, 15), title_en="Planned education Q2"
    )
    draft = WorkPlan.objects.create(group=world.health, year=2031, status="draft")
    PlannedMeeting.objects.create(
        workplan=draft, group=world.health_sub, date=date(2031, 4, 20), title_en="Planned HPF Q2"
    )


@pytest.mark.parametrize("view", ["calendar", "calendar/list"])
def test_the_public_calendar_shows_public_meetings_only(world, client, march, view):
    body = client.get(f"/en/meetings/{view}/?month=2031-03").content.decode()
    assert "Public health meeting" in body and "Education meeting" in body
    assert "Internal health meeting" not in body


def test_members_see_their_groups_internal_meetings_in_the_calendar(world, client_for, march):
    body = client_for(world.user("member")).get("/en/meetings/calendar/?month=2031-03").content.decode()
    assert "Internal health meeting" in body
    body = client_for(world.user("other_member")).get("/en/meetings/calendar/?month=2031-03").content.decode()
    assert "Internal health meeting" not in body


def test_a_group_calendar_shows_that_group_only(world, client, march):
    body = client.get("/en/meetings/calendar/?month=2031-03&group=education").content.decode()
    assert "Education meeting" in body and "Public health meeting" not in body


def test_planned_meetings_of_a_published_plan_are_public_and_of_a_draft_plan_for_members_only(
    world, client, client_for, march
):
    body = client.get("/en/meetings/calendar/?month=2031-04").content.decode()
    assert "Planned education Q2" in body and "Planned HPF Q2" not in body
    body = client_for(world.user("member")).get("/en/meetings/calendar/?month=2031-04").content.decode()
    assert "Planned HPF Q2" in body
    body = client_for(world.user("rtp")).get("/en/meetings/calendar/list/?month=2031-03").content.decode()
    assert "Planned HPF Q2" in body and "Planned education Q2" in body


def test_a_planned_entry_gives_way_to_the_real_meeting_of_the_same_month(world, client, march):
    make_meeting(
        world.education,
        public=True,
        title_en="Real education Q2",
        start=datetime(2031, 4, 16, 9, tzinfo=V),
        end=datetime(2031, 4, 16, 11, tzinfo=V),
    )
    body = client.get("/en/meetings/calendar/?month=2031-04").content.decode()
    assert "Real education Q2" in body and "Planned education Q2" not in body


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_a_bad_month_falls_back_to_the_current_month(world, client, lang):
    with time_machine.travel(on(10, 12), tick=False):
        response = client.get(f"/{lang}/meetings/calendar/?month=garbage")
    assert response.status_code == 200
    assert response.context["first"] == date(2031, 3, 1)
    body = response.content.decode()
    assert "month=2031-02" in body and "month=2031-04" in body  # previous and next: around March 2031


@pytest.mark.parametrize("view", ["calendar", "calendar/list"])
def test_the_calendar_runs_the_same_number_of_queries_for_few_and_many_meetings(world, client_for, view):
    client = client_for(world.user("member"))
    url = f"/en/meetings/{view}/?month=2031-03"
    for i in range(2):
        make_meeting(world.health, start=on(i + 1), end=on(i + 1, 10))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    plan = WorkPlan.objects.create(group=world.health, year=2031)
    for i in range(20):
        make_meeting(world.education, public=True, start=on(i + 5), end=on(i + 5, 10))
        PlannedMeeting.objects.create(workplan=plan, group=world.health_sub, date=date(2031, 3, i + 5))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_sub_swg_meeting_planned_in_both_its_swgs_plan_and_its_own_shows_once(world, client, march):
    swg_plan = WorkPlan.objects.create(group=world.health, year=2032, status="published")
    own_plan = WorkPlan.objects.create(group=world.health_sub, year=2032, status="published")
    for plan in (swg_plan, own_plan):
        PlannedMeeting.objects.create(
            workplan=plan, group=world.health_sub, date=date(2032, 5, 6), title_en="Planned HPF May"
        )
    body = client.get("/en/meetings/calendar/list/?month=2032-05").content.decode()
    assert body.count("Planned HPF May") == 1
