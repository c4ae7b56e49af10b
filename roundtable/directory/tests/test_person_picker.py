"""The person picker of "Add a person to the stakeholder list": a search, not a <select> of everyone."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from roundtable.conftest import LADDER
from roundtable.directory.models import Membership, Organisation, Person
from roundtable.directory.views.stakeholders import PICKER_LIMIT

ADD = reverse("directory:stakeholder_add", args=["health"])
with translation.override("en"):
    ADD_EN = reverse("directory:stakeholder_add", args=["health"])
HTMX = {"HTTP_HX_REQUEST": "true"}


def radio(person: Person) -> str:
    return f'name="person" value="{person.pk}"'


def test_the_page_lists_nobody_until_the_secretariat_searches(world, client_for):
    html = client_for(world.user("secretariat")).get(ADD).content.decode()
    assert "<select" in html  # organisation and role still are selects
    assert 'name="person" value="' + str(world.people["other_member"].pk) not in html
    assert world.people["other_member"].name_lo not in html
    assert 'name="find"' in html


def test_searching_by_name_shows_the_matching_people_as_choices_without_javascript(world, client_for):
    khamla = world.people["other_member"]
    html = client_for(world.user("secretariat")).get(ADD, {"find": "ຄຳຫຼ້າ"}).content.decode()
    assert radio(khamla) in html
    assert radio(world.people["rtp"]) not in html
    assert "<html" in html  # the whole page: the search works as a plain GET form
    assert 'value="ຄຳຫຼ້າ"' in html  # the search box keeps the text


def test_searching_by_organisation_finds_its_people(world, client_for):
    html = client_for(world.user("secretariat")).get(ADD, {"find": "MOES"}).content.decode()
    assert radio(world.people["other_member"]) in html and radio(world.people["other_secretariat"]) in html
    assert radio(world.people["member"]) not in html


def test_the_htmx_search_answers_with_the_results_fragment_only(world, client_for):
    response = client_for(world.user("secretariat")).get(ADD, {"find": "Khamla"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert radio(world.people["other_member"]) in html
    assert 'type="hidden" name="find" value="Khamla"' in html  # a failed post shows the same results again
    assert "HX-Request" in response["Vary"]


def test_a_search_by_email_finds_nobody(world, client_for):
    """The searcher may not see the emails of people outside their groups: an email must not match."""
    html = client_for(world.user("secretariat")).get(ADD, {"find": "khamla"}).content.decode()
    assert radio(world.people["other_member"]) in html  # by name (Khamla Inthavong)
    for find in ("education-member@example.la", "education-member@", "@example.la"):
        html = client_for(world.user("secretariat")).get(ADD, {"find": find}, **HTMX).content.decode()
        assert 'name="person" value="' not in html.replace('name="person" value=""', "")
        assert world.people["other_member"].name_lo not in html


def test_people_already_on_the_list_are_shown_but_cannot_be_chosen(world, client_for):
    dara = world.people["stakeholder"]
    html = client_for(world.user("secretariat")).get(ADD, {"find": "Dara"}, **HTMX).content.decode()
    line = html[html.index(radio(dara)) :].split(">", 1)[0]
    assert "disabled" in line


def test_a_long_result_is_cut_with_a_note_to_narrow_the_search(world, client_for):
    org = Organisation.objects.create(name_en="Many People Agency", acronym="MPA", kind="agency")
    Person.objects.bulk_create(
        Person(name_en=f"Officer {i:03d}", name_lo=f"ພະນັກງານ {i:03d}", organisation=org)
        for i in range(PICKER_LIMIT + 5)
    )
    html = client_for(world.user("secretariat")).get(ADD_EN, {"find": "Officer"}, **HTMX).content.decode()
    assert html.count('name="person" value="') == PICKER_LIMIT + 1  # the matches and "a new person"
    assert "Officer 000" in html and f"Officer {PICKER_LIMIT:03d}" not in html
    assert "narrow the search" in html


def test_the_search_costs_the_same_queries_whatever_the_size_of_the_directory(world, client_for):
    org = Organisation.objects.create(name_en="Big Ministry", acronym="BIG", kind="ministry")
    client = client_for(world.user("secretariat"))
    counts = []
    for start, stop in ((0, 30), (30, 300)):
        Person.objects.bulk_create(
            Person(name_en=f"Staff {i:04d}", name_lo=f"ພະນັກງານ {i:04d}", organisation=org)
            for i in range(start, stop)
        )
        Membership.objects.bulk_create(
            Membership(person=person, group=world.health)
            for person in Person.objects.filter(organisation=org, memberships__isnull=True)[:5]
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(ADD, {"find": "Staff"}, **HTMX)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_person_found_by_the_search_is_added_and_a_refused_choice_stays_chosen(world, client_for):
    client = client_for(world.user("secretariat"))
    khamla = world.people["other_member"]
    # Chose Khamla and also typed a new person: refused, Khamla still chosen, the search still shown.
    response = client.post(
        ADD, {"find": "Khamla", "person": khamla.pk, "name_en": "Someone", "role": "member"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{radio(khamla)} checked" in html and 'value="Khamla"' in html
    response = client.post(ADD, {"find": "Khamla", "person": khamla.pk, "role": "member"})
    assert response.status_code == 302
    assert Membership.objects.current().filter(person=khamla, group=world.health).exists()


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_groups_secretariat_and_the_rtp_secretariat_may_search_the_picker(
    world, client_for, persona
):
    response = client_for(world.user(persona)).get(ADD, {"find": "Khamla"}, **HTMX)
    if persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if persona in {"secretariat", "rtp"} else 403)
        shown = world.people["other_member"].name_lo in response.content.decode()
        assert shown is (response.status_code == 200)


def test_another_method_than_get_or_post_is_refused(world, client_for):
    assert client_for(world.user("secretariat")).put(ADD).status_code == 405
