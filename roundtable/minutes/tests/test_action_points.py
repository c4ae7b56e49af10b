"""Each group's action points: filters, overdue, status updates with a note; the all-groups view."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from roundtable.conftest import LADDER
from roundtable.minutes.models import ActionPoint, ActionPointUpdate, ActionStatus

from .conftest import item3


@pytest.fixture
def actions(world, minutes):
    item = item3(minutes)
    first = ActionPoint.objects.get(item=item)  # MOH, due 30 April 2025, open
    done = ActionPoint.objects.create(
        item=item,
        group=world.health,
        what_en="Share the costing study",
        what_lo="ແບ່ງປັນບົດສຶກສາ",
        responsible_organisation=world.who,
        due_date=date(2025, 3, 31),
        status=ActionStatus.DONE,
    )
    later = ActionPoint.objects.create(
        item=item,
        group=world.health,
        what_en="Prepare the mid-year review",
        what_lo="ກະກຽມທົບທວນກາງປີ",
        responsible_organisation=world.who,
        due_date=date(2025, 9, 30),
        status=ActionStatus.IN_PROGRESS,
    )
    return {"first": first, "done": done, "later": later}


def listed(client, code="health", **params):
    response = client.get(reverse("minutes:action_points", args=[code]), params)
    assert response.status_code == 200
    return {row["action"].pk for row in response.context["rows"]}


@pytest.mark.parametrize("role", [*LADDER, "chair", "cochair"])
def test_the_list_is_for_members_of_the_group_and_the_rtp_secretariat(world, actions, client_for, role):
    response = client_for(world.user(role)).get(reverse("minutes:action_points", args=["health"]))
    expected = (
        200
        if role in ("member", "secretariat", "rtp", "chair", "cochair")
        else (302 if role == "anonymous" else 403)
    )
    assert response.status_code == expected
    if expected == 200:
        assert {row["action"].pk for row in response.context["rows"]} == {a.pk for a in actions.values()}


def test_filters_and_overdue_follow_the_clock(world, actions, client_for):
    client = client_for(world.user("member"))
    with time_machine.travel("2025-05-15 10:00 +07:00"):
        assert listed(client) == {a.pk for a in actions.values()}
        assert listed(client, show="open") == {actions["first"].pk, actions["later"].pk}
        assert listed(client, show="overdue") == {actions["first"].pk}
        assert listed(client, status="done") == {actions["done"].pk}
        assert listed(client, organisation=world.who.pk) == {actions["done"].pk, actions["later"].pk}
        body = client.get(reverse("minutes:action_points", args=["health"])).content.decode()
        assert body.count("badge badge-bad") >= 2  # the counter and the overdue row stand out
    with time_machine.travel("2025-04-15 10:00 +07:00"):
        assert listed(client, show="overdue") == set()
    with time_machine.travel("2025-12-01 10:00 +07:00"):
        assert listed(client, show="overdue") == {actions["first"].pk, actions["later"].pk}
        assert actions["later"].is_overdue and not actions["done"].is_overdue


@pytest.mark.parametrize(
    "role,allowed",
    [("secretariat", True), ("member", True), ("chair", False), ("rtp", False), ("other_secretariat", False)],
)
def test_status_updates_by_the_secretariat_and_the_responsible_person(
    world, actions, client_for, role, allowed
):
    # The first action point names the member (Noy, WHO) as responsible person.
    action = actions["first"]
    response = client_for(world.user(role)).post(
        reverse("minutes:action_point", args=[action.pk]),
        {"status": "done", "note": "Report received on 2 May."},
    )
    action.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert action.status == ActionStatus.DONE
        update = ActionPointUpdate.objects.get(action_point=action)
        assert (update.status, update.note, update.by) == (
            "done",
            "Report received on 2 May.",
            world.user(role),
        )
    else:
        assert action.status == ActionStatus.OPEN
        assert not ActionPointUpdate.objects.exists()


def test_the_all_groups_view_is_for_the_rtp_secretariat(world, actions, client_for):
    assert client_for(world.user("secretariat")).get(reverse("minutes:action_points_all")).status_code == 403
    response = client_for(world.user("rtp")).get(
        reverse("minutes:action_points_all"), {"group": "health", "show": "open"}
    )
    assert response.status_code == 200
    assert {row["action"].pk for row in response.context["rows"]} == {
        actions["first"].pk,
        actions["later"].pk,
    }


def test_the_open_and_overdue_querysets_the_meetings_app_reads(world, actions):
    with time_machine.travel("2025-05-15 10:00 +07:00"):
        assert set(ActionPoint.objects.open()) == {actions["first"], actions["later"]}
        assert set(ActionPoint.objects.overdue()) == {actions["first"]}
