"""Bad input on the work-plan pages and forms: a message or a fallback, never a 500 or a half-made change.

Years and numbers typed into the address (`?year=²`: a digit to str.isdigit(), not to int()), ids no
database can hold, a NUL character (PostgreSQL refuses it), dates no record can have, texts longer than
their field."""

from datetime import date

import pytest

from roundtable.workplans import services
from roundtable.workplans.models import Priority, WorkPlan, WorkPlanStatus

from .conftest import add_priority
from .test_deadline_overview_versions import _submit
from .test_editing import _header, _priority_data

S = WorkPlanStatus
PLAN = "/en/workplans/health/2026/"
NOT_A_YEAR = "That is not a year of the work plans: every year is shown."


@pytest.mark.parametrize(
    "year", ["²", "abc", "0", "-1", "1999", "2101", "10000", "2026.5", "99999999999999999999"]
)
def test_the_public_list_shows_every_year_and_says_so_for_a_year_no_plan_can_have(
    world, make_plan, client_for, english, year
):
    make_plan(status=S.PUBLISHED, year=2025)
    make_plan(status=S.PUBLISHED, year=2026)
    response = client_for(None).get("/en/workplans/", {"year": year})
    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_A_YEAR in page
    assert [plan.year for plan in response.context["page_obj"]] == [2026, 2025]
    assert "<strong>All years</strong>" in page


def test_the_public_list_filters_a_plan_year_without_a_message(world, make_plan, client_for, english):
    make_plan(status=S.PUBLISHED, year=2025)
    make_plan(status=S.PUBLISHED, year=2026)
    response = client_for(None).get("/en/workplans/", {"year": " 2025 "})
    assert [plan.year for plan in response.context["page_obj"]] == [2025]
    assert NOT_A_YEAR not in response.content.decode()
    assert "<strong>2025</strong>" in response.content.decode()
    assert NOT_A_YEAR not in client_for(None).get("/en/workplans/", {"year": ""}).content.decode()


@pytest.mark.parametrize(("a", "b"), [("²", "1"), ("abc", ""), ("99999999999999999999", "1"), ("7", "1")])
def test_versions_that_the_plan_does_not_have_compare_its_last_two(world, make_plan, client_for, a, b):
    plan = _submit(world, make_plan())
    plan = services.workplan_take_step(plan=plan, actor=world.user("rtp"), action="return", comment="More.")
    _submit(world, plan)
    response = client_for(world.user("rtp")).get(f"{PLAN}versions/", {"a": a, "b": b})
    assert response.status_code == 200
    assert (response.context["a"], response.context["b"]) == ("1", "2")
    assert response.context["comparison"] is not None


@pytest.mark.parametrize("priority", ["²", "99999999999999999999", "-1", "abc"])
def test_the_picker_with_a_priority_no_id_can_be_lists_for_a_new_priority(
    world, make_plan, frameworks, client_for, priority
):
    make_plan()
    response = client_for(world.user("secretariat")).get(
        f"{PLAN}priorities/picker/nsedp_outputs/", {"priority": priority}
    )
    assert response.status_code == 200
    assert f'value="{frameworks.output.pk}"' in response.content.decode()


def test_the_picker_filter_ignores_a_nul_character(world, make_plan, frameworks, client_for):
    make_plan()
    response = client_for(world.user("secretariat")).get(
        f"{PLAN}priorities/picker/nsedp_outputs/", {"nsedp_outputs_q": "2.\x001"}
    )
    assert response.status_code == 200
    assert f'value="{frameworks.output.pk}"' in response.content.decode()


@pytest.mark.parametrize("value", ["²", "99999999999999999999"])
@pytest.mark.parametrize("field", ["nsedp_outputs", "sdg_targets", "partners"])
def test_a_choice_that_no_id_can_be_is_a_form_error_and_nothing_is_saved(
    world, make_plan, frameworks, client_for, field, value
):
    plan = make_plan(ready=False)
    response = client_for(world.user("secretariat")).post(
        f"{PLAN}priorities/add/", _priority_data(1, frameworks, **{field: [value]})
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not plan.priorities.exists()


@pytest.mark.parametrize("field", ["start_date", "end_date"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2201-01-01"])
def test_a_priority_dated_where_no_record_can_be_is_a_form_error(
    world, make_plan, frameworks, client_for, english, field, day
):
    plan = make_plan(ready=False)
    data = _priority_data(1, frameworks, start_date="2026-01-01", end_date="2026-12-31") | {field: day}
    response = client_for(world.user("secretariat")).post(f"{PLAN}priorities/add/", data)
    assert response.status_code == 200
    assert "Give a date between 1900 and 2200." in response.content.decode()
    assert not plan.priorities.exists()


def test_a_plan_started_from_one_with_a_date_of_year_9999_is_refused_with_a_message(
    world, make_plan, client_for, english
):
    """A date saved before dates had bounds cannot be moved a year on: the new plan says so instead of a
    500 (OverflowError), and nothing of it is made."""
    previous = make_plan(year=2025, ready=False)
    add_priority(previous, start_date=date(2025, 1, 1), end_date=date(9999, 12, 31))
    response = client_for(world.user("secretariat")).post(
        "/en/workplans/health/2026/new/", {"start": "previous"}
    )
    assert response.status_code == 200
    assert "Give a date between 1900 and 2200." in response.content.decode()
    assert not WorkPlan.objects.filter(year=2026).exists()
    assert services.one_year_on(date.max) == date.max


@pytest.mark.parametrize("field", ["sector_strategy_lo", "sector_strategy_en", "context_lo", "context_en"])
def test_an_over_long_header_text_is_a_form_error_and_nothing_is_saved(
    world, make_plan, client_for, english, field
):
    plan = make_plan()
    client = client_for(world.user("secretariat"))
    response = client.post(f"{PLAN}edit/", _header(plan.revision, **{field: "x" * 10001}))
    assert response.status_code == 200
    assert "at most 10000 characters (it has 10001)" in response.content.decode()
    assert WorkPlan.objects.get(pk=plan.pk).revision == plan.revision
    assert client.post(f"{PLAN}edit/", _header(plan.revision, **{field: "x" * 10000})).status_code == 302
    assert getattr(WorkPlan.objects.get(pk=plan.pk), field) == "x" * 10000


@pytest.mark.parametrize(
    "field", ["description_lo", "description_en", "expected_results_lo", "expected_results_en"]
)
def test_an_over_long_priority_text_is_a_form_error_and_nothing_is_saved(
    world, make_plan, frameworks, client_for, english, field
):
    plan = make_plan(ready=False)
    client = client_for(world.user("secretariat"))
    response = client.post(f"{PLAN}priorities/add/", _priority_data(1, frameworks, **{field: "x" * 4001}))
    assert response.status_code == 200
    assert "at most 4000 characters (it has 4001)" in response.content.decode()
    assert not plan.priorities.exists()
    assert 'maxlength="4000"' in client.get(f"{PLAN}priorities/add/").content.decode()


@pytest.mark.parametrize(
    ("step", "status", "role"), [("send", S.DRAFT, "secretariat"), ("return", S.SUBMITTED, "rtp")]
)
def test_a_step_with_an_over_long_comment_is_not_taken_and_the_comment_is_kept(
    world, make_plan, client_for, english, step, status, role
):
    plan = make_plan(status=status)
    response = client_for(world.user(role)).post(
        f"{PLAN}step/{step}/", {"comment": "x" * 4001, "revision": plan.revision}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 4000 characters (it has 4001)" in page
    assert "x" * 4001 in page  # the comment as typed, to shorten
    plan.refresh_from_db()
    assert plan.status == status and not plan.steps.exists()


def test_a_priority_at_the_limits_is_saved(world, make_plan, frameworks, client_for):
    plan = make_plan(ready=False)
    data = _priority_data(
        1, frameworks, description_lo="ກ" * 4000, start_date="1900-01-01", end_date="2200-12-31"
    )
    assert client_for(world.user("secretariat")).post(f"{PLAN}priorities/add/", data).status_code == 302
    saved = Priority.objects.get(workplan=plan)
    assert len(saved.description_lo) == 4000 and saved.end_date == date(2200, 12, 31)
