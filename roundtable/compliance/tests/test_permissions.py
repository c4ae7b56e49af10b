"""Privacy of the non-public parts: the permission ladder on pages, sections, exports, evidence, API."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from roundtable.compliance import sections
from roundtable.compliance.models import HandTick
from roundtable.conftest import LADDER
from roundtable.core.tests.sitemaps import sitemap_text
from roundtable.groups.models import ChairTerm

from .conftest import aware, meeting, obligation, workplan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

RTP_ONLY = [
    ("compliance:scorecard", []),
    ("compliance:scorecard_xlsx", []),
    ("compliance:templates", []),
    ("compliance:template", ["swg"]),
    ("compliance:obligation_add", ["swg"]),
    ("compliance:obligation_edit", ["swg", "meetings"]),
]
# Who sees Health's checklist: its members (any role) and the RTP Secretariat.
CHECKLIST = {"member", "secretariat", "rtp", "chair", "cochair"}


def _expected(persona: str, allowed: set[str]) -> int:
    if persona == "anonymous":
        return 302  # to the log-in page
    return 200 if persona in allowed else 403


@pytest.mark.parametrize("persona", [*LADDER, "chair", "cochair"])
@pytest.mark.parametrize(("name", "args"), RTP_ONLY)
def test_the_scorecard_its_export_and_the_templates_are_the_rtp_secretariats(
    checklist_world, client_for, persona, name, args
):
    response = client_for(checklist_world.user(persona)).get(reverse(name, args=args))
    assert response.status_code == _expected(persona, {"rtp"})


@pytest.mark.parametrize("persona", [*LADDER, "chair", "cochair"])
@pytest.mark.parametrize(
    ("name", "args"),
    [("compliance:group", ["health"]), ("compliance:cell", [2026, "health", "workplan"])],
)
def test_a_groups_checklist_and_its_records_are_for_its_members(
    checklist_world, client_for, persona, name, args
):
    response = client_for(checklist_world.user(persona)).get(reverse(name, args=args))
    assert response.status_code == _expected(persona, CHECKLIST)


@pytest.mark.parametrize("persona", [*LADDER, "chair", "cochair"])
def test_the_public_scorecard_is_public_and_shows_only_public_obligations(
    checklist_world, client_for, persona
):
    client = client_for(checklist_world.user(persona))
    response = client.get(reverse("compliance:public"), {"year": 2026})
    assert response.status_code == 200
    codes = {ob.code for table in response.context["view"].tables for ob in table.obligations}
    assert codes == {"workplan-published", "meetings", "minutes-published", "progress-report"}
    assert client.get(reverse("compliance:public_xlsx")).status_code == 200
    assert client.get(reverse("compliance:public_cell", args=[2026, "health", "meetings"])).status_code == 200
    # A private obligation has no public page.
    assert client.get(reverse("compliance:public_cell", args=[2026, "health", "workplan"])).status_code == 404


def test_a_private_meeting_and_a_submission_date_never_reach_the_public(checklist_world, client):
    with time_machine.travel(aware(date(2026, 12, 2)), tick=False):
        meeting(checklist_world.health, date(2026, 5, 5), is_public=False)
        workplan(checklist_world.health, 2026, submitted=date(2026, 1, 10))
        data = client.get("/api/v1/compliance/health/", {"year": 2026}).json()
        page = client.get(
            reverse("compliance:public_cell", args=[2026, "health", "meetings"])
        ).content.decode()
    meetings = next(ob for ob in data["obligations"] if ob["code"] == "meetings")
    assert meetings["items"][1]["status"] == "overdue"
    assert "2026-05-05" not in str(data) and "health meeting 2026-05-05" not in page
    assert "2026-01-10" not in str(data)


def test_the_public_scorecard_can_be_turned_off(checklist_world, client, settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "PUBLIC_SCORECARD": False}
    assert client.get(reverse("compliance:public")).status_code == 404
    assert client.get(reverse("compliance:public_xlsx")).status_code == 404
    assert client.get(reverse("compliance:public_cell", args=[2026, "health", "meetings"])).status_code == 404
    assert client.get("/api/v1/compliance/").json()["count"] == 0
    assert client.get("/api/v1/compliance/health/").status_code == 404
    assert "/compliance/" not in sitemap_text(client)


def test_the_public_scorecard_is_in_the_sitemap_in_both_languages(checklist_world, client):
    sitemap = sitemap_text(client)
    assert "/lo/compliance/" in sitemap and "/en/compliance/" in sitemap


def _section(fn, user, *args):
    request = RequestFactory().get("/")
    request.user = user if user is not None else AnonymousUser()
    return fn(request, *args)


@pytest.mark.parametrize("persona", [*LADDER, "chair", "cochair"])
def test_the_group_page_shows_the_checklist_to_its_members_only(checklist_world, persona):
    result = _section(sections.group_checklist, checklist_world.user(persona), checklist_world.health)
    assert (result is not None) == (persona in CHECKLIST)


@pytest.mark.parametrize("persona", [*LADDER, "chair", "cochair"])
def test_my_work_shows_the_checklists_of_the_groups_one_acts_for(checklist_world, persona):
    result = _section(sections.my_checklists, checklist_world.user(persona))
    groups = {row["group"].code for row in result["context"]["rows"]} if result else set()
    expected = {
        "secretariat": {"health", "health-hpf"},
        "other_secretariat": {"education"},
        "chair": {"health"},
        "cochair": {"health"},
    }.get(persona, set())
    assert groups == expected


@pytest.mark.parametrize("persona", [*LADDER, "chair", "cochair"])
def test_the_overview_section_is_the_rtp_secretariats(checklist_world, persona):
    result = _section(sections.compliance_overview, checklist_world.user(persona))
    assert (result is not None) == (persona == "rtp")


def test_the_group_page_and_my_work_render_the_sections(checklist_world, client_for):
    client = client_for(checklist_world.user("secretariat"))
    assert 'id="checklist"' in client.get(reverse("groups:detail", args=["health"])).content.decode()
    assert 'id="my-checklists"' in client.get(reverse("website:dashboard")).content.decode()
    client = client_for(checklist_world.user("other_member"))
    assert 'id="checklist"' not in client.get(reverse("groups:detail", args=["health"])).content.decode()
    client = client_for(checklist_world.user("rtp"))
    assert 'id="compliance"' in client.get(reverse("website:secretariat")).content.decode()


@pytest.fixture
def co_chair_changed(checklist_world):
    w = checklist_world
    old = ChairTerm.objects.get(group=w.health, role="cochair")
    ChairTerm.objects.filter(pk=old.pk).update(ended_on=date(2026, 4, 30))
    return ChairTerm.objects.create(
        group=w.health, role="cochair", organisation=w.who, start_date=date(2026, 5, 1), replaces=old
    )


@pytest.mark.parametrize("persona", [*LADDER, "chair", "cochair"])
def test_only_the_groups_secretariat_and_the_rtp_secretariat_tick_by_hand(
    checklist_world, co_chair_changed, client_for, persona
):
    url = reverse("compliance:tick", args=["health", 2026, "cochair-consulted"])
    response = client_for(checklist_world.user(persona)).post(
        url + f"?item=term:{co_chair_changed.pk}",
        {
            "done_on": "2026-04-20",
            "note": "Consulted by letter.",
            "evidence": SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
        },
    )
    allowed = persona in {"secretariat", "rtp"}
    assert response.status_code == (302 if allowed or persona == "anonymous" else 403)
    assert HandTick.objects.exists() == allowed


def test_the_evidence_is_served_to_those_who_see_the_checklist(checklist_world, co_chair_changed, client_for):
    w = checklist_world
    client = client_for(w.user("secretariat"))
    client.post(
        reverse("compliance:tick", args=["health", 2026, "cochair-consulted"])
        + f"?item=term:{co_chair_changed.pk}",
        {
            "done_on": "2026-04-20",
            "note": "Consulted.",
            "evidence": SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
        },
    )
    tick = HandTick.objects.get()
    url = reverse("compliance:evidence", args=[tick.pk])
    for persona in [*LADDER, "chair", "cochair"]:
        response = client_for(w.user(persona)).get(url)
        assert response.status_code == _expected(persona, CHECKLIST), persona
    assert obligation("swg", "cochair-consulted").proof == "hand_tick"
