"""What the minutes' pages draw from other records is shown only where that record may be shown (issue 8).

An action point's responsible person may be outside the group: their action point's page named the
meeting (an internal one too) and linked the minutes and the group's list, which they may not read.
"""

import pytest
from django.urls import reverse

from roundtable.minutes.models import MinutesStatus

from .conftest import make_minutes, set_status, version_of

pytestmark = pytest.mark.django_db

INTERNAL_TITLE = "Health SWG, first quarter"


@pytest.fixture
def point_of_outsider(world):
    """An action point of draft minutes of an internal meeting, the responsibility of an Education member."""
    minutes = make_minutes(world)
    point = minutes.items.get(order=3).action_points.get()
    point.responsible_person = world.people["other_member"]
    point.save()
    return point


def page(client, point) -> str:
    response = client.get("/en" + reverse("minutes:action_point", args=[point.pk])[3:])
    assert response.status_code == 200
    return response.content.decode()


def test_a_responsible_person_outside_the_group_does_not_see_the_internal_meetings_title_or_links(
    world, client_for, point_of_outsider
):
    body = page(client_for(world.user("other_member")), point_of_outsider)
    assert "MOH sends the budget report" in body  # their own action point
    assert INTERNAL_TITLE not in body
    meeting_id = point_of_outsider.item.minutes.meeting_id
    assert f"/minutes/{meeting_id}/" not in body
    assert reverse("minutes:action_points", args=["health"])[3:] not in body


def test_once_the_minutes_are_published_the_responsible_person_sees_the_meeting_and_the_link(
    world, client_for, point_of_outsider
):
    from roundtable.minutes import services

    version = set_status(version_of(point_of_outsider.item.minutes, "en"), MinutesStatus.SENT)
    services.minutes_publish(version=version, actor=world.user("rtp"))  # makes the meeting public
    body = page(client_for(world.user("other_member")), point_of_outsider)
    meeting_id = point_of_outsider.item.minutes.meeting_id
    assert INTERNAL_TITLE in body and f"/minutes/{meeting_id}/#item-" in body


@pytest.mark.parametrize("persona", ["member", "secretariat", "rtp"])
def test_members_see_the_meeting_the_minutes_and_the_groups_list_from_an_action_point(
    world, client_for, point_of_outsider, persona
):
    body = page(client_for(world.user(persona)), point_of_outsider)
    meeting_id = point_of_outsider.item.minutes.meeting_id
    assert INTERNAL_TITLE in body and f"/minutes/{meeting_id}/#item-" in body
    assert reverse("minutes:action_points", args=["health"])[3:] in body


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_an_action_point_of_draft_minutes_is_nobodys_business_outside(
    world, client_for, point_of_outsider, persona
):
    response = client_for(world.user(persona)).get(
        reverse("minutes:action_point", args=[point_of_outsider.pk])
    )
    assert response.status_code in (302, 404)
    assert INTERNAL_TITLE not in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "linked"), [("anonymous", False), ("other_member", False), ("member", True)]
)
def test_the_meeting_page_links_the_groups_action_points_only_for_those_who_may_read_them(
    world, client_for, persona, linked
):
    from roundtable.minutes import services

    minutes = make_minutes(world)
    version = set_status(version_of(minutes, "lo"), MinutesStatus.SENT)
    services.minutes_publish(version=version, actor=world.user("rtp"))
    body = client_for(world.user(persona)).get(minutes.meeting.get_absolute_url()).content.decode()
    assert f"/minutes/{minutes.meeting_id}/" in body  # the published minutes, for everyone
    assert (reverse("minutes:action_points", args=["health"]) in body) is linked
