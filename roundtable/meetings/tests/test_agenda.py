from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.meetings import services
from roundtable.meetings.models import AgendaItem
from roundtable.minutes.models import ActionPoint, Minutes, MinutesItem, MinutesVersion
from roundtable.workplans.models import Priority, WorkPlan

from .conftest import FULL_LADDER, MANAGERS, at, make_meeting, officer

pytestmark = pytest.mark.django_db


def test_a_new_meetings_agenda_starts_with_the_previous_minutes_and_the_open_action_points(world):
    previous = make_meeting(world.health, days=-30)
    meeting = make_meeting(world.health, days=10)
    first, second = meeting.agenda_items.all()
    assert (first.kind, second.kind) == ("previous_minutes", "action_review")
    assert previous.start.astimezone(first.meeting.start.tzinfo).strftime("%d/%m/%Y") in first.title_en
    assert first.title_lo and first.title_lo != first.title_en
    assert second.title_en.startswith("Review of the open action points")


def add_action_point(meeting, what: str, published: bool = False, status: str = "open", due=None):
    minutes, _ = Minutes.objects.get_or_create(meeting=meeting)
    if published:
        MinutesVersion.objects.get_or_create(
            minutes=minutes, language="en", defaults={"status": "published", "published_at": timezone.now()}
        )
    item = MinutesItem.objects.create(minutes=minutes, title_en="Item")
    return ActionPoint.objects.create(
        item=item, group=meeting.group, what_en=what, status=status, due_date=due
    )


def test_the_review_item_lists_the_groups_open_action_points_from_earlier_meetings(world, client_for):
    previous = make_meeting(world.health, days=-30, public=True)
    add_action_point(previous, "Send the costed plan", due=date(2020, 1, 1))
    add_action_point(previous, "Already done", status="done")
    other_group = make_meeting(world.education, days=-30)
    add_action_point(other_group, "Education task")
    meeting = make_meeting(world.health, days=10, public=True)
    body = client_for(world.user("member")).get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "Send the costed plan" in body and "overdue" in body
    assert "Already done" not in body and "Education task" not in body


def test_the_public_sees_only_action_points_of_published_minutes(world, client):
    previous = make_meeting(world.health, days=-30, public=True)
    add_action_point(previous, "Unpublished action")
    later = make_meeting(world.health, days=-20, public=True)
    add_action_point(later, "Published action", published=True)
    meeting = make_meeting(world.health, days=10, public=True)
    body = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "Published action" in body and "Unpublished action" not in body


ITEM = {
    "title_lo": "ແຜນງົບປະມານ",
    "title_en": "Budget plan",
    "presenter": "MOH",
    "duration_minutes": "30",
    "priority": "",
}


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_only_managers_add_agenda_items(world, client_for, internal_meeting, persona):
    url = reverse("meetings:agenda_add", args=[internal_meeting.pk])
    client_for(world.user(persona)).post(url, ITEM)
    titles = list(internal_meeting.agenda_items.values_list("title_en", flat=True))
    assert ("Budget plan" in titles) is (persona in MANAGERS)


def test_the_priority_comes_from_the_groups_work_plan_of_the_meetings_year(
    world, client_for, internal_meeting
):
    year = internal_meeting.start.year
    plan = WorkPlan.objects.create(group=world.health, year=year)
    mine = Priority.objects.create(workplan=plan, order=1, title_en="Health financing")
    other_plan = WorkPlan.objects.create(group=world.education, year=year)
    theirs = Priority.objects.create(workplan=other_plan, order=1, title_en="School meals")
    client = client_for(world.user("secretariat"))
    url = reverse("meetings:agenda_add", args=[internal_meeting.pk])
    body = client.get(url).content.decode()
    assert "Health financing" in body and "School meals" not in body
    assert client.post(url, {**ITEM, "priority": theirs.pk}).status_code == 200
    assert client.post(url, {**ITEM, "priority": mine.pk}).status_code == 302
    assert internal_meeting.agenda_items.get(title_en="Budget plan").priority == mine
    body = client.get(internal_meeting.get_absolute_url()).content.decode()
    assert "Health financing" in body


def test_agenda_items_are_edited_moved_and_removed_by_the_secretariat(world, client_for, internal_meeting):
    client = client_for(world.user("secretariat"))
    item = services.agenda_item_save(actor=officer(), meeting=internal_meeting, data={"title_en": "Third"})
    assert item.order == 3
    response = client.post(
        reverse("meetings:agenda_edit", args=[internal_meeting.pk, item.pk]), {**ITEM, "title_en": "Renamed"}
    )
    assert response.status_code == 302
    client.post(reverse("meetings:agenda_move", args=[internal_meeting.pk, item.pk]), {"direction": "up"})
    assert [i.title_en for i in internal_meeting.agenda_items.all()][1] == "Renamed"
    client.post(reverse("meetings:agenda_delete", args=[internal_meeting.pk, item.pk]))
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert [i.order for i in internal_meeting.agenda_items.all()] == [1, 2]


def test_a_member_cannot_remove_or_move_an_agenda_item(world, client_for, internal_meeting):
    item = internal_meeting.agenda_items.first()
    client = client_for(world.user("member"))
    assert (
        client.post(reverse("meetings:agenda_delete", args=[internal_meeting.pk, item.pk])).status_code == 403
    )
    assert (
        client.post(
            reverse("meetings:agenda_move", args=[internal_meeting.pk, item.pk]), {"direction": "down"}
        ).status_code
        == 403
    )
    assert internal_meeting.agenda_items.first() == item


def test_an_agenda_item_of_another_meeting_is_not_found(world, client_for, internal_meeting):
    other = make_meeting(world.health, start=at(40), end=at(40, 11))
    item = other.agenda_items.first()
    response = client_for(world.user("secretariat")).post(
        reverse("meetings:agenda_delete", args=[internal_meeting.pk, item.pk])
    )
    assert response.status_code == 404
    assert AgendaItem.objects.filter(pk=item.pk).exists()
