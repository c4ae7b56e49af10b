import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.conftest import LADDER
from roundtable.frameworks.models import Framework, FrameworkItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def nsedp(world):
    framework = Framework.objects.create(
        code="nsedp-9",
        kind="nsedp",
        name_en="9th NSEDP",
        name_lo="ແຜນພັດທະນາ ຄັ້ງທີ IX",
        start_year=2021,
        end_year=2025,
    )
    outcome = FrameworkItem.objects.create(
        framework=framework, level="outcome", code="2", title_en="Human resources", title_lo="ຊັບພະຍາກອນມະນຸດ"
    )
    output = FrameworkItem.objects.create(
        framework=framework,
        parent=outcome,
        level="output",
        code="2.1",
        title_en="Basic education",
        title_lo="ການສຶກສາຂັ້ນພື້ນຖານ",
    )
    FrameworkItem.objects.create(
        framework=framework,
        parent=output,
        level="indicator",
        code="2.1.1",
        title_en="Completion rate",
        title_lo="ອັດຕາຮຽນຈົບ",
    )
    world.health.nsedp_outcomes.add(outcome)
    return framework


def url(name, *args, lang="en"):
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"frameworks:{name}", args=args)


@pytest.mark.parametrize("persona", LADDER)
def test_everyone_sees_the_list_and_the_tree_without_edit_links_unless_rtp(world, nsedp, client_for, persona):
    client = client_for(world.user(persona))
    listing = client.get(url("list"))
    assert listing.status_code == 200
    assert "9th NSEDP" in listing.text
    page = client.get(url("detail", "nsedp-9"))
    assert page.status_code == 200
    for anchor in ('id="item-2"', 'id="item-2.1"', 'id="item-2.1.1"'):
        assert anchor in page.text
    assert "Completion rate" in page.text
    item = FrameworkItem.objects.get(code="2.1")
    edit_link = url("item_edit", "nsedp-9", item.pk)
    assert (edit_link in page.text) is (persona == "rtp")
    assert ('id="history"' in page.text) is (persona == "rtp")


def test_the_tree_nests_indicators_under_outputs_under_outcomes(world, nsedp, client):
    text = client.get(url("detail", "nsedp-9")).text
    assert text.index('id="item-2"') < text.index('id="item-2.1"') < text.index('id="item-2.1.1"')


def test_the_tree_shows_the_groups_linked_to_an_outcome(world, nsedp, client):
    assert (
        world.health.get_absolute_url().replace("/lo/", "/en/") in client.get(url("detail", "nsedp-9")).text
    )


def test_pages_speak_lao_under_lo_and_english_under_en(world, nsedp, client):
    lao = client.get(url("detail", "nsedp-9", lang="lo"))
    assert lao.status_code == 200 and "ຊັບພະຍາກອນມະນຸດ" in lao.text and "Human resources" not in lao.text
    listing = client.get(url("list", lang="lo")).text
    assert "ແຜນ ແລະ ເປົ້າໝາຍ ທີ່ໜ່ວຍງານຂະແໜງການມຸ່ງໄປສູ່" in listing and "The plans and goals" not in listing
    assert "ຕົວຊີ້ວັດ" in lao.text  # the level badges
    english = client.get(url("detail", "nsedp-9"))
    assert "Human resources" in english.text and "ຊັບພະຍາກອນມະນຸດ" not in english.text


def test_a_missing_title_falls_back_to_the_other_language(world, nsedp, client):
    FrameworkItem.objects.filter(code="2.1.1").update(title_lo="")
    assert "Completion rate" in client.get(url("detail", "nsedp-9", lang="lo")).text


def test_an_unknown_framework_is_not_found(world, client):
    assert client.get(url("detail", "nothing")).status_code == 404


def add_items(framework: Framework, n: int, start: int) -> None:
    for i in range(start, start + n):
        outcome = FrameworkItem.objects.create(
            framework=framework, level="outcome", code=f"{i}", title_en=f"O{i}"
        )
        output = FrameworkItem.objects.create(
            framework=framework, parent=outcome, level="output", code=f"{i}.1", title_en=f"P{i}"
        )
        FrameworkItem.objects.create(
            framework=framework, parent=output, level="indicator", code=f"{i}.1.1", title_en="I"
        )


def count_queries(client, path: str) -> int:
    """The queries of rendering the page (not of serving it from the page cache)."""
    with override_settings(RT_PAGE_CACHE=False), CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["anonymous", "rtp"])
def test_the_tree_costs_the_same_queries_with_ten_times_the_items(world, nsedp, client_for, persona):
    client = client_for(world.user(persona))
    path = url("detail", "nsedp-9")
    add_items(nsedp, 3, 10)
    client.get(path)  # warm up the session and caches
    small = count_queries(client, path)
    add_items(nsedp, 30, 100)
    assert count_queries(client, path) == small


def test_the_list_costs_the_same_queries_with_ten_times_the_frameworks(world, client):
    for i in range(2):
        Framework.objects.create(code=f"f{i}", kind="vd", name_en=f"F{i}")
    client.get(url("list"))
    small = count_queries(client, url("list"))
    for i in range(2, 20):
        Framework.objects.create(code=f"f{i}", kind="vd", name_en=f"F{i}")
    assert count_queries(client, url("list")) == small


# --- editing ---------------------------------------------------------------------------------------

EDITORS = {"rtp"}


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_rtp_secretariat_opens_the_editing_pages(world, nsedp, client_for, persona):
    client = client_for(world.user(persona))
    item = FrameworkItem.objects.get(code="2.1")
    for path in (
        url("item_edit", "nsedp-9", item.pk),
        url("item_add", "nsedp-9"),
        url("item_delete", "nsedp-9", item.pk),
        url("edit", "nsedp-9"),
    ):
        response = client.get(path)
        if persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == (200 if persona in EDITORS else 403), path


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_rtp_secretariat_changes_an_item(world, nsedp, client_for, persona):
    item = FrameworkItem.objects.get(code="2.1")
    data = {"code": "2.1", "title_lo": "ໃໝ່", "title_en": "New title", "short_lo": "", "short_en": "Short"}
    client_for(world.user(persona)).post(url("item_edit", "nsedp-9", item.pk), data)
    item.refresh_from_db()
    assert (item.title_en == "New title") is (persona in EDITORS)


def test_an_edit_is_kept_in_the_history_with_who_made_it_and_shown_to_the_rtp(world, nsedp, client_for):
    rtp = world.user("rtp")
    client = client_for(rtp)
    item = FrameworkItem.objects.get(code="2.1")
    data = {
        "code": "2.1",
        "title_lo": "ການສຶກສາ",
        "title_en": "Quality basic education",
        "short_lo": "",
        "short_en": "",
    }
    response = client.post(url("item_edit", "nsedp-9", item.pk), data)
    assert response.status_code == 302 and response["Location"].endswith("#item-2.1")
    record = item.history.first()
    assert record.history_user == rtp and record.title_en == "Quality basic education"
    page = client.get(url("item_edit", "nsedp-9", item.pk))
    assert 'id="history"' in page.text and "Quality basic education" in page.text


def test_an_item_code_must_stay_unique_within_its_framework(world, nsedp, client_for):
    item = FrameworkItem.objects.get(code="2.1")
    data = {"code": "2.1.1", "title_lo": "", "title_en": "x", "short_lo": "", "short_en": ""}
    response = client_for(world.user("rtp")).post(url("item_edit", "nsedp-9", item.pk), data)
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.code == "2.1"


def test_an_item_needs_a_title_in_at_least_one_language(world, nsedp, client_for):
    item = FrameworkItem.objects.get(code="2.1")
    data = {"code": "2.1", "title_lo": " ", "title_en": "", "short_lo": "", "short_en": ""}
    response = client_for(world.user("rtp")).post(url("item_edit", "nsedp-9", item.pk), data)
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.title_en == "Basic education"


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_rtp_secretariat_adds_an_item_below_another(world, nsedp, client_for, persona):
    parent = FrameworkItem.objects.get(code="2.1")
    data = {
        "parent": parent.pk,
        "level": "indicator",
        "code": "2.1.2",
        "title_lo": "",
        "title_en": "Teachers trained",
    }
    data |= {"short_lo": "", "short_en": ""}
    client_for(world.user(persona)).post(url("item_add", "nsedp-9"), data)
    added = FrameworkItem.objects.filter(framework=nsedp, code="2.1.2").first()
    assert (added is not None) is (persona in EDITORS)
    if added:
        assert added.parent == parent


def test_the_add_form_proposes_the_level_and_code_below_the_chosen_parent(world, nsedp, client_for):
    parent = FrameworkItem.objects.get(code="2")
    page = client_for(world.user("rtp")).get(url("item_add", "nsedp-9") + f"?parent={parent.pk}")
    assert page.context["form"].initial == {"parent": parent, "code": "2.", "level": "output"}


def test_an_item_cannot_be_added_under_a_parent_of_another_framework(world, nsedp, client_for):
    other = Framework.objects.create(code="vd-2016", kind="vd", name_en="VD")
    foreign = FrameworkItem.objects.create(
        framework=other, level="principle", code="P1", title_en="Ownership"
    )
    data = {
        "parent": foreign.pk,
        "level": "indicator",
        "code": "9",
        "title_en": "x",
        "title_lo": "",
        "short_lo": "",
        "short_en": "",
    }
    response = client_for(world.user("rtp")).post(url("item_add", "nsedp-9"), data)
    assert response.status_code == 200
    assert not FrameworkItem.objects.filter(framework=nsedp, code="9").exists()


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_rtp_secretariat_removes_an_item_with_everything_below_it(world, nsedp, client_for, persona):
    item = FrameworkItem.objects.get(code="2.1")
    client_for(world.user(persona)).post(url("item_delete", "nsedp-9", item.pk))
    remaining = set(nsedp.items.values_list("code", flat=True))
    assert remaining == ({"2"} if persona in EDITORS else {"2", "2.1", "2.1.1"})


def test_removing_asks_for_confirmation_and_says_what_goes_with_it(world, nsedp, client_for):
    item = FrameworkItem.objects.get(code="2")
    page = client_for(world.user("rtp")).get(url("item_delete", "nsedp-9", item.pk))
    assert page.status_code == 200 and "2 items below it" in page.text
    assert nsedp.items.count() == 3


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_rtp_secretariat_edits_the_framework_header(world, nsedp, client_for, persona):
    data = {"name_lo": "ແຜນ IX", "name_en": "Ninth plan", "start_year": 2021, "end_year": 2025}
    data |= {"description_lo": "", "description_en": "", "source_lo": "", "source_en": ""}
    client_for(world.user(persona)).post(url("edit", "nsedp-9"), data)
    nsedp.refresh_from_db()
    assert (nsedp.name_en == "Ninth plan") is (persona in EDITORS)


def test_a_framework_period_cannot_end_before_it_starts(world, nsedp, client_for):
    data = {
        "name_lo": "",
        "name_en": "X",
        "start_year": 2025,
        "end_year": 2021,
        "description_lo": "",
        "description_en": "",
        "source_lo": "",
        "source_en": "",
    }
    assert client_for(world.user("rtp")).post(url("edit", "nsedp-9"), data).status_code == 200
    nsedp.refresh_from_db()
    assert nsedp.name_en == "9th NSEDP"


def test_the_source_is_shown_in_the_pages_language_falling_back_to_english(world, nsedp, client):
    nsedp.source_en = "Ministry of Planning and Investment, 2021."
    nsedp.source_lo = "ກະຊວງແຜນການ ແລະ ການລົງທຶນ, 2021."
    nsedp.save()
    lao = client.get(url("detail", "nsedp-9", lang="lo")).text
    assert "ກະຊວງແຜນການ ແລະ ການລົງທຶນ, 2021." in lao and "Ministry of Planning and Investment, 2021." not in lao
    english = client.get(url("detail", "nsedp-9")).text
    assert (
        "Ministry of Planning and Investment, 2021." in english
        and "ກະຊວງແຜນການ ແລະ ການລົງທຶນ, 2021." not in english
    )
    nsedp.source_lo = ""
    nsedp.save()
    assert (
        "Ministry of Planning and Investment, 2021." in client.get(url("detail", "nsedp-9", lang="lo")).text
    )


def test_the_rtp_secretariat_edits_the_source_in_both_languages(world, nsedp, client_for):
    data = {"name_lo": "ແຜນ IX", "name_en": "Ninth plan", "start_year": 2021, "end_year": 2025}
    data |= {"description_lo": "", "description_en": "", "source_lo": "ແຫຼ່ງ", "source_en": "Source"}
    assert client_for(world.user("rtp")).post(url("edit", "nsedp-9"), data).status_code == 302
    nsedp.refresh_from_db()
    assert (nsedp.source_lo, nsedp.source_en) == ("ແຫຼ່ງ", "Source")


def test_an_illustrative_item_says_so_on_the_page_and_in_the_api(world, nsedp, client):
    FrameworkItem.objects.filter(code="2.1").update(illustrative=True)
    page = client.get(url("detail", "nsedp-9")).content.decode()
    assert page.count(">illustrative</span>") == 1
    assert "1 item marked “illustrative” is an invented example" in page
    lao = client.get(url("detail", "nsedp-9", lang="lo")).content.decode()
    assert 'id="illustrative-note"' in lao
    api = client.get("/api/v1/framework-items/?framework=nsedp-9").json()["results"]
    assert {row["code"]: row["illustrative"] for row in api} == {"2": False, "2.1": True, "2.1.1": False}


def test_a_framework_without_illustrative_items_has_no_note(world, nsedp, client):
    assert 'id="illustrative-note"' not in client.get(url("detail", "nsedp-9")).content.decode()


def test_the_rtp_secretariat_marks_an_item_illustrative(world, nsedp, client_for):
    item = FrameworkItem.objects.get(code="2.1")
    response = client_for(world.user("rtp")).post(
        url("item_edit", "nsedp-9", item.pk),
        {"code": "2.1", "title_lo": item.title_lo, "title_en": item.title_en, "illustrative": "on"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.illustrative
