"""The demo: minutes in each state for the held meetings, idempotent."""

import io
from datetime import date, datetime

import pytest

from roundtable.conftest import make_person
from roundtable.directory.models import Membership
from roundtable.groups.models import ChairTerm, Group
from roundtable.minutes import demo
from roundtable.minutes.models import (
    ActionPoint,
    ActionPointUpdate,
    ActionStatus,
    Minutes,
    MinutesComment,
    MinutesStatus,
    MinutesStep,
    MinutesVersion,
)

from .conftest import VTE, make_meeting


@pytest.fixture
def groups(world) -> list[Group]:
    """Five groups, each with a secretariat and a chair who have a login (the Health chair also chairs its
    sub-SWG): every step has its person."""
    groups = [world.health, world.health_sub, world.education]
    groups += [Group.objects.create(kind="swg", code=code, name_en=code) for code in ("governance", "macro")]
    ChairTerm.objects.create(
        group=world.health_sub, role="chair", organisation=world.moh, person=world.people["chair"],
        start_date=date(2024, 1, 1),
    )  # fmt: skip
    for group in groups[2:]:
        chair = make_person(f"{group.code}-chair", f"{group.code} chair", "ປະທານ", world.moes)
        ChairTerm.objects.create(
            group=group, role="chair", organisation=world.moes, person=chair, start_date=date(2024, 1, 1)
        )
        if group != world.education:
            secretariat = make_person(
                f"{group.code}-secretariat", f"{group.code} secretariat", "ເລຂາ", world.moes
            )
            Membership.objects.create(person=secretariat, group=group, role="secretariat")
    return groups


def test_the_demo_puts_minutes_in_every_state_and_runs_twice_without_duplicates(world, groups):
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


def test_each_step_is_taken_through_the_service_by_its_role_on_its_own_day(world, groups):
    meeting = make_meeting(world, start=datetime(2025, 3, 10, 9, 0, tzinfo=VTE))
    older = make_meeting(world, start=datetime(2024, 11, 12, 9, 0, tzinfo=VTE))
    demo.load(io.StringIO())
    # The latest Health meeting's minutes are circulated; the older ones published.
    published = MinutesVersion.objects.get(minutes__meeting=older, language="en")
    assert published.status == MinutesStatus.PUBLISHED
    users = world.users
    steps = list(MinutesStep.objects.filter(version=published).order_by("at", "pk"))
    assert [(s.actor, s.to_status) for s in steps] == [
        (users["secretariat"], MinutesStatus.CIRCULATED),
        (users["chair"], MinutesStatus.CHAIR_APPROVED),
        (users["secretariat"], MinutesStatus.SENT),
        (users["rtp"], MinutesStatus.PUBLISHED),
    ]
    assert [s.at.astimezone(VTE).date() for s in steps] == [
        date(2024, 11, 14), date(2024, 11, 19), date(2024, 11, 21), date(2024, 11, 29)
    ]  # fmt: skip
    assert published.published_at == steps[-1].at and published.sent_to_rtp_at == steps[2].at
    # The version's history is dated by the same clock.
    assert published.history.latest("history_date").history_date == published.published_at
    older.refresh_from_db()
    assert older.is_public
    circulated = MinutesVersion.objects.get(minutes__meeting=meeting, language="lo")
    assert circulated.status == MinutesStatus.CIRCULATED
    comment = MinutesComment.objects.get(version=circulated)
    assert comment.at.astimezone(VTE).date() == date(2025, 3, 13)
    # The reports on action points are the secretariat's, on their day.
    for update in ActionPointUpdate.objects.select_related("action_point"):
        assert update.by == users["secretariat"] and update.status == update.action_point.status
        assert update.at.astimezone(VTE).date() < update.action_point.due_date


def test_a_group_without_a_chair_login_keeps_its_minutes_circulated_and_the_summary_says_so(world):
    make_meeting(world)  # Health's come first, circulated: Education's are to be sent, past the chair
    make_meeting(world, group=world.education, start=datetime(2025, 3, 10, 9, 0, tzinfo=VTE))
    out = io.StringIO()
    demo.load(out)
    version = MinutesVersion.objects.get(minutes__meeting__group=world.education, language="en")
    assert version.status == MinutesStatus.CIRCULATED
    assert "education 2025-03-10 (no chair login)" in out.getvalue()
