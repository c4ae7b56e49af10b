"""The import's preview tells nothing about a person whose contact details the importer may not see (issue 8).

The Education secretariat imports into its own list. Dara (Health), Noy (Health) and Somchai (RTP Secretariat,
in no group) are people whose email and phone it may not see: a row that would match one of them by email,
or would test a contact detail against theirs, is refused with one neutral message, the same for all.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roundtable.directory.importing.planning import hidden_entry_message
from roundtable.directory.models import Membership, Person

URL = "/{lang}/directory/groups/education/stakeholders/import/"
HEADER = "name_lo,name_en,organisation,email,phone\n"


@pytest.fixture
def education(world, client_for):
    return client_for(world.user("other_secretariat"))


def preview(client, row: str, lang: str = "en") -> str:
    file = SimpleUploadedFile("people.csv", (HEADER + row + "\n").encode())
    return client.post(URL.format(lang=lang), {"kind": "people", "file": file}).content.decode()


def result_cells(html: str) -> str:
    """What the preview says of its one row (name, outcome, list, errors), without the page around it."""
    body = re.search(r"<tbody>(.*)</tbody>", html, re.S).group(1)
    return re.sub(r"\s+", " ", body).strip()


def owner_details(person: Person) -> list[str]:
    org = person.organisation
    return [person.name_en, person.name_lo, person.phone, org.name_en, org.name_lo, org.acronym]


def test_an_email_of_a_person_one_may_not_see_is_refused_without_saying_whose(world, education):
    dara = world.people["stakeholder"]
    html = preview(education, ",Someone,MOES,dara.private@example.la,")
    assert hidden_entry_message() in html and 'name="token"' not in html
    cells = result_cells(html)
    assert not [detail for detail in owner_details(dara) if detail in cells]
    assert "already on the list" not in cells and "badge" not in cells


def test_a_guessed_name_for_a_hidden_email_is_neither_confirmed_nor_denied(world, education):
    right = result_cells(preview(education, "ດາລາ ສຸວັນນະສີ,Dara Souvannasy,WHO,dara.private@example.la,"))
    wrong = result_cells(preview(education, "ສົມ ເດົາ,Som Guess,MOES,dara.private@example.la,"))
    assert hidden_entry_message() in right
    # Once the names the file gave are set aside, the two answers are the same.
    assert right.replace("Dara Souvannasy", "…") == wrong.replace("Som Guess", "…")


def test_the_lao_preview_does_not_show_the_directorys_name_for_a_hidden_email(world, education):
    html = preview(education, ",Dara Souvannasy,WHO,dara.private@example.la,", lang="lo")
    assert "ດາລາ" not in result_cells(html)


@pytest.mark.parametrize("other", ["health-member@example.la", "rtp@example.la", "twice@example.la"])
def test_every_hidden_email_gives_the_same_preview_whoever_owns_it(world, education, other):
    """Dara and Noy (Health), Somchai (no group), two people sharing an address: one answer."""
    if other == "twice@example.la":
        Person.objects.filter(pk__in=[world.people["member"].pk, world.people["cochair"].pk]).update(
            email=other
        )
    reference = result_cells(preview(education, ",Someone,MOES,dara.private@example.la,"))
    answer = result_cells(preview(education, f",Someone,MOES,{other},"))
    assert hidden_entry_message() in reference and answer == reference


def test_a_hidden_email_and_an_invalid_one_are_both_refused_and_neither_names_an_owner(world, education):
    dara = world.people["stakeholder"]
    for row in (",Someone,MOES,dara.private@example.la,", ",Someone,MOES,dara.private@,"):
        html = preview(education, row)
        cells = result_cells(html)
        assert 'class="errorlist"' in cells and 'name="token"' not in html
        assert not [detail for detail in owner_details(dara) if detail in cells]


def test_a_phone_cannot_be_tested_against_a_hidden_persons_by_name(world, education):
    """Without an email the row matches by name and organisation; a phone given would be compared."""
    right = result_cells(preview(education, "ດາລາ ສຸວັນນະສີ,Dara Souvannasy,WHO,,+856 20 9999 1234"))
    wrong = result_cells(preview(education, "ດາລາ ສຸວັນນະສີ,Dara Souvannasy,WHO,,+856 20 0000 0000"))
    assert hidden_entry_message() in right
    assert right.replace("9999 1234", "0000 0000") == wrong


def test_a_new_email_for_a_hidden_namesake_tells_nothing_of_whether_they_have_one(world, education):
    """Dara has an email, Noy's is cleared: a row with a new address answers the same for both."""
    noy = world.people["member"]
    Person.objects.filter(pk=noy.pk).update(email="")
    dara = result_cells(preview(education, ",Dara Souvannasy,WHO,new.address@example.la,"))
    noy_answer = result_cells(preview(education, ",Noy Chanthavong,WHO,new.address@example.la,"))
    assert hidden_entry_message() in dara
    assert dara.replace("Dara Souvannasy", "Noy Chanthavong") == noy_answer
    assert Person.objects.get(pk=noy.pk).email == ""


def test_a_hidden_person_may_be_put_on_the_list_by_name_and_organisation_alone(world, education):
    html = preview(education, ",Dara Souvannasy,WHO,,")
    assert 'name="token"' in html and "unchanged" in html
    token = education.session["directory_import"]["token"]
    education.post("/en/directory/import/confirm/", {"token": token})
    dara = world.people["stakeholder"]
    assert Membership.objects.current().filter(person=dara, group=world.education).exists()
    assert Person.objects.get(pk=dara.pk).phone == "+856 20 9999 1234"


def test_a_person_whose_contacts_one_sees_is_matched_by_email_as_before(world, education):
    khamla = world.people["other_member"]  # Education, like the importer
    html = preview(education, f"{khamla.name_lo},{khamla.name_en},MOES,{khamla.email},")
    assert 'name="token"' in html and hidden_entry_message() not in html
    assert "already on the list" in html


def test_the_rtp_secretariat_sees_everyone_and_matches_every_email(world, client_for):
    client = client_for(world.user("rtp"))
    file = SimpleUploadedFile(
        "people.csv", (HEADER + ",Dara Souvannasy,WHO,dara.private@example.la,\n").encode()
    )
    html = client.post("/en/directory/import/", {"kind": "people", "file": file}).content.decode()
    assert 'name="token"' in html and "unchanged" in html
