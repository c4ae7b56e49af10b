from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.conftest import LADDER
from roundtable.directory.models import Membership
from roundtable.groups.models import ChairTerm, Group

from .conftest import noon

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", LADDER)
def test_everyone_reads_the_home_page_in_both_languages(world, client_for, persona):
    client = client_for(world.user(persona))
    english = client.get("/en/")
    assert english.status_code == 200
    body = english.content.decode()
    assert "Round Table Process" in body and "Sector Working Groups" in body
    for url in (reverse("groups:list"), world.health.get_absolute_url()):
        assert url.replace("/lo/", "/en/") in body
    lao = client.get("/lo/")
    assert lao.status_code == 200
    assert "ຂະບວນການໂຕະມົນ" in lao.content.decode()


def test_the_home_page_links_to_groups_organisations_and_frameworks(world, client):
    body = client.get("/en/").content.decode()
    for name in ("groups:list", "directory:organisations", "frameworks:list"):
        assert f'href="{reverse(name)}"'.replace("/lo/", "/en/") in body


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_an_anonymous_visitor_is_sent_to_log_in_for_my_work(world, client, lang):
    response = client.get(f"/{lang}/me/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "persona,groups,role",
    [
        ("outsider", [], None),
        ("other_member", ["education"], "Member"),
        ("member", ["health"], "Member"),
        ("other_secretariat", ["education"], "Secretariat"),
        ("secretariat", ["health", "health-hpf"], "Secretariat"),
        ("chair", ["health"], "Chair"),
        ("cochair", ["health"], "Co-chair"),
    ],
)
def test_my_work_lists_the_users_groups_with_their_roles(world, client_for, persona, groups, role):
    response = client_for(world.user(persona)).get("/en/me/")
    assert response.status_code == 200
    body = response.content.decode()
    for group in Group.objects.all():
        assert (f'href="/en/groups/{group.code}/"' in body) is (group.code in groups), group.code
    if role:
        assert f">{role}<" in body
    else:
        assert "You do not belong to any group yet" in body


def test_my_work_offers_the_edit_link_only_to_the_groups_secretariat(world, client_for):
    assert "/en/groups/health/edit/" in client_for(world.user("secretariat")).get("/en/me/").content.decode()
    assert "/en/groups/health/edit/" not in client_for(world.user("member")).get("/en/me/").content.decode()


@pytest.mark.parametrize("step", range(len(LADDER)))
def test_the_secretariat_overview_is_for_the_rtp_secretariat_only(world, client_for, step):
    persona = LADDER[step]
    expected = [302, 403, 403, 403, 403, 403, 200][step]
    for lang in ("lo", "en"):
        assert client_for(world.user(persona)).get(f"/{lang}/secretariat/").status_code == expected


def test_the_secretariat_overview_shows_every_group_with_chairs_and_counts(world, client_for):
    world.education.is_active = False
    world.education.save()
    body = client_for(world.user("rtp")).get("/en/secretariat/").content.decode()
    for group in Group.objects.all():
        assert group.get_absolute_url().replace("/lo/", "/en/") in body
    assert "inactive" in body
    assert "JP" in body and "MOH" in body


def test_the_secretariat_overview_flags_rotation_due_with_a_frozen_clock(world, client_for):
    # log in inside the frozen clock: a session opened today would have expired by 2027
    with time_machine.travel(noon(2027, 6, 1), tick=False):
        body = client_for(world.user("rtp")).get("/en/secretariat/").content.decode()
        assert "No term ends soon." in body
    with time_machine.travel(noon(2027, 11, 1), tick=False):
        body = client_for(world.user("rtp")).get("/en/secretariat/").content.decode()
    term = ChairTerm.objects.get(group=world.health, role="cochair")
    assert "No term ends soon." not in body
    assert reverse("groups:chair_change", args=["health", term.pk]).replace("/lo/", "/en/") in body


def test_the_secretariat_overview_says_when_the_rotation_reminder_went_and_leaves_out_inactive_groups(
    world, client_for
):
    term = ChairTerm.objects.get(group=world.health, role="cochair")
    ChairTerm.objects.filter(pk=term.pk).update(rotation_reminded_on=date(2027, 10, 3))
    ChairTerm.objects.create(
        group=world.education,
        role="cochair",
        organisation=world.who,
        start_date=date(2026, 1, 1),
        planned_end=date(2027, 12, 1),
    )
    world.education.is_active = False
    world.education.save()
    with time_machine.travel(noon(2027, 11, 1), tick=False):
        body = client_for(world.user("rtp")).get("/en/secretariat/").content.decode()
    section = body[body.index('id="rotation-due"') :].split("</section>", 1)[0]
    assert "reminder emailed on 3 October 2027" in section
    assert "/en/groups/health/" in section and "/en/groups/education/" not in section


def test_the_secretariat_overview_makes_as_many_queries_for_ten_times_more_groups(world, client_for):
    client = client_for(world.user("rtp"))

    def grow(n):
        for i in range(n):
            group = Group.objects.create(kind="swg", code=f"g{n}-{i}", name_en=f"G {i}")
            ChairTerm.objects.create(
                group=group, role="chair", organisation=world.moh, start_date=date(2024, 1, 1)
            )
            ChairTerm.objects.create(
                group=group,
                role="cochair",
                organisation=world.who,
                start_date=date(2024, 1, 1),
                planned_end=date(2024, 6, 1),
            )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/secretariat/").status_code == 200
        return len(queries)

    grow(3)
    few = count()
    grow(30)
    assert few == count()


def test_my_work_lists_an_swg_before_its_sub_swgs(world, client_for):
    body = client_for(world.user("secretariat")).get("/en/me/").content.decode()
    assert body.index('href="/en/groups/health/"') < body.index('href="/en/groups/health-hpf/"')


def test_the_secretariat_overview_lists_forums_then_each_swg_with_its_sub_swgs(world, client_for):
    Group.objects.create(kind="forum", code="rtim", name_en="RTIM", order=99)
    body = client_for(world.user("rtp")).get("/en/secretariat/").content.decode()
    codes = ("rtim", "education", "health", "health-hpf")
    positions = [body.index(f'href="/en/groups/{code}/"') for code in codes]
    assert positions == sorted(positions)


def test_the_secretariat_overview_counts_only_the_current_members_of_a_group(world, client_for):
    with time_machine.travel(noon(2025, 3, 10), tick=False):
        response = client_for(world.user("rtp")).get("/en/secretariat/")
        counted = {g.pk: g.member_count for g in response.context["page_obj"]}
        expected = Membership.objects.current().filter(group=world.health).count()
        Membership.objects.filter(group=world.health).update(end_date=date(2025, 3, 9))
        response = client_for(world.user("rtp")).get("/en/secretariat/")
        ended = {g.pk: g.member_count for g in response.context["page_obj"]}
    assert expected > 0 and counted[world.health.pk] == expected
    assert ended[world.health.pk] == 0


def test_my_work_leaves_out_a_retired_group(world, client_for):
    """A retired group's page is the RTP Secretariat's only, and nothing is due in it: not in My work."""
    client = client_for(world.user("secretariat"))
    assert (
        reverse("groups:detail", args=["health-hpf"])
        in client.get(reverse("website:dashboard")).content.decode()
    )
    Group.objects.filter(code="health-hpf").update(is_active=False)
    html = client.get(reverse("website:dashboard")).content.decode()
    assert reverse("groups:detail", args=["health-hpf"]) not in html
    assert reverse("groups:detail", args=["health"]) in html
