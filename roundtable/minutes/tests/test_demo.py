"""The demo: minutes in each state for the held meetings, idempotent."""

import io
from datetime import datetime

from roundtable.minutes import demo
from roundtable.minutes.models import ActionPoint, ActionStatus, Minutes, MinutesStatus, MinutesVersion

from .conftest import VTE, make_meeting


def test_the_demo_puts_minutes_in_every_state_and_runs_twice_without_duplicates(world):
    from roundtable.groups.models import Group

    groups = [world.health, world.health_sub, world.education]
    groups += [Group.objects.create(kind="swg", code=code, name_en=code) for code in ("governance", "macro")]
    for i in range(10):
        make_meeting(
            world, group=groups[i % 5], start=datetime(2025, 1 + i, 12, 9, 0, tzinfo=VTE), title_en=f"SWG {i}"
        )
    demo.load(io.StringIO())
    statuses = set(MinutesVersion.objects.values_list("status", flat=True))
    assert statuses == set(MinutesStatus.values)
    assert Minutes.objects.count() == 10
    assert ActionPoint.objects.filter(status=ActionStatus.DONE).exists()
    assert ActionPoint.objects.overdue().exists()
    assert ActionPoint.objects.filter(what_lo__contains="ກອງເລຂາ").exists()
    # Published minutes are never those of an internal meeting (as when publishing through the service).
    from roundtable.meetings.models import Meeting

    assert not Meeting.objects.filter(
        minutes__versions__status=MinutesStatus.PUBLISHED, is_public=False
    ).exists()
    counts = (Minutes.objects.count(), MinutesVersion.objects.count(), ActionPoint.objects.count())
    demo.load(io.StringIO())
    assert (Minutes.objects.count(), MinutesVersion.objects.count(), ActionPoint.objects.count()) == counts
