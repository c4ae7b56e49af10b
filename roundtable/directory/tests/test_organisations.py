import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.conftest import LADDER
from roundtable.directory.models import Organisation, Person

EDITORS = {"other_secretariat", "secretariat", "rtp"}
PRIVATE_BITS = ["@example.la", "+856 20"]


@pytest.mark.parametrize("persona", LADDER)
def test_everyone_can_read_the_organisations_list_and_pages(world, client_for, persona):
    client = client_for(world.user(persona))
    for url in (reverse("directory:organisations"), reverse("directory:organisation", args=[world.who.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert world.who.name_lo in response.content.decode()


@pytest.mark.parametrize("persona", LADDER)
def test_only_secretariats_may_add_or_edit_organisations(world, client_for, persona):
    client = client_for(world.user(persona))
    for url in (
        reverse("directory:organisation_add"),
        reverse("directory:organisation_edit", args=[world.who.pk]),
    ):
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == (200 if persona in EDITORS else 403)


def test_outsider_cannot_post_an_organisation(world, client_for):
    response = client_for(world.user("outsider")).post(
        reverse("directory:organisation_add"), {"name_en": "Sneaky", "kind": "other"}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name_en="Sneaky").exists()


def test_public_organisation_page_shows_its_facts_and_groups_but_no_contacts(world, client):
    world.who.iati_identifier = "XM-DAC-928"
    world.who.website = "https://www.who.int/"
    world.who.save()
    html = client.get(reverse("directory:organisation", args=[world.who.pk])).content.decode()
    assert "ອົງການອະນາໄມໂລກ" in html and "XM-DAC-928" in html and "https://www.who.int/" in html
    assert world.health.name_lo in html  # WHO is on the Health SWG's list
    for bit in PRIVATE_BITS:
        assert bit not in html
    # People are not named to the public either.
    assert world.people["stakeholder"].name_lo not in html


def test_organisation_page_shows_chaired_and_led_groups(world, client):
    html = client.get("/en" + reverse("directory:organisation", args=[world.japan.pk])[3:]).content.decode()
    assert "Health" in html and "Co-chair" in html
    html = client.get("/en" + reverse("directory:organisation", args=[world.moh.pk])[3:]).content.decode()
    assert "Lead ministry" in html and "Chair" in html


@pytest.mark.parametrize("persona", LADDER)
def test_no_public_list_or_page_ever_contains_an_email_or_phone(world, client_for, persona):
    client = client_for(world.user(persona))
    for org in Organisation.objects.all():
        html = client.get(reverse("directory:organisation", args=[org.pk])).content.decode()
        for person in world.people.values():
            assert person.email not in html
            assert person.phone not in html
    html = client.get(reverse("directory:organisations")).content.decode()
    assert "@example.la" not in html


def test_organisations_can_be_searched_by_name_or_acronym_and_filtered_by_kind(world, client):
    url = reverse("directory:organisations")
    html = client.get(url, {"q": "ອະນາໄມ"}).content.decode()
    assert "ອົງການອະນາໄມໂລກ" in html and "ກະຊວງສາທາລະນະສຸກ" not in html
    html = client.get(url, {"q": "moes"}).content.decode()
    assert "ກະຊວງສຶກສາທິການ" in html and "ອົງການອະນາໄມໂລກ" not in html
    html = client.get(url, {"kind": "bilateral"}).content.decode()
    assert "ສະຖານທູດຍີ່ປຸ່ນ" in html and "ກະຊວງສາທາລະນະສຸກ" not in html


def test_the_search_box_answers_htmx_with_the_results_fragment_only(world, client):
    response = client.get(reverse("directory:organisations"), {"q": "WHO"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "ອົງການອະນາໄມໂລກ" in html and "<html" not in html


def test_organisation_pages_work_in_english(world, client):
    html = client.get(f"/en/directory/organisations/{world.who.pk}/").content.decode()
    assert "World Health Organization" in html and "Multilateral partner" in html


def test_secretariat_creates_an_organisation_and_the_form_keeps_input_on_error(world, client_for):
    client = client_for(world.user("secretariat"))
    response = client.post(
        reverse("directory:organisation_add"),
        {"name_lo": "ອົງການທົດລອງ", "name_en": "", "acronym": "TST", "kind": "", "website": "not a url"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="ອົງການທົດລອງ"' in html and 'value="TST"' in html
    assert not Organisation.objects.filter(acronym="TST").exists()
    response = client.post(
        reverse("directory:organisation_add"),
        {
            "name_lo": "ອົງການທົດລອງ",
            "name_en": "Test Agency",
            "acronym": "TST",
            "kind": "ingo",
            "country": "fr",
        },
    )
    created = Organisation.objects.get(acronym="TST")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.country == "FR"


def test_edit_is_kept_in_the_history_that_only_the_rtp_secretariat_reads(world, client_for):
    client = client_for(world.user("secretariat"))
    data = {
        "name_lo": world.who.name_lo,
        "name_en": world.who.name_en,
        "acronym": "WHO",
        "kind": "multilateral",
    }
    data["website"] = "https://who.example/"
    assert client.post(reverse("directory:organisation_edit", args=[world.who.pk]), data).status_code == 302
    url = reverse("directory:organisation", args=[world.who.pk])
    assert 'id="history"' not in client.get(url).content.decode()
    html = client_for(world.user("rtp")).get(url).content.decode()
    assert 'id="history"' in html and "https://who.example/" in html and "health-secretariat" in html


def _organisations_list_queries(client, extra: int) -> int:
    Organisation.objects.bulk_create(
        [Organisation(name_en=f"Partner {i:03}", name_lo=f"ຄູ່ຮ່ວມ {i:03}", kind="ingo") for i in range(extra)]
    )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("directory:organisations")).status_code == 200
    Organisation.objects.filter(name_en__startswith="Partner ").delete()
    return len(queries)


def test_organisations_list_queries_do_not_grow_with_rows(world, client_for):
    client = client_for(world.user("rtp"))
    assert _organisations_list_queries(client, 4) == _organisations_list_queries(client, 40)


def test_a_large_organisation_names_its_first_people_and_links_to_the_rest(world, client_for):
    from roundtable.directory.views.organisations import PEOPLE_SHOWN

    Person.objects.bulk_create(
        Person(name_en=f"Officer {i:03d}", name_lo=f"ພະນັກງານ {i:03d}", organisation=world.who)
        for i in range(PEOPLE_SHOWN + 10)
    )
    total = world.who.people.count()
    client = client_for(world.user("member"))
    html = client.get("/en" + reverse("directory:organisation", args=[world.who.pk])[3:]).content.decode()
    section = html[html.index("<h2>People</h2>") :]
    assert section.count('href="/en/directory/people/') == PEOPLE_SHOWN + 1  # the names and the link
    assert f"All {total} people of this organisation" in section
    assert "/en/directory/people/?q=WHO" in section
    # The link leads to all of them.
    listed = client.get("/en/directory/people/", {"q": "WHO"}).context["page_obj"].paginator.count
    assert listed == total


def test_a_small_organisation_lists_its_people_without_a_link_to_more(world, client_for):
    html = client_for(world.user("member")).get(reverse("directory:organisation", args=[world.moh.pk]))
    assert "directory/people/?q=" not in html.content.decode()
    assert world.people["chair"].name_lo in html.content.decode()
