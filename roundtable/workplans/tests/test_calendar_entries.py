"""Issue 3: "Planned meetings appear as planned entries in the group's calendar" (the meetings app's calendar
reads PlannedMeeting): the SWG's and its sub-groups' planned meetings show on the SWG's calendar once the
plan is published; a draft's stay with the group."""

from datetime import date

from roundtable.workplans.models import PlannedMeeting, WorkPlanStatus

S = WorkPlanStatus
CALENDAR = "/en/meetings/calendar/list/?group=health&month=2026-03"


def _plan_with_meetings(make_plan, world, status):
    plan = make_plan(status=status)
    PlannedMeeting.objects.create(workplan=plan, group=world.health, date=date(2026, 3, 5), title_en="Q1 SWG")
    PlannedMeeting.objects.create(
        workplan=plan, group=world.health_sub, date=date(2026, 4, 7), title_en="Financing sub-SWG"
    )
    return plan


def test_a_published_plans_meetings_are_planned_entries_of_the_groups_calendar(world, make_plan, client_for):
    _plan_with_meetings(make_plan, world, S.PUBLISHED)
    page = client_for(None).get(CALENDAR).content.decode()
    assert "Q1 SWG" in page and "Financing sub-SWG" in page


def test_a_draft_plans_meetings_are_shown_to_the_group_only(world, make_plan, client_for):
    _plan_with_meetings(make_plan, world, S.DRAFT)
    assert "Q1 SWG" not in client_for(None).get(CALENDAR).content.decode()
    assert "Q1 SWG" not in client_for(world.user("other_member")).get(CALENDAR).content.decode()
    assert "Q1 SWG" in client_for(world.user("member")).get(CALENDAR).content.decode()


def test_an_edited_meeting_moves_in_the_calendar(world, make_plan, client_for):
    plan = _plan_with_meetings(make_plan, world, S.DRAFT)
    meeting = plan.planned_meetings.get(title_en="Q1 SWG")
    client = client_for(world.user("secretariat"))
    client.post(
        f"/en/workplans/health/2026/meetings/{meeting.pk}/",
        {"group": world.health.pk, "date": "2026-06-09", "title_en": "Q2 SWG", "title_lo": "", "revision": 1},
    )
    assert "Q2 SWG" in client.get("/en/meetings/calendar/list/?group=health&month=2026-06").content.decode()
    assert "Q1 SWG" not in client.get(CALENDAR).content.decode()
