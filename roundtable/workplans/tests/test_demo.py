import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from roundtable.conftest import make_person
from roundtable.groups.models import ChairTerm
from roundtable.workplans import demo
from roundtable.workplans.models import WorkPlan, WorkPlanStatus

VTE = ZoneInfo("Asia/Vientiane")


@pytest.fixture
def chairs(world):
    """Every group of the world with a chair who has a login: the chair's step is theirs (the Health chair
    also chairs its sub-SWG)."""
    people = world.people
    education_chair = make_person("education-chair", "Sengphet Vongsay", "ແສງເພັດ ວົງໄຊ", world.moes)
    for group, person, org in (
        (world.health_sub, people["chair"], world.moh),
        (world.education, education_chair, world.moes),
    ):
        ChairTerm.objects.create(
            group=group, role="chair", organisation=org, person=person, start_date=date(2024, 1, 1)
        )


@time_machine.travel("2026-06-01 10:00 +07:00", tick=False)
def test_the_demo_builds_this_year_and_last_year_and_a_second_run_changes_nothing(world, frameworks, chairs):
    demo.load(io.StringIO())
    assert WorkPlan.objects.filter(year=2025).exclude(status=WorkPlanStatus.PUBLISHED).count() == 0
    assert WorkPlan.objects.get(group=world.health, year=2026).status == WorkPlanStatus.PUBLISHED
    health = WorkPlan.objects.get(group=world.health, year=2026)
    assert health.priorities.filter(nsedp_outputs__framework__code="nsedp-10").exists()
    assert health.versions.count() == 3 and health.steps.count() == 5
    counts = (WorkPlan.objects.count(), health.priorities.count(), health.steps.count())
    demo.load(io.StringIO())
    assert (WorkPlan.objects.count(), health.priorities.count(), health.steps.count()) == counts


@time_machine.travel("2026-06-01 10:00 +07:00", tick=False)
def test_each_step_is_taken_by_the_person_whose_step_it_is_on_its_own_day(world, frameworks, chairs):
    demo.load(io.StringIO())
    health = WorkPlan.objects.get(group=world.health, year=2026)
    users = world.users
    assert [(s.actor, s.to_status) for s in health.steps.select_related("actor")] == [
        (users["secretariat"], WorkPlanStatus.WITH_CHAIR),
        (users["chair"], WorkPlanStatus.CHAIR_APPROVED),
        (users["secretariat"], WorkPlanStatus.SUBMITTED),
        (users["rtp"], WorkPlanStatus.APPROVED),
        (users["rtp"], WorkPlanStatus.PUBLISHED),
    ]
    days = [s.at.astimezone(VTE).date() for s in health.steps.all()]
    assert days == sorted(days) and days[0] == date(2026, 1, 5) and days[-1] == date(2026, 2, 10)
    assert health.published_at == datetime(2026, 2, 10, 10, 0, tzinfo=VTE)
    assert health.created_at.astimezone(VTE).date() == date(2026, 1, 3)
    # The versions and the plan's history are dated by the same clock as the steps.
    assert [v.created_at.astimezone(VTE).date() for v in health.versions.all()] == days[2:]
    assert health.history.latest("history_date").history_date == health.published_at
    assert not WorkPlan.objects.filter(published_at__gt=datetime(2026, 6, 1, 10, 0, tzinfo=VTE)).exists()


@time_machine.travel("2026-06-01 10:00 +07:00", tick=False)
def test_a_group_without_a_chair_login_keeps_its_plan_with_the_chair_and_the_summary_says_so(
    world, frameworks
):
    out = io.StringIO()
    demo.load(out)
    education = WorkPlan.objects.get(group=world.education, year=2025)
    assert education.status == WorkPlanStatus.WITH_CHAIR
    assert [s.actor for s in education.steps.all()] == [world.users["other_secretariat"]]
    assert "education 2025 (no chair login)" in out.getvalue()


@time_machine.travel("2026-06-01 10:00 +07:00", tick=False)
def test_the_demo_priorities_of_the_10th_nsedps_years_link_to_an_output_of_their_sectors_outcome(
    world, chairs
):
    from roundtable.frameworks.services import DATA_DIR, framework_load_file

    framework_load_file(path=DATA_DIR / "nsedp-9.yaml")
    framework_load_file(path=DATA_DIR / "nsedp-10.yaml")
    from roundtable.frameworks.models import FrameworkItem

    world.health.nsedp_outcomes.set(FrameworkItem.objects.nsedp_outcomes().filter(code__in=["2", "3"]))
    demo.load(io.StringIO())
    health = WorkPlan.objects.get(group=world.health, year=2026)
    linked = {
        p.title_en: [(o.framework.code, o.code) for o in p.nsedp_outputs.select_related("framework")]
        for p in health.priorities.all()
    }
    assert linked == {
        "Improve the quality of primary health care": [("nsedp-10", "3.1")],
        "Maternal and child health": [("nsedp-10", "3.2")],
        "Universal health coverage and health financing": [("nsedp-10", "3.1")],
    }
    # Every demo priority's output of the 10th is one the file has, under the outcome of its sector.
    outputs = {i.code: i for i in FrameworkItem.objects.nsedp_outputs().filter(framework__code="nsedp-10")}
    assert set(demo.NSEDP10_OUTPUTS.values()) <= set(outputs)
    # Last year's plan (the 9th NSEDP's) links to the 9th's outputs of the group's outcomes.
    last = WorkPlan.objects.get(group=world.health, year=2025)
    assert {o.framework.code for p in last.priorities.all() for o in p.nsedp_outputs.all()} == {"nsedp-9"}
    assert {o.parent.code for p in last.priorities.all() for o in p.nsedp_outputs.all()} <= {"2", "3"}


@time_machine.travel("2026-06-01 10:00 +07:00", tick=False)
def test_no_demo_value_joins_both_languages_in_one_string(world, frameworks, chairs):
    demo.load(io.StringIO())
    from roundtable.workplans.models import Priority, has_lao

    for p in Priority.objects.all():
        assert p.funding_source_lo and p.funding_source_en
        assert has_lao(p.funding_source_lo) and not has_lao(p.funding_source_en)
        for field in ("title_en", "description_en", "expected_results_en"):
            assert not has_lao(getattr(p, field)), (field, getattr(p, field))
    for plan in WorkPlan.objects.all():
        assert not has_lao(plan.context_en) and not has_lao(plan.sector_strategy_en)
    assert not any(" / " in step.comment for plan in WorkPlan.objects.all() for step in plan.steps.all())
