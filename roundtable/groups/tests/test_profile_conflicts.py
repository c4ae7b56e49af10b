"""The group profile is conflict-safe: two sessions edit it, the second save from a stale form is refused
with what changed, and the user's input is kept."""

import pytest
from django.urls import reverse

from roundtable.core.services import Conflict, Refused
from roundtable.groups import services
from roundtable.groups.models import Group

EDIT = "/en/groups/health/edit/"


def _profile(world, revision: int, **fields) -> dict:
    return {
        "name_lo": "ສາທາລະນະສຸກ",
        "name_en": "Health",
        "lead_ministry": world.moh.pk,
        "revision": revision,
        **fields,
    }


def test_the_second_of_two_sessions_editing_the_profile_is_refused_with_what_changed(world, client):
    colleague, me = world.user("rtp"), world.user("secretariat")
    client.force_login(me)
    form = client.get(EDIT).content.decode()
    assert 'name="revision" value="1"' in form
    services.group_update(
        group=world.health, actor=colleague, data={"mandate_en": "The colleague's mandate"}, revision=1
    )
    page = client.post(EDIT, _profile(world, 1, mandate_en="My mandate")).content.decode()
    world.health.refresh_from_db()
    assert world.health.mandate_en == "The colleague's mandate" and world.health.revision == 2
    assert "The colleague&#x27;s mandate" in page  # what changed, under the form
    assert "My mandate" in page  # the user's input is kept
    assert 'name="revision" value="2"' in page
    # Saving again, knowingly, replaces the colleague's text.
    assert client.post(EDIT, _profile(world, 2, mandate_en="My mandate")).status_code == 302
    world.health.refresh_from_db()
    assert world.health.mandate_en == "My mandate" and world.health.revision == 3


def test_the_service_refuses_a_stale_revision_and_changes_nothing(world):
    services.group_update(group=world.health, actor=world.user("rtp"), data={"mandate_lo": "ໜ້າທີ່"}, revision=1)
    with pytest.raises(Conflict) as conflict:
        services.group_update(
            group=world.health, actor=world.user("secretariat"), data={"mandate_lo": "ອື່ນ"}, revision=1
        )
    assert [(c.then, c.now) for c in conflict.value.changes] == [("—", "ໜ້າທີ່")]
    assert Group.objects.get(pk=world.health.pk).mandate_lo == "ໜ້າທີ່"


def test_the_service_refuses_the_structure_to_the_group_secretariat_and_the_profile_to_a_member(world):
    with pytest.raises(Refused):
        services.group_update(
            group=world.health, actor=world.user("secretariat"), data={"is_active": False}, revision=1
        )
    with pytest.raises(Refused) as refused:
        services.group_update(
            group=world.health, actor=world.user("member"), data={"mandate_en": "x"}, revision=1
        )
    assert refused.value.code == "not_allowed"
    health = Group.objects.get(pk=world.health.pk)
    assert health.is_active and health.mandate_en == "" and health.revision == 1


def test_a_save_that_changes_nothing_keeps_the_revision(world, client_for):
    client = client_for(world.user("secretariat"))
    response = client.post(reverse("groups:edit", args=["health"]), _profile(world, 1))
    assert response.status_code == 302
    assert Group.objects.get(pk=world.health.pk).revision == 1


@pytest.mark.parametrize("lang,label", [("lo", "ໜ່ວຍງານຂະແໜງການຕົ້ນສັງກັດ"), ("en", "parent SWG")])
def test_a_field_the_actor_may_not_change_is_refused_by_its_label_not_its_code_name(world, lang, label):
    from django.utils import translation

    group = world.health
    with translation.override(lang), pytest.raises(Refused) as refused:
        services.group_update(
            group=group,
            actor=world.user("secretariat"),
            data={"parent": world.education},
            revision=group.revision,
        )
    assert label in str(refused.value.message) and "parent " not in str(refused.value.message).replace(
        label, ""
    )
    assert Group.objects.get(pk=group.pk).parent_id is None
