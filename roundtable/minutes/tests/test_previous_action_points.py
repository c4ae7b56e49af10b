"""A meeting's page lists the action points still open from the previous meeting, not all of history."""

from datetime import datetime

from roundtable.minutes.links import open_action_points_for
from roundtable.minutes.models import ActionPoint, ActionStatus

from .conftest import VTE, make_meeting, make_minutes


def test_only_the_open_points_of_the_previous_meeting_are_listed(world):
    first = make_minutes(world, make_meeting(world, start=datetime(2025, 3, 10, 9, 0, tzinfo=VTE)))
    second = make_minutes(
        world, make_meeting(world, start=datetime(2025, 6, 10, 9, 0, tzinfo=VTE), title_en="Second quarter")
    )
    third = make_meeting(world, start=datetime(2025, 9, 10, 9, 0, tzinfo=VTE), title_en="Third quarter")
    assert ActionPoint.objects.get(item__minutes=first).status == ActionStatus.OPEN  # open, but older
    recent = ActionPoint.objects.get(item__minutes=second)
    rows = open_action_points_for(world.user("member"), third)
    assert [r.meeting_id for r in rows] == [second.meeting_id], rows
    recent.status = ActionStatus.DONE
    recent.save()
    assert open_action_points_for(world.user("member"), third) == []
