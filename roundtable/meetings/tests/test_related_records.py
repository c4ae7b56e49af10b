"""What a meeting's pages draw from other records is shown only where that record may be shown (issue 8).

A public meeting's agenda showed the title of the work-plan priority an item discusses even while the plan
was a draft or returned, that is, before it may be public.
"""

import pytest
from django.urls import reverse

from roundtable.meetings import demo, services
from roundtable.workplans.models import Priority, WorkPlan, WorkPlanStatus

from .conftest import make_meeting, officer

pytestmark = pytest.mark.django_db

PRIORITY = "Free primary health care for mothers"


def meeting_discussing(world, status: str):
    meeting = make_meeting(world.health, public=True, title_en="Health SWG annual meeting")
    plan = WorkPlan.objects.create(group=world.health, year=meeting.start.year, status=status)
    priority = Priority.objects.create(workplan=plan, order=1, title_en=PRIORITY, title_lo="ບຸລິມະສິດ")
    services.agenda_item_save(
        actor=officer(), meeting=meeting, data={"title_en": "Health financing", "priority": priority}
    )
    return meeting


UNPUBLISHED = [
    WorkPlanStatus.DRAFT,
    WorkPlanStatus.WITH_CHAIR,
    WorkPlanStatus.SUBMITTED,
    WorkPlanStatus.RETURNED,
    WorkPlanStatus.APPROVED,
]


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("persona", ["anonymous", "outsider", "other_member"])
def test_a_public_agenda_does_not_show_the_priority_of_an_unpublished_plan_to_outsiders(
    english, world, client_for, status, persona
):
    meeting = meeting_discussing(world, status)
    body = client_for(world.user(persona)).get(meeting.get_absolute_url()).content.decode()
    assert "Health financing" in body
    assert PRIORITY not in body and "Work-plan priority" not in body


@pytest.mark.parametrize("persona", ["member", "chair", "secretariat", "rtp"])
def test_the_groups_members_see_the_priority_of_their_draft_plan_on_the_agenda(
    english, world, client_for, persona
):
    meeting = meeting_discussing(world, WorkPlanStatus.RETURNED)
    body = client_for(world.user(persona)).get(meeting.get_absolute_url()).content.decode()
    assert PRIORITY in body


@pytest.mark.parametrize("persona", ["anonymous", "member"])
def test_the_priority_of_a_published_plan_is_on_the_public_agenda(english, world, client_for, persona):
    meeting = meeting_discussing(world, WorkPlanStatus.PUBLISHED)
    body = client_for(world.user(persona)).get(meeting.get_absolute_url()).content.decode()
    assert PRIORITY in body


@pytest.mark.parametrize("persona", ["anonymous", "member"])
def test_the_public_api_feeds_and_calendar_never_carry_the_priority_of_a_draft_plan(
    world, client_for, persona
):
    meeting = meeting_discussing(world, WorkPlanStatus.DRAFT)
    client = client_for(world.user(persona))
    month = meeting.start.strftime("%Y-%m")
    for url in (
        "/api/v1/meetings/",
        f"/api/v1/meetings/{meeting.pk}/",
        reverse("feeds:meetings"),
        reverse("feeds:group", args=["health"]),
        reverse("meetings:calendar") + f"?month={month}",
        reverse("meetings:calendar_list") + f"?month={month}",
        reverse("meetings:list"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert PRIORITY not in response.content.decode(), url


def test_the_demo_titles_an_item_after_a_priority_only_once_its_plan_is_published(world):
    plan = WorkPlan.objects.create(group=world.health, year=2031, status=WorkPlanStatus.DRAFT)
    priority = Priority.objects.create(workplan=plan, order=2, title_en=PRIORITY, title_lo="ບຸລິມະສິດ")
    titles = demo._priority_item_titles(priority)
    assert PRIORITY not in titles.values() and "ບຸລິມະສິດ" not in titles.values()
    plan.status = WorkPlanStatus.PUBLISHED
    plan.save()
    priority.refresh_from_db()
    assert demo._priority_item_titles(priority) == {"title_lo": "ບຸລິມະສິດ", "title_en": PRIORITY}
