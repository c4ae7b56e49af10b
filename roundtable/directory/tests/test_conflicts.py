"""People and memberships are conflict-safe: two sessions open the same record, the second save from the
stale form is refused with what changed, the user's input is kept, and nothing is written."""

import pytest
from django.test import Client
from django.urls import reverse

from roundtable.core.services import Conflict, Refused
from roundtable.directory import services
from roundtable.directory.models import Membership, Person


def _person_data(person: Person, **fields) -> dict:
    data = {
        "title": person.title,
        "name_lo": person.name_lo,
        "name_en": person.name_en,
        "position": person.position,
        "organisation": person.organisation_id or "",
        "email": person.email,
        "phone": person.phone,
        "gender": person.gender,
        "preferred_language": person.preferred_language,
        "revision": person.revision,
    }
    return {**data, **fields}


def _session(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_second_of_two_sessions_editing_a_person_is_refused_with_what_changed(world):
    dara = world.people["stakeholder"]
    url = reverse("directory:person_edit", args=[dara.pk])
    rtp, secretariat = _session(world.user("rtp")), _session(world.user("secretariat"))
    assert 'name="revision" value="1"' in rtp.get(url).content.decode()
    assert 'name="revision" value="1"' in secretariat.get(url).content.decode()
    opened = _person_data(dara)

    assert rtp.post(url, {**opened, "position": "Health officer"}).status_code == 302
    page = secretariat.post(url, {**opened, "phone": "+856 20 1111 2222"}).content.decode()

    dara.refresh_from_db()
    assert (dara.position, dara.phone, dara.revision) == ("Health officer", "+856 20 9999 1234", 2)
    assert 'id="conflict"' in page and "Health officer" in page  # what the colleague changed
    assert 'value="+856 20 1111 2222"' in page  # the user's own input is kept
    assert 'name="revision" value="2"' in page
    # Saved again from the page that now shows the change: accepted.
    again = secretariat.post(url, {**opened, "phone": "+856 20 1111 2222", "revision": 2})
    assert again.status_code == 302
    dara.refresh_from_db()
    assert (dara.position, dara.phone, dara.revision) == ("", "+856 20 1111 2222", 3)


def test_the_second_of_two_sessions_editing_a_membership_is_refused_with_what_changed(world):
    membership = Membership.objects.get(person=world.people["stakeholder"], group=world.health)
    url = reverse("directory:membership_edit", args=[membership.pk])
    first, second = _session(world.user("secretariat")), _session(world.user("rtp"))
    opened = {"role": "member", "organisation": world.who.pk, "start_date": "", "end_date": "", "revision": 1}

    assert first.post(url, {**opened, "organisation": world.japan.pk}).status_code == 302
    page = second.post(url, {**opened, "role": "secretariat"}).content.decode()

    membership.refresh_from_db()
    assert (membership.role, membership.organisation, membership.revision) == ("member", world.japan, 2)
    assert 'id="conflict"' in page and str(world.japan) in page
    assert 'name="revision" value="2"' in page
    assert '<option value="secretariat" selected>' in page


def test_the_services_refuse_a_stale_revision_and_change_nothing(world):
    dara = world.people["stakeholder"]
    services.person_update(person=dara, actor=world.user("rtp"), data={"position": "Adviser"}, revision=1)
    with pytest.raises(Conflict) as conflict:
        services.person_update(
            person=dara, actor=world.user("secretariat"), data={"position": "Other"}, revision=1
        )
    assert [(c.then, c.now) for c in conflict.value.changes] == [("—", "Adviser")]
    assert Person.objects.get(pk=dara.pk).position == "Adviser"

    membership = Membership.objects.get(person=dara, group=world.health)
    services.membership_update(
        membership=membership, actor=world.user("rtp"), data={"role": "secretariat"}, revision=1
    )
    with pytest.raises(Conflict):
        services.membership_end(membership=membership, actor=world.user("secretariat"), revision=1)
    membership.refresh_from_db()
    assert membership.end_date is None and membership.revision == 2


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "member", "other_secretariat"])
def test_the_services_check_their_own_permission(world, persona):
    actor = world.user(persona)
    dara = world.people["stakeholder"]
    membership = Membership.objects.get(person=dara, group=world.health)
    attempts = [
        lambda: services.person_update(person=dara, actor=actor, data={"name_en": "x"}, revision=1),
        lambda: services.membership_update(
            membership=membership, actor=actor, data={"role": "secretariat"}, revision=1
        ),
        lambda: services.membership_end(membership=membership, actor=actor),
        lambda: services.membership_add(group=world.health, actor=actor, person=world.people["other_member"]),
    ]
    if persona in {"anonymous", "outsider", "member"}:  # every secretariat edits the shared directory
        attempts.append(lambda: services.person_create(actor=actor, data={"name_en": "New"}))
        attempts.append(
            lambda: services.organisation_update(organisation=world.who, actor=actor, data={"acronym": "X"})
        )
    for attempt in attempts:
        with pytest.raises(Refused) as refused:
            attempt()
        assert refused.value.code == "not_allowed"
    dara.refresh_from_db()
    membership.refresh_from_db()
    world.who.refresh_from_db()
    assert (dara.name_en, dara.revision) == ("Dara Souvannasy", 1)
    assert (membership.role, membership.end_date, membership.revision) == ("member", None, 1)
    assert world.who.acronym == "WHO"
    assert not Person.objects.filter(name_en="New").exists()
    assert not Membership.objects.filter(person=world.people["other_member"], group=world.health).exists()
