import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.conftest import LADDER
from roundtable.directory.models import Membership, Person

# Who sees the contact details of Dara, a member of the Health SWG who has no login.
SEES_HEALTH_CONTACTS = {"member", "secretariat", "rtp"}
EDITORS = {"other_secretariat", "secretariat", "rtp"}


@pytest.mark.parametrize("persona", LADDER)
def test_person_page_needs_a_login_and_shows_contacts_only_to_those_allowed(world, client_for, persona):
    dara = world.people["stakeholder"]
    response = client_for(world.user(persona)).get(reverse("directory:person", args=[dara.pk]))
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert dara.name_lo in html and world.health.name_lo in html
    visible = persona in SEES_HEALTH_CONTACTS
    assert (dara.email in html) is visible
    assert (dara.phone in html) is visible


def test_a_person_sees_their_own_contact_details(world, client_for):
    me = world.people["other_member"]
    html = client_for(me.user).get(reverse("directory:person", args=[me.pk])).content.decode()
    assert me.email in html


@pytest.mark.parametrize("persona", LADDER)
def test_editing_a_person_is_for_the_secretariat_of_their_groups_and_the_rtp_secretariat(
    world, client_for, persona
):
    dara = world.people["stakeholder"]
    response = client_for(world.user(persona)).get(reverse("directory:person_edit", args=[dara.pk]))
    if persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if persona in {"secretariat", "rtp"} else 403)


@pytest.mark.parametrize("persona", LADDER)
def test_adding_a_person_is_for_secretariats(world, client_for, persona):
    response = client_for(world.user(persona)).get(reverse("directory:person_add"))
    if persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if persona in EDITORS else 403)


def test_a_person_may_edit_their_own_entry(world, client_for):
    me = world.people["other_member"]
    assert client_for(me.user).get(reverse("directory:person_edit", args=[me.pk])).status_code == 200


def test_person_form_keeps_input_on_error_and_saves_when_valid(world, client_for):
    client = client_for(world.user("rtp"))
    data = {"name_lo": "ສົມພອນ ທົດລອງ", "name_en": "", "email": "not-an-email", "preferred_language": "lo"}
    response = client.post(reverse("directory:person_add"), data)
    assert response.status_code == 200
    assert 'value="ສົມພອນ ທົດລອງ"' in response.content.decode()
    assert 'value="not-an-email"' in response.content.decode()
    data.update(email="somphone@example.la", organisation=world.mpi.pk)
    response = client.post(reverse("directory:person_add"), data)
    person = Person.objects.get(email="somphone@example.la")
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert person.organisation == world.mpi


def test_outsider_cannot_change_a_person_by_posting(world, client_for):
    dara = world.people["stakeholder"]
    response = client_for(world.user("outsider")).post(
        reverse("directory:person_edit", args=[dara.pk]), {"name_en": "Changed", "preferred_language": "en"}
    )
    assert response.status_code == 403
    dara.refresh_from_db()
    assert dara.name_en == "Dara Souvannasy"


def test_person_history_is_for_the_rtp_secretariat(world, client_for):
    dara = world.people["stakeholder"]
    url = reverse("directory:person", args=[dara.pk])
    assert 'id="history"' not in client_for(world.user("secretariat")).get(url).content.decode()
    assert 'id="history"' in client_for(world.user("rtp")).get(url).content.decode()


@pytest.mark.parametrize("persona", LADDER)
def test_people_list_hides_contacts_of_people_outside_ones_groups(world, client_for, persona):
    response = client_for(world.user(persona)).get(reverse("directory:people"))
    if persona == "anonymous":
        assert response.status_code == 302
        return
    html = response.content.decode()
    dara = world.people["stakeholder"]
    assert dara.name_lo in html
    assert (dara.email in html) is (persona in SEES_HEALTH_CONTACTS)


def test_people_list_search_does_not_match_hidden_emails(world, client_for):
    html = (
        client_for(world.user("outsider"))
        .get(reverse("directory:people"), {"q": "dara.private"})
        .content.decode()
    )
    assert world.people["stakeholder"].name_lo not in html


def _people_list_queries(client, world, extra: int) -> int:
    Person.objects.bulk_create(
        [Person(name_en=f"Extra {i:03}", name_lo=f"ເພີ່ມ {i:03}", organisation=world.who) for i in range(extra)]
    )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("directory:people")).status_code == 200
    Person.objects.filter(name_en__startswith="Extra ").delete()
    return len(queries)


def test_people_list_queries_do_not_grow_with_rows(world, client_for):
    client = client_for(world.user("member"))
    assert _people_list_queries(client, world, 3) == _people_list_queries(client, world, 30)


def test_the_directorys_forms_answer_only_get_and_post(world, client_for):
    client = client_for(world.user("rtp"))
    membership = Membership.objects.get(person=world.people["stakeholder"], group=world.health)
    for url in (
        reverse("directory:organisation_add"),
        reverse("directory:organisation_edit", args=[world.who.pk]),
        reverse("directory:person_add"),
        reverse("directory:person_edit", args=[world.people["stakeholder"].pk]),
        reverse("directory:membership_edit", args=[membership.pk]),
        reverse("directory:membership_end", args=[membership.pk]),
        reverse("directory:import"),
        reverse("directory:stakeholder_add", args=["health"]),
    ):
        assert client.put(url).status_code == 405, url
        assert client.delete(url).status_code == 405, url
    membership.refresh_from_db()
    assert membership.end_date is None
