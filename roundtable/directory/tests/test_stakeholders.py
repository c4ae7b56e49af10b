from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.conftest import LADDER
from roundtable.directory.models import Membership, Person

READERS = {"member", "secretariat", "rtp"}
MANAGERS = {"secretariat", "rtp"}


def _expect(response, persona, allowed):
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == (200 if persona in allowed else 403)


@pytest.mark.parametrize("persona", LADDER)
def test_stakeholder_list_is_for_the_groups_members_and_the_rtp_secretariat(world, client_for, persona):
    response = client_for(world.user(persona)).get(reverse("directory:stakeholders", args=["health"]))
    _expect(response, persona, READERS)
    if persona in READERS:
        html = response.content.decode()
        dara = world.people["stakeholder"]
        assert dara.name_lo in html and dara.email in html and dara.phone in html
        assert world.people["other_member"].name_lo not in html
        assert ("membership_edit" in html or "/edit/" in html) is (persona in MANAGERS)


@pytest.mark.parametrize("persona", LADDER)
def test_stakeholder_list_export_follows_the_list(world, client_for, persona):
    response = client_for(world.user(persona)).get(reverse("directory:stakeholders_export", args=["health"]))
    _expect(response, persona, READERS)


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_secretariat_may_add_edit_and_end_memberships(world, client_for, persona):
    client = client_for(world.user(persona))
    membership = Membership.objects.get(person=world.people["stakeholder"], group=world.health)
    for url in (
        reverse("directory:stakeholder_add", args=["health"]),
        reverse("directory:stakeholders_import", args=["health"]),
        reverse("directory:membership_edit", args=[membership.pk]),
        reverse("directory:membership_end", args=[membership.pk]),
    ):
        _expect(client.get(url), persona, MANAGERS)


@pytest.mark.parametrize("persona", [p for p in LADDER if p not in MANAGERS])
def test_nobody_else_can_end_a_membership_by_posting(world, client_for, persona):
    membership = Membership.objects.get(person=world.people["stakeholder"], group=world.health)
    response = client_for(world.user(persona)).post(reverse("directory:membership_end", args=[membership.pk]))
    assert response.status_code in (302, 403)
    membership.refresh_from_db()
    assert membership.end_date is None


def test_secretariat_of_the_swg_manages_the_sub_swg_list(world, client_for):
    client = client_for(world.user("secretariat"))
    assert client.get(reverse("directory:stakeholder_add", args=["health-hpf"])).status_code == 200
    assert (
        client_for(world.user("member"))
        .get(reverse("directory:stakeholders", args=["health-hpf"]))
        .status_code
        == 403
    )


def test_unknown_group_is_404(world, client_for):
    assert (
        client_for(world.user("rtp")).get(reverse("directory:stakeholders", args=["nope"])).status_code == 404
    )


def test_list_can_be_searched_by_name_email_and_organisation(world, client_for):
    client = client_for(world.user("secretariat"))
    url = reverse("directory:stakeholders", args=["health"])
    dara, noy = world.people["stakeholder"], world.people["member"]
    html = client.get(url, {"q": "dara.private"}).content.decode()
    assert dara.name_lo in html and noy.name_lo not in html
    html = client.get(url, {"q": "ດາລາ"}).content.decode()
    assert dara.name_lo in html and noy.name_lo not in html
    html = client.get(url, {"q": "JP"}).content.decode()
    assert world.people["cochair"].name_lo in html and dara.name_lo not in html


def test_list_filters_by_role_and_organisation_kind(world, client_for):
    client = client_for(world.user("secretariat"))
    url = reverse("directory:stakeholders", args=["health"])
    html = client.get(url, {"role": "secretariat"}).content.decode()
    assert world.people["secretariat"].name_lo in html and world.people["member"].name_lo not in html
    html = client.get(url, {"kind": "bilateral"}).content.decode()
    assert world.people["cochair"].name_lo in html and world.people["member"].name_lo not in html


def test_ended_memberships_leave_the_current_list_and_show_under_ended(world, client_for):
    client = client_for(world.user("secretariat"))
    membership = Membership.objects.get(person=world.people["stakeholder"], group=world.health)
    membership.start_date, membership.end_date = date(2020, 1, 1), date(2021, 1, 1)
    membership.save()
    url = reverse("directory:stakeholders", args=["health"])
    dara = world.people["stakeholder"]
    assert dara.name_lo not in client.get(url).content.decode()
    html = client.get(url, {"status": "ended"}).content.decode()
    assert dara.name_lo in html and world.people["member"].name_lo not in html
    # Dara no longer shares a group with Noy: Noy sees the ended row without contacts.
    html = client_for(world.user("member")).get(url, {"status": "ended"}).content.decode()
    assert dara.name_lo in html and dara.email not in html


def test_members_cannot_find_a_former_member_by_a_hidden_email(world, client_for):
    membership = Membership.objects.get(person=world.people["stakeholder"], group=world.health)
    membership.start_date, membership.end_date = date(2020, 1, 1), date(2021, 1, 1)
    membership.save()
    url = reverse("directory:stakeholders", args=["health"])
    html = client_for(world.user("member")).get(url, {"q": "dara.private", "status": "all"}).content.decode()
    assert world.people["stakeholder"].name_lo not in html


def test_search_box_gets_the_results_fragment_with_htmx(world, client_for):
    client = client_for(world.user("secretariat"))
    response = client.get(
        reverse("directory:stakeholders", args=["health"]), {"q": "ດາລາ"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert world.people["stakeholder"].name_lo in html and "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_secretariat_adds_an_existing_person(world, client_for):
    client = client_for(world.user("secretariat"))
    khamla = world.people["other_member"]
    response = client.post(
        reverse("directory:stakeholder_add", args=["health"]),
        {"person": khamla.pk, "role": "member", "start_date": "2025-03-01"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=khamla, group=world.health)
    assert membership.organisation == world.moes and membership.start_date == date(2025, 3, 1)


def test_secretariat_adds_a_new_person_in_the_same_form(world, client_for):
    client = client_for(world.user("secretariat"))
    response = client.post(
        reverse("directory:stakeholder_add", args=["health"]),
        {
            "name_lo": "ແສງເດືອນ ພົມມະວົງ",
            "name_en": "Sengdeuane Phommavong",
            "position": "Technical officer",
            "person_organisation": world.who.pk,
            "email": "sengdeuane@example.la",
            "role": "member",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="sengdeuane@example.la")
    assert (
        Membership.objects.current()
        .filter(person=person, group=world.health, organisation=world.who)
        .exists()
    )
    html = client.get(reverse("directory:stakeholders", args=["health"]), {"q": "ແສງເດືອນ"}).content.decode()
    assert "ແສງເດືອນ ພົມມະວົງ" in html and "sengdeuane@example.la" in html


def test_add_form_refuses_nobody_and_a_duplicate_and_keeps_the_input(world, client_for):
    client = client_for(world.user("secretariat"))
    url = reverse("directory:stakeholder_add", args=["health"])
    response = client.post(url, {"role": "member", "email": "someone@example.la", "position": "Adviser"})
    assert response.status_code == 200 and 'value="Adviser"' in response.content.decode()
    response = client.post(url, {"person": world.people["stakeholder"].pk, "role": "member"})
    assert response.status_code == 200
    assert Membership.objects.filter(person=world.people["stakeholder"], group=world.health).count() == 1


def test_secretariat_edits_a_membership(world, client_for):
    membership = Membership.objects.get(person=world.people["stakeholder"], group=world.health)
    response = client_for(world.user("secretariat")).post(
        reverse("directory:membership_edit", args=[membership.pk]),
        {
            "role": "secretariat",
            "organisation": world.japan.pk,
            "start_date": "2024-01-01",
            "end_date": "",
            "revision": 1,
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "secretariat" and membership.organisation == world.japan


def test_membership_edit_refuses_an_end_before_the_start(world, client_for):
    membership = Membership.objects.get(person=world.people["stakeholder"], group=world.health)
    response = client_for(world.user("secretariat")).post(
        reverse("directory:membership_edit", args=[membership.pk]),
        {"role": "member", "start_date": "2024-05-01", "end_date": "2024-01-01"},
    )
    assert response.status_code == 200 and 'value="2024-05-01"' in response.content.decode()


@time_machine.travel(date(2025, 6, 15))
def test_ending_asks_first_then_sets_today_as_end_date_and_keeps_the_row(world, client_for):
    client = client_for(world.user("secretariat"))
    membership = Membership.objects.get(person=world.people["stakeholder"], group=world.health)
    url = reverse("directory:membership_end", args=[membership.pk])
    response = client.get(url)
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.end_date is None
    assert client.post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == date(2025, 6, 15)
    # The end date is the last day of membership: from tomorrow the person is off the current list.
    assert not Membership.objects.current(on=date(2025, 6, 16)).filter(pk=membership.pk).exists()
    assert Membership.objects.filter(pk=membership.pk).exists()


def _stakeholder_list_queries(client, world, extra: int) -> int:
    people = Person.objects.bulk_create(
        [
            Person(
                name_en=f"Extra {i:03}",
                name_lo=f"ເພີ່ມ {i:03}",
                organisation=world.who,
                email=f"x{i}@example.la",
            )
            for i in range(extra)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(person=p, group=world.health, organisation=world.who) for p in people]
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("directory:stakeholders", args=["health"]), {"status": "all"})
        assert response.status_code == 200
    Person.objects.filter(name_en__startswith="Extra ").delete()
    return len(queries)


@pytest.mark.parametrize("persona", ["member", "rtp"])
def test_stakeholder_list_queries_do_not_grow_with_rows(world, client_for, persona):
    client = client_for(world.user(persona))
    assert _stakeholder_list_queries(client, world, 4) == _stakeholder_list_queries(client, world, 40)


def test_membership_history_is_shown_to_the_rtp_secretariat_on_its_edit_page(world, client_for):
    membership = Membership.objects.get(person=world.people["stakeholder"], group=world.health)
    url = reverse("directory:membership_edit", args=[membership.pk])
    client = client_for(world.user("secretariat"))
    client.post(
        url, {"role": "secretariat", "organisation": world.who.pk, "start_date": "2024-01-01", "revision": 1}
    )
    assert 'id="history"' not in client.get(url).content.decode()
    html = client_for(world.user("rtp")).get(url).content.decode()
    assert 'id="history"' in html and "health-secretariat" in html
