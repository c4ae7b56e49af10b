"""Refusals that keep the user's input, confirmations before anything is removed, impossible addresses,
empty states and the paginated stakeholder list."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.groups.tests.conftest import noon
from roundtable.workplans import services
from roundtable.workplans.models import PlanStakeholder, Priority, WorkPlan, WorkPlanStatus

S = WorkPlanStatus
PLAN = "/en/workplans/health/2026/"


def test_removing_a_priority_asks_first_and_the_plan_page_links_to_the_question(world, make_plan, client_for):
    plan = make_plan()
    priority = plan.priorities.get()
    client = client_for(world.user("secretariat"))
    assert f'href="{PLAN}priorities/{priority.pk}/delete/"' in client.get(PLAN).content.decode()
    page = client.get(f"{PLAN}priorities/{priority.pk}/delete/").content.decode()
    assert "Remove the priority “Better primary health care” from the plan?" in page
    assert Priority.objects.filter(pk=priority.pk).exists()
    client.post(f"{PLAN}priorities/{priority.pk}/delete/")
    assert not Priority.objects.filter(pk=priority.pk).exists()


def test_removing_a_stakeholder_asks_first(world, make_plan, client_for):
    plan = make_plan()
    stakeholder = PlanStakeholder.objects.create(workplan=plan, name="Lao Red Cross")
    client = client_for(world.user("secretariat"))
    page = client.get(f"{PLAN}stakeholders/{stakeholder.pk}/delete/").content.decode()
    assert "Remove “Lao Red Cross” from the plan" in page
    assert PlanStakeholder.objects.filter(pk=stakeholder.pk).exists()
    client.post(f"{PLAN}stakeholders/{stakeholder.pk}/delete/")
    assert not PlanStakeholder.objects.filter(pk=stakeholder.pk).exists()


@pytest.mark.parametrize("role", ["member", "chair", "rtp"])
def test_the_confirmation_pages_are_the_secretariats_only(world, make_plan, client_for, role):
    plan = make_plan()
    stakeholder = PlanStakeholder.objects.create(workplan=plan, name="Lao Red Cross")
    client = client_for(world.user(role))
    assert client.get(f"{PLAN}priorities/{plan.priorities.get().pk}/delete/").status_code == 403
    assert client.get(f"{PLAN}stakeholders/{stakeholder.pk}/delete/").status_code == 403


def test_a_refused_step_shows_the_plan_again_with_the_comment_as_typed(world, make_plan, client_for):
    plan = make_plan(status=S.WITH_CHAIR)
    response = client_for(world.user("chair")).post(
        f"{PLAN}step/chair_approve/", {"comment": "ຂໍ້ສັງເກດຂອງປະທານ", "revision": plan.revision + 5}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The plan changed since you opened it" in page
    assert "ຂໍ້ສັງເກດຂອງປະທານ</textarea>" in page
    # The page now shows the plan as it is: the next try carries its current revision.
    assert f'name="revision" value="{plan.revision}"' in page
    plan.refresh_from_db()
    assert plan.status == S.WITH_CHAIR and not plan.steps.exists()


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("year", [0, 1999, 2101, 10000, 99999, 99999999999999999999])
def test_a_plan_for_an_impossible_year_cannot_be_started_and_the_page_says_which_years(
    world, client_for, year, method
):
    client = client_for(world.user("secretariat"))
    response = getattr(client, method)(f"/en/workplans/health/{year}/new/", {"start": "empty"}, follow=True)
    assert response.redirect_chain[-1][0] == "/en/workplans/health/"
    assert "Work plans are for the years 2000 to 2100." in response.content.decode()
    assert not WorkPlan.objects.exists()


@pytest.mark.parametrize("year", [0, 10000, 99999])
def test_the_overview_of_an_impossible_year_falls_back_to_this_year_with_a_message(world, client_for, year):
    with time_machine.travel(noon(2026, 3, 2)):
        response = client_for(world.user("rtp")).get(f"/en/workplans/overview/{year}/", follow=True)
    assert response.redirect_chain[-1][0] == "/en/workplans/overview/2026/"
    assert "Work plans are for the years 2000 to 2100." in response.content.decode()


def test_the_group_page_tells_members_that_there_is_no_plan_yet(world, client_for):
    assert (
        "The group has no work plan yet."
        in client_for(world.user("member")).get("/en/workplans/health/").content.decode()
    )
    assert "No work plan is published yet." in client_for(None).get("/en/workplans/health/").content.decode()


def test_a_priority_move_in_an_unknown_direction_changes_nothing(world, make_plan, frameworks, client_for):
    plan = make_plan()
    from .conftest import add_priority

    second = add_priority(plan, frameworks.output, title_lo="ທີສອງ", order=2)
    response = client_for(world.user("secretariat")).post(
        f"{PLAN}priorities/{second.pk}/move/", {"direction": "sideways"}, follow=True
    )
    assert "Move a priority up or down." in response.content.decode()
    assert list(plan.priorities.order_by("order").values_list("pk", flat=True))[-1] == second.pk


def _stakeholders(plan, n):
    PlanStakeholder.objects.bulk_create(
        PlanStakeholder(workplan=plan, organisation=plan.group.lead_ministry, name=f"S{i}") for i in range(n)
    )


def test_the_stakeholder_list_is_paginated_with_the_same_queries_for_any_length(world, make_plan, client_for):
    plan = make_plan()
    client = client_for(world.user("secretariat"))
    _stakeholders(plan, 5)
    client.get(f"{PLAN}stakeholders/")  # warm the caches (session, roles)
    with CaptureQueriesContext(connection) as few:
        client.get(f"{PLAN}stakeholders/")
    _stakeholders(plan, 95)
    with CaptureQueriesContext(connection) as many:
        page = client.get(f"{PLAN}stakeholders/").content.decode()
    assert len(many) == len(few)
    assert "Page 1 of 2" in page and page.count("/delete/") == 50


def test_a_new_stakeholder_is_shown_on_the_last_page(world, make_plan, client_for):
    plan = make_plan()
    _stakeholders(plan, 60)
    client = client_for(world.user("secretariat"))
    response = client.post(f"{PLAN}stakeholders/", {"name": "Lao Red Cross"})
    assert response["Location"].endswith("?page=last#list")
    assert "Lao Red Cross" in client.get(response["Location"]).content.decode()


def test_the_services_package_keeps_the_public_names():
    for name in [
        "workplan_create",
        "workplan_update_header",
        "priority_create",
        "priority_update",
        "priority_delete",
        "priority_move",
        "planned_meeting_add",
        "planned_meeting_update",
        "planned_meeting_remove",
        "stakeholders_import",
        "stakeholder_add",
        "stakeholder_remove",
        "workplan_take_step",
        "available_actions",
        "workplan_problems",
        "version_create",
        "workplan_snapshot",
        "nsedp_for_year",
        "ACTIONS",
        "HEADER_FIELDS",
    ]:
        assert callable(getattr(services, name)) or name in {"ACTIONS", "HEADER_FIELDS"}


def _fill(plan, world, frameworks, n, start):
    from datetime import date, timedelta

    from .conftest import add_priority

    for i in range(n):
        priority = add_priority(plan, frameworks.output, title_lo=f"ບຸລິມະສິດ {start + i}", order=start + i)
        priority.sdg_targets.add(frameworks.target)
        priority.partners.add(world.who)
        plan.planned_meetings.create(
            group=world.health_sub, date=date(2026, 1, 1) + timedelta(days=start + i)
        )
        plan.stakeholders.create(organisation=world.japan, name=f"S{start + i}")


@pytest.mark.parametrize(
    "url", [PLAN, f"{PLAN}meetings/", f"{PLAN}priorities/picker/sdg_targets/?sdg_targets_q=health"]
)
def test_the_secretariats_pages_take_the_same_queries_for_3_and_30_rows(
    world, make_plan, frameworks, client_for, url
):
    plan = make_plan()
    client = client_for(world.user("secretariat"))
    _fill(plan, world, frameworks, 3, 10)
    client.get(url)  # warm the caches (session, roles)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(plan, world, frameworks, 27, 100)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
