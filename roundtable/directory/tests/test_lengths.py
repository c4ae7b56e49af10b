"""Text has a maximum length in every form and import of the directory: longer input is refused with a message
and nothing is saved (issue 8). The directory's models have no unbounded text field (all CharFields with a
max_length): the forms' own fields and the import's cells are what needed bounds.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roundtable.directory.forms import (
    ImportForm,
    OrganisationFilterForm,
    PersonForm,
    StakeholderAddForm,
    StakeholderFilterForm,
)
from roundtable.directory.models import Membership, Person

LONG_EMAIL = (
    "a" * 290 + "@example.la"
)  # 301 characters: under the email validator's 320, over the field's 254


def test_a_new_persons_email_longer_than_the_field_is_a_form_error(world):
    form = StakeholderAddForm(
        {"name_en": "Long Mail", "email": LONG_EMAIL, "role": "member"}, group=world.health
    )
    assert not form.is_valid() and "email" in form.errors


def test_the_add_page_refuses_an_over_long_email_and_saves_nothing(world, client_for):
    client = client_for(world.user("secretariat"))
    response = client.post(
        "/en/directory/groups/health/stakeholders/add/",
        {"name_en": "Long Mail", "email": LONG_EMAIL, "role": "member", "start_date": "2026-01-05"},
    )
    assert response.status_code == 200 and "at most 254 characters" in response.content.decode()
    assert not Person.objects.filter(name_en="Long Mail").exists()
    assert not Membership.objects.filter(person__name_en="Long Mail").exists()


@pytest.mark.parametrize("form_class", [StakeholderFilterForm, OrganisationFilterForm])
def test_a_search_longer_than_100_characters_is_refused(form_class):
    assert form_class({"q": "x" * 100}).is_valid()
    form = form_class({"q": "x" * 101})
    assert not form.is_valid() and "q" in form.errors


@pytest.mark.parametrize(
    "url",
    ["/en/directory/groups/health/stakeholders/", "/en/directory/organisations/", "/en/directory/people/"],
)
def test_the_lists_answer_an_over_long_search_with_a_message_never_an_error(world, client_for, url):
    response = client_for(world.user("secretariat")).get(url, {"q": "ກ" * 3000})
    assert response.status_code == 200
    if "people" not in url:  # the people list has no form: its search is cut to 100 characters
        assert "at most 100 characters" in response.content.decode()


def test_a_persons_name_longer_than_the_field_is_refused_and_nothing_is_saved(world, client_for):
    client = client_for(world.user("rtp"))
    response = client.post("/en/directory/people/new/", {"name_en": "N" * 256, "preferred_language": "en"})
    assert response.status_code == 200 and "at most 255 characters" in response.content.decode()
    assert not Person.objects.filter(name_en__startswith="NNNN").exists()
    assert not PersonForm({"name_en": "N" * 256, "preferred_language": "en"}).is_valid()


def test_an_import_file_name_longer_than_200_characters_is_refused():
    form = ImportForm({"kind": "people"}, {"file": SimpleUploadedFile("x" * 200 + ".csv", b"a")})
    assert not form.is_valid() and "file" in form.errors


def _import_preview(client, text: str, kind: str = "people") -> str:
    file = SimpleUploadedFile("f.csv", text.encode())
    return client.post("/en/directory/import/", {"kind": kind, "file": file}).content.decode()


def test_an_imported_cell_over_its_columns_length_refuses_the_row_with_the_column_and_the_limit(
    world, client_for
):
    client = client_for(world.user("rtp"))
    text = (
        "title,name_lo,name_en,organisation,email\n"
        f"{'T' * 41},ກ,Good Name,WHO,one@example.la\n"
        f",ຂ,Other Name,{'O' * 5000},two@example.la\n"
    )
    html = _import_preview(client, text)
    assert "the “title” cell is too long: 41 characters, at most 40" in html
    assert "the “organisation” cell is too long: 5000 characters, at most 255" in html
    assert "O" * 256 not in html  # the cell is not echoed whole
    assert 'name="token"' not in html
    assert not Person.objects.filter(email__in=["one@example.la", "two@example.la"]).exists()


def test_an_imported_organisation_cell_over_its_length_is_refused(world, client_for):
    client = client_for(world.user("rtp"))
    text = f"name_lo,name_en,acronym,kind\nລາວ,Lao Org,{'A' * 41},other\n"
    html = _import_preview(client, text, kind="organisations")
    assert "the “acronym” cell is too long: 41 characters, at most 40" in html and 'name="token"' not in html
