import pytest

from roundtable.meetings import permissions

from .conftest import FULL_LADDER, INSIDERS, MANAGERS, officer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_an_internal_meeting_is_seen_by_the_groups_members_and_the_rtp_secretariat_only(
    world, internal_meeting, persona
):
    assert permissions.can_view(world.user(persona), internal_meeting) is (persona in INSIDERS)


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_a_public_meeting_is_seen_by_everyone(world, public_meeting, persona):
    assert permissions.can_view(world.user(persona), public_meeting)


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_only_the_groups_secretariat_and_the_rtp_secretariat_manage_a_meeting(
    world, internal_meeting, persona
):
    assert permissions.can_manage(world.user(persona), internal_meeting) is (persona in MANAGERS)


def test_the_swg_secretariat_manages_its_sub_swgs_meetings(world):
    from .conftest import make_meeting

    meeting = make_meeting(world.health_sub, kind="subswg")
    assert permissions.can_manage(world.user("secretariat"), meeting)
    assert not permissions.can_manage(world.user("other_secretariat"), meeting)


def test_an_invited_outsider_with_a_login_sees_the_internal_meeting(world, internal_meeting):
    from roundtable.meetings import services

    outsider = world.user("outsider")
    assert not permissions.can_view(outsider, internal_meeting)
    person = world.people["other_member"]
    services.participants_invite(
        actor=officer(), meeting=internal_meeting, stakeholders=False, people=[person], outside_confirmed=True
    )
    assert permissions.can_view(person.user, internal_meeting)


def test_visible_meetings_lists_public_and_own_group_meetings(world, internal_meeting, public_meeting):
    from .conftest import make_meeting

    education = make_meeting(world.education, public=False)
    assert set(permissions.visible_meetings(None)) == {public_meeting}
    assert set(permissions.visible_meetings(world.user("member"))) == {public_meeting, internal_meeting}
    assert set(permissions.visible_meetings(world.user("other_member"))) == {public_meeting, education}
    assert set(permissions.visible_meetings(world.user("rtp"))) == {
        public_meeting,
        internal_meeting,
        education,
    }
