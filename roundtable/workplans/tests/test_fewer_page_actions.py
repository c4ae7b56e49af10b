"""What makes the work-plan journey light: after starting a plan the secretariat lands where its next step
is; a priority is saved and the next one opened in one submit; the RTP Secretariat approves and publishes in
one action from the plan page its notification links to; date fields and month names follow the page's
language."""

import re
from datetime import date

import pytest
import time_machine

from roundtable.workplans.models import PlannedMeeting, WorkPlan, WorkPlanStatus

from .conftest import PRIORITY_LO, add_priority

pytestmark = pytest.mark.django_db
S = WorkPlanStatus
JANUARY = "2026-01-10 10:00 +07:00"


@time_machine.travel(JANUARY, tick=False)
def test_a_plan_started_from_last_years_opens_its_first_priority_to_link_to_the_nsedp(
    world, make_plan, client_for
):
    make_plan(status=S.PUBLISHED, year=2025)  # its priority links the 9th NSEDP: not carried over
    response = client_for(world.user("secretariat")).post(
        "/en/workplans/health/2026/new/", {"start": "previous"}
    )
    priority = WorkPlan.objects.get(year=2026).priorities.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/workplans/health/2026/priorities/{priority.pk}/"


@time_machine.travel(JANUARY, tick=False)
def test_an_empty_plan_opens_the_form_of_its_first_priority(world, frameworks, client_for):
    response = client_for(world.user("secretariat")).post(
        "/en/workplans/health/2026/new/", {"start": "empty"}
    )
    assert response["Location"] == "/en/workplans/health/2026/priorities/add/"


def test_a_plan_whose_priorities_are_linked_opens_at_its_next_step(world, frameworks, client_for):
    from roundtable.workplans.views.editing import where_to_go_on

    plan = WorkPlan.objects.create(group=world.health, year=2026)
    add_priority(plan, frameworks.output)
    assert where_to_go_on(plan) == ("/lo/workplans/health/2026/#steps-form", "")


def test_save_and_add_another_saves_and_opens_an_empty_priority_form(
    world, make_plan, frameworks, client_for
):
    plan = make_plan(ready=False)
    client = client_for(world.user("secretariat"))
    data = {"title_lo": PRIORITY_LO, "nsedp_outputs": [frameworks.output.pk], "revision": 1, "another": "1"}
    response = client.post("/en/workplans/health/2026/priorities/add/", data)
    assert response.status_code == 302
    assert response["Location"] == "/en/workplans/health/2026/priorities/add/"
    assert plan.priorities.get().title_lo == PRIORITY_LO
    del data["another"]
    response = client.post("/en/workplans/health/2026/priorities/add/", data | {"title_lo": "ສອງ"})
    assert response["Location"] == "/en/workplans/health/2026/#priorities"
    assert plan.priorities.count() == 2


def test_the_rtp_secretariat_approves_and_publishes_from_the_plan_page_in_one_action(
    world, make_plan, client_for
):
    plan = make_plan(status=S.SUBMITTED)
    client = client_for(world.user("rtp"))
    page = client.get("/en/workplans/health/2026/").content.decode()
    assert 'formaction="/en/workplans/health/2026/step/approve_publish/"' in page
    assert "Approve and publish" in page
    response = client.post("/en/workplans/health/2026/step/approve_publish/", {"revision": plan.revision})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == S.PUBLISHED and plan.published_at is not None
    # The group's secretariat and its chairs see no such button.
    for persona in ("secretariat", "chair"):
        plan = make_plan(status=S.SUBMITTED, year=2027) if persona == "secretariat" else plan
        body = client_for(world.user(persona)).get(plan.get_absolute_url()).content.decode()
        assert "approve_publish" not in body


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_date_fields_are_written_day_month_year_whatever_the_browsers_language(
    world, make_plan, frameworks, client_for, lang
):
    plan = make_plan()
    priority = plan.priorities.get()
    priority.start_date, priority.end_date = date(2026, 3, 5), date(2026, 11, 30)
    priority.save()
    client = client_for(world.user("secretariat"))
    form = client.get(f"/{lang}/workplans/health/2026/priorities/{priority.pk}/").content.decode()
    start = re.search(r"<input[^>]*name=\"start_date\"[^>]*>", form).group(0)
    assert 'type="text"' in start and 'value="05/03/2026"' in start
    data = {
        "title_lo": PRIORITY_LO,
        "nsedp_outputs": [frameworks.output.pk],
        "start_date": "01/02/2026",
        "end_date": "2026-12-31",  # a date in ISO form is read too
        "revision": priority.revision,
    }
    response = client.post(f"/{lang}/workplans/health/2026/priorities/{priority.pk}/", data)
    assert response.status_code == 302
    priority.refresh_from_db()
    assert (priority.start_date, priority.end_date) == (date(2026, 2, 1), date(2026, 12, 31))


@pytest.mark.parametrize("lang,month,other", [("lo", "ມີນາ", "March"), ("en", "March", "ມີນາ")])
def test_planned_meetings_are_dated_with_the_month_names_of_the_pages_language(
    world, make_plan, client_for, lang, month, other
):
    plan = make_plan()
    PlannedMeeting.objects.create(workplan=plan, group=world.health, date=date(2026, 3, 12), title_en="Q1")
    body = (
        client_for(world.user("secretariat")).get(f"/{lang}/workplans/health/2026/meetings/").content.decode()
    )
    assert f"12 {month} 2026" in body and other not in body
    assert 'name="date"' in body and 'type="date"' not in body
