import pytest
from django.utils import translation

from roundtable.conftest import LADDER
from roundtable.directory import permissions as directory_permissions
from roundtable.groups import roles

pytestmark = pytest.mark.django_db


def test_secretariat_of_an_swg_is_secretariat_of_its_sub_swgs(world):
    user = world.user("secretariat")
    assert roles.is_group_secretariat(user, world.health_sub)
    assert not roles.is_group_secretariat(user, world.education)


def test_chair_and_cochair_roles_come_from_current_chair_terms(world):
    assert roles.is_group_chair(world.user("chair"), world.health)
    assert roles.is_group_cochair(world.user("cochair"), world.health)
    assert not roles.is_group_chair(world.user("cochair"), world.health)


@pytest.mark.parametrize(
    "persona,expected",
    list(zip(LADDER, [False, False, False, True, False, True, True], strict=True)),
)
def test_contact_details_of_a_health_stakeholder_are_seen_only_by_those_sharing_the_group(
    world, persona, expected
):
    assert (
        directory_permissions.can_view_contact(world.user(persona), world.people["stakeholder"]) is expected
    )


@pytest.mark.parametrize(
    "persona,expected",
    list(zip(LADDER, [False, False, False, False, False, True, True], strict=True)),
)
def test_only_the_health_secretariat_and_rtp_manage_the_health_stakeholder_list(world, persona, expected):
    assert directory_permissions.can_manage_stakeholders(world.user(persona), world.health) is expected


def test_ended_membership_gives_no_role(world):
    from datetime import date

    membership = world.people["member"].memberships.get()
    membership.end_date = date(2020, 1, 1)
    membership.start_date = date(2019, 1, 1)
    membership.save()
    assert not roles.is_group_member(world.user("member"), world.health)


def test_history_shows_links_and_choices_by_their_names(world):
    from roundtable.core.history import history_for
    from roundtable.frameworks.models import Framework, FrameworkItem

    sdgs = Framework.objects.create(kind="sdg", code="sdg", name_en="SDGs")
    goal = FrameworkItem.objects.create(framework=sdgs, level="goal", code="3", title_en="Good health")
    world.health.sdgs.add(goal)
    world.health.lead_ministry = world.who
    world.health.save()
    person = world.people["member"]
    person.gender = "m"
    person.save()

    with translation.override("en"):
        group_changes = {
            c["field"]: c for e in history_for(world.user("rtp"), world.health) for c in e.changes
        }
        person_changes = {c["field"]: c for e in history_for(world.user("rtp"), person) for c in e.changes}
    assert "World Health Organization" in group_changes["lead ministry"]["new"]
    assert "3 Good health" in group_changes["SDGs"]["new"]
    assert person_changes["gender"]["old"] == "Female" and person_changes["gender"]["new"] == "Male"
    assert history_for(world.user("secretariat"), person) is None
