"""In December and January "My work" and the RTP overview show the plan being prepared: next year's in
December (its deadline, its state) as well as this year's; after log-in users land on "My work"."""

import pytest
import time_machine

from roundtable.workplans.models import WorkPlanStatus

pytestmark = pytest.mark.django_db


def my_work(client) -> str:
    return client.get("/en/me/").content.decode().split('id="my-workplans"')[1].split("</section>")[0]


@time_machine.travel("2026-12-15 10:00 +07:00", tick=False)
def test_in_december_my_work_shows_next_years_plan_first_with_its_deadline_and_state(
    world, make_plan, client_for
):
    make_plan(status=WorkPlanStatus.PUBLISHED, year=2026)
    make_plan(status=WorkPlanStatus.WITH_CHAIR, year=2027)
    section = my_work(client_for(world.user("secretariat")))
    assert section.index("Plans 2027 of my groups") < section.index("Plans 2026 of my groups")
    assert "31 January 2027" in section and "Sent to the chair" in section
    assert "/en/workplans/health/2027/" in section


@time_machine.travel("2026-12-15 10:00 +07:00", tick=False)
def test_in_december_a_secretariat_without_next_years_plan_is_offered_to_start_it(
    world, make_plan, client_for
):
    make_plan(status=WorkPlanStatus.PUBLISHED, year=2026)
    section = my_work(client_for(world.user("secretariat")))
    assert "/en/workplans/health/2027/new/" in section and "Start the work plan 2027" in section


@pytest.mark.parametrize("day", ["2027-01-20 10:00 +07:00", "2027-02-15 10:00 +07:00"])
def test_from_january_my_work_shows_the_years_own_plan(world, make_plan, client_for, day):
    with time_machine.travel(day, tick=False):
        make_plan(status=WorkPlanStatus.DRAFT, year=2027)
        section = my_work(client_for(world.user("secretariat")))
    assert (
        "Plans 2027 of my groups" in section and "Plans 2026" not in section and "Plans 2028" not in section
    )
    assert "31 January 2027" in section


@pytest.mark.parametrize(
    ("day", "year"),
    [("2026-12-15 10:00 +07:00", 2027), ("2027-01-20 10:00 +07:00", 2027), ("2027-02-15 10:00 +07:00", 2027)],
)
def test_the_rtp_overview_opens_on_the_year_being_prepared(world, client_for, day, year):
    with time_machine.travel(day, tick=False):
        response = client_for(world.user("rtp")).get("/en/workplans/overview/")
    assert response.status_code == 302 and response["Location"].endswith(f"/overview/{year}/")


def test_after_log_in_users_land_on_my_work_unless_a_next_page_is_asked(world, client):
    response = client.post("/en/accounts/login/", {"username": "health-secretariat", "password": "demo"})
    assert response.status_code == 302 and response["Location"] == "/en/me/"
    client.logout()
    response = client.post(
        "/en/accounts/login/?next=/en/workplans/", {"username": "health-secretariat", "password": "demo"}
    )
    assert response["Location"] == "/en/workplans/"
