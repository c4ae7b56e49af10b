from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.conftest import LADDER
from roundtable.directory.models import Organisation
from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.groups import services
from roundtable.groups.models import ChairTerm, Group

from .conftest import noon, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", LADDER)
@pytest.mark.parametrize("lang", ["lo", "en"])
def test_everyone_reads_the_group_list_in_both_languages(world, client_for, persona, lang):
    response = client_for(world.user(persona)).get(f"/{lang}/groups/")
    assert response.status_code == 200
    body = response.content.decode()
    name = "name_lo" if lang == "lo" else "name_en"
    assert getattr(world.health, name) in body
    assert getattr(world.health_sub, name) in body  # sub-SWGs under their SWG
    assert world.moh.acronym in body  # the chair
    assert "JP" in body  # the co-chair


def test_the_group_list_shows_sub_swgs_inside_their_swg_card(world, client):
    body = client.get("/en/groups/").content.decode()
    start = body.index(">Health<")
    health_card = body[start : body.index("</article>", start)]
    assert "Health Planning and Finance" in health_card


def test_the_group_list_is_in_lao_by_default(world, client):
    body = client.get("/lo/groups/").content.decode()
    assert "ໜ່ວຍງານຂະແໜງການ" in body
    assert "ປະທານຮ່ວມ" in body


def _grow(n: int, moh: Organisation, partner: Organisation) -> None:
    for i in range(n):
        swg = Group.objects.create(kind="swg", code=f"swg-{n}-{i}", name_en=f"SWG {i}", order=20 + i)
        sub = Group.objects.create(kind="subswg", code=f"sub-{n}-{i}", name_en=f"Sub {i}", parent=swg)
        for group in (swg, sub):
            ChairTerm.objects.create(group=group, role="chair", organisation=moh, start_date=date(2024, 1, 1))
            ChairTerm.objects.create(
                group=group, role="cochair", organisation=partner, start_date=date(2024, 1, 1)
            )


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_group_list_makes_as_many_queries_for_ten_times_more_groups(world, client):
    _grow(2, world.moh, world.who)
    few = _count_queries(client, "/en/groups/")
    _grow(20, world.moh, world.who)
    many = _count_queries(client, "/en/groups/")
    assert Group.objects.count() > 40
    assert few == many


def test_inactive_groups_are_hidden_from_the_public_list(world, client):
    world.education.is_active = False
    world.education.save()
    assert "Education" not in client.get("/en/groups/").content.decode()


@pytest.mark.parametrize("persona", LADDER)
@pytest.mark.parametrize("lang", ["lo", "en"])
def test_everyone_reads_a_group_page_with_its_chairs_but_no_contact(world, client_for, persona, lang):
    response = client_for(world.user(persona)).get(f"/{lang}/groups/health/")
    assert response.status_code == 200
    body = response.content.decode()
    chair, cochair = world.people["chair"], world.people["cochair"]
    assert (chair.name_lo if lang == "lo" else chair.name_en) in body
    assert (cochair.name_lo if lang == "lo" else cochair.name_en) in body
    assert (world.moh.name_lo if lang == "lo" else world.moh.name_en) in body
    for person in (chair, cochair):
        assert person.email not in body
        assert person.phone not in body


def test_the_group_page_shows_mandate_sub_groups_tor_and_linked_results(world, client):
    sdg = Framework.objects.create(kind="sdg", code="sdg", name_en="SDGs")
    nsedp = Framework.objects.create(kind="nsedp", code="nsedp-9", name_en="9th NSEDP")
    goal = FrameworkItem.objects.create(
        framework=sdg, level="goal", code="3", title_en="Good health and well-being"
    )
    outcome = FrameworkItem.objects.create(
        framework=nsedp, level="outcome", code="2", title_en="Human resources"
    )
    services.group_update(
        group=world.health,
        actor=world.user("secretariat"),
        data={"mandate_en": "Coordinate the health sector.", "sdgs": [goal], "nsedp_outcomes": [outcome]},
        revision=world.health.revision,
    )
    tor = services.tor_add(
        actor=world.user("rtp"),
        group=world.health,
        file=pdf_upload(),
        language="en",
        version="2",
        issued_on=date(2024, 5, 1),
    )
    body = client.get("/en/groups/health/").content.decode()
    assert "Coordinate the health sector." in body
    assert "Health Planning and Finance" in body
    assert reverse("groups:tor_download", args=["health", tor.pk]) in body
    assert goal.get_absolute_url() in body and "Good health and well-being" in body
    assert outcome.get_absolute_url() in body and "Human resources" in body


def test_an_unknown_group_is_not_found(world, client):
    assert client.get("/en/groups/nope/").status_code == 404


@pytest.mark.parametrize(
    "persona,status", list(zip(LADDER, [404, 404, 404, 404, 404, 404, 200], strict=True))
)
def test_only_the_rtp_secretariat_sees_an_inactive_group(world, client_for, persona, status):
    world.health.is_active = False
    world.health.save()
    response = client_for(world.user(persona)).get("/en/groups/health/")
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "<h1>Health</h1>" in body and '<span class="badge badge-bad">inactive</span>' in body


@pytest.mark.parametrize("persona", LADDER)
def test_everyone_downloads_the_terms_of_reference(world, client_for, persona):
    tor = services.tor_add(
        actor=world.user("rtp"),
        group=world.health,
        file=pdf_upload(),
        language="lo",
        version="1",
        issued_on=date(2024, 5, 1),
    )
    response = client_for(world.user(persona)).get(reverse("groups:tor_download", args=["health", tor.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_a_tor_is_downloaded_only_through_its_own_group(world, client):
    tor = services.tor_add(
        actor=world.user("rtp"),
        group=world.health,
        file=pdf_upload(),
        language="lo",
        version="1",
        issued_on=date(2024, 5, 1),
    )
    assert client.get(reverse("groups:tor_download", args=["education", tor.pk])).status_code == 404


@pytest.mark.parametrize("persona,sees", list(zip(LADDER, [False] * 6 + [True], strict=True)))
def test_only_the_rtp_secretariat_reads_the_audit_history_of_a_group(world, client_for, persona, sees):
    services.group_update(
        group=world.health, actor=world.user("rtp"), data={"mandate_en": "A new mandate"}, revision=1
    )
    body = client_for(world.user(persona)).get("/en/groups/health/").content.decode()
    assert ('id="history"' in body) is sees


@pytest.mark.parametrize("persona,sees", list(zip(LADDER, [False] * 6 + [True], strict=True)))
def test_rotation_due_is_flagged_on_the_group_page_for_the_rtp_secretariat_only(
    world, client_for, persona, sees
):
    with time_machine.travel(noon(2027, 11, 1), tick=False):  # Japan's term ends 31 December 2027
        body = client_for(world.user(persona)).get("/en/groups/health/").content.decode()
    assert ("Rotation due" in body) is sees


def test_no_rotation_flag_before_the_reminder_period(world, client_for):
    with time_machine.travel(noon(2027, 6, 1), tick=False):
        body = client_for(world.user("rtp")).get("/en/groups/health/").content.decode()
    assert "Rotation due" not in body


@pytest.mark.parametrize(
    "persona,edit,chairs,stakeholders",
    [
        ("anonymous", False, False, False),
        ("outsider", False, False, False),
        ("other_member", False, False, False),
        ("member", False, False, True),
        ("other_secretariat", False, False, False),
        ("secretariat", True, False, True),
        ("rtp", True, True, True),
    ],
)
def test_management_links_follow_the_permissions(world, client_for, persona, edit, chairs, stakeholders):
    body = client_for(world.user(persona)).get("/en/groups/health/").content.decode()
    assert (reverse("groups:edit", args=["health"]) in body) is edit
    assert (reverse("groups:tor_upload", args=["health"]) in body) is edit
    assert (reverse("groups:chair_add", args=["health"]) in body) is False  # on the chairs page, not here
    assert ("Manage chairs and co-chairs" in body) is chairs
    try:
        url = reverse("directory:stakeholders", args=["health"])
    except Exception:
        pytest.skip("the directory's stakeholder list is not built yet")
    assert (url in body) is stakeholders


@pytest.mark.parametrize("persona", LADDER)
def test_everyone_sees_who_chaired_when(world, client_for, persona):
    services.chair_term_change(
        actor=world.user("rtp"),
        term=world.health.current_cochairs[0],
        organisation=world.who,
        start_date=date(2025, 7, 1),
        reason="internal reason for the change",
    )
    body = client_for(world.user(persona)).get("/en/groups/health/chairs/").content.decode()
    assert "Embassy of Japan" in body and "World Health Organization" in body
    assert world.people["cochair"].email not in body
    assert ("internal reason for the change" in body) is (persona in {"secretariat", "rtp"})
    assert (reverse("groups:chair_add", args=["health"]) in body) is (persona == "rtp")
