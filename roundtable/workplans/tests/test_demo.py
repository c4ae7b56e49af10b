import io

import time_machine

from roundtable.workplans import demo
from roundtable.workplans.models import WorkPlan, WorkPlanStatus


@time_machine.travel("2026-06-01 10:00 +07:00", tick=False)
def test_the_demo_builds_this_year_and_last_year_and_a_second_run_changes_nothing(world, frameworks):
    demo.load(io.StringIO())
    assert WorkPlan.objects.filter(year=2025).exclude(status=WorkPlanStatus.PUBLISHED).count() == 0
    assert WorkPlan.objects.get(group=world.health, year=2026).status == WorkPlanStatus.PUBLISHED
    health = WorkPlan.objects.get(group=world.health, year=2026)
    assert health.priorities.filter(nsedp_outputs__framework__code="nsedp-10").exists()
    assert health.versions.count() == 3 and health.steps.count() == 5
    counts = (WorkPlan.objects.count(), health.priorities.count(), health.steps.count())
    demo.load(io.StringIO())
    assert (WorkPlan.objects.count(), health.priorities.count(), health.steps.count()) == counts
