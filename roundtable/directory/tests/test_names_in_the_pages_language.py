"""English pages in English, Lao pages in Lao: a person's or an organisation's name is shown in the page's
language where it has one, and in the other where it has only that one."""

import pytest

from roundtable.directory.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "lang,shown,hidden",
    [("en", "Ministry of Health", "ກະຊວງສາທາລະນະສຸກ"), ("lo", "ກະຊວງສາທາລະນະສຸກ", "Ministry of Health")],
)
def test_the_organisation_list_names_each_organisation_in_the_pages_language(
    world, client, lang, shown, hidden
):
    body = client.get(f"/{lang}/directory/organisations/").content.decode()
    assert shown in body and hidden not in body


def test_an_organisation_with_a_name_in_one_language_only_is_named_in_it_on_both_pages(world, client):
    Organisation.objects.create(name_lo="ສະມາຄົມທົດລອງ", acronym="TST", kind="npa")
    for lang in ("en", "lo"):
        assert "ສະມາຄົມທົດລອງ" in client.get(f"/{lang}/directory/organisations/").content.decode()


@pytest.mark.parametrize(
    "lang,shown,hidden", [("en", "Vanh Keomany", "ວັນ ແກ້ວມະນີ"), ("lo", "ວັນ ແກ້ວມະນີ", "Vanh Keomany")]
)
def test_the_people_list_names_each_person_in_the_pages_language(world, client_for, lang, shown, hidden):
    body = client_for(world.user("rtp")).get(f"/{lang}/directory/people/").content.decode()
    assert shown in body and hidden not in body
