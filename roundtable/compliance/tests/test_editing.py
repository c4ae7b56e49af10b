"""The RTP Secretariat edits the templates: obligations as data, validated, with their history, and a save
from a stale page refused with what changed. Hand ticks: a note and evidence, never on a record's proof."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roundtable.compliance import services
from roundtable.compliance.checklists import build_scorecard, checklist_groups
from roundtable.compliance.defaults import load_defaults
from roundtable.compliance.items import Status
from roundtable.compliance.models import ChecklistTemplate, HandTick, Obligation
from roundtable.core.services import Refused
from roundtable.groups.models import ChairTerm

from .conftest import aware, meeting, obligation

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post_obligation(client, ob: Obligation, **changes):
    data = {
        field: ("" if getattr(ob, field) is None else getattr(ob, field))
        for field in services.OBLIGATION_FIELDS
        if field != "is_public"
    }
    if ob.is_public:
        data["is_public"] = "on"
    data.update(revision=ob.revision, **changes)
    data = {k: v for k, v in data.items() if v is not False}
    return client.post(reverse("compliance:obligation_edit", args=[ob.template.kind, ob.code]), data)


def test_a_new_obligation_is_data_and_every_group_of_the_kind_has_it(checklist_world, client_for):
    client = client_for(checklist_world.user("rtp"))
    response = client.post(
        reverse("compliance:obligation_add", args=["swg"]),
        {
            "code": "sector-review",
            "order": 5,
            "task_en": "Hold the annual sector review",
            "responsible": "secretariat",
            "rule": "yearly",
            "proof": "hand_tick",
            "due_month": 11,
            "due_day": 30,
        },
    )
    assert response.status_code == 302
    ob = Obligation.objects.get(code="sector-review")
    with time_machine.travel(aware(date(2026, 12, 2)), tick=False):
        card = build_scorecard(groups=checklist_groups(), obligations=[ob], first_year=2026, last_year=2026)
    statuses = {g.code: card.cell(g, ob, 2026).status for g in card.groups if g.kind == "swg"}
    assert statuses == {"health": Status.OVERDUE, "education": Status.OVERDUE}


def test_a_rule_that_does_not_fit_its_proof_is_refused_on_the_form(checklist_world, client_for):
    client = client_for(checklist_world.user("rtp"))
    response = client.post(
        reverse("compliance:obligation_add", args=["swg"]),
        {
            "code": "odd",
            "task_en": "Odd",
            "responsible": "secretariat",
            "rule": "quarterly",
            "proof": "tor_current",
        },
    )
    assert response.status_code == 200
    assert "proof" in response.context["form"].errors
    assert not Obligation.objects.filter(code="odd").exists()
    response = client.post(
        reverse("compliance:obligation_add", args=["swg"]),
        {
            "code": "meetings",
            "order": 1,
            "task_en": "Twice",
            "responsible": "secretariat",
            "rule": "quarterly",
            "proof": "meeting_held",
        },
    )
    assert "code" in response.context["form"].errors


def test_changing_an_obligation_changes_the_checklists_and_is_in_its_history(checklist_world, client_for):
    client = client_for(checklist_world.user("rtp"))
    ob = obligation("swg", "minutes-sent")
    assert _post_obligation(client, ob, days=7).status_code == 302
    ob.refresh_from_db()
    assert ob.days == 7 and ob.revision == 2
    meeting(checklist_world.health, date(2026, 3, 2))
    with time_machine.travel(aware(date(2026, 3, 10)), tick=False):
        card = build_scorecard(
            groups=checklist_groups(ids=[checklist_world.health.pk]),
            obligations=[ob],
            first_year=2026,
            last_year=2026,
        )
    (item,) = card.cells[(checklist_world.health.pk, ob.pk, 2026)].items
    assert (item.due, item.status) == (date(2026, 3, 9), Status.OVERDUE)
    page = client.get(reverse("compliance:obligation_edit", args=["swg", "minutes-sent"]))
    assert page.context["history"] and page.context["history"][0].changes


def test_a_save_from_a_stale_page_is_refused_with_what_changed(checklist_world, client_for, english):
    client = client_for(checklist_world.user("rtp"))
    ob = obligation("swg", "minutes-sent")
    assert _post_obligation(client, ob, days=7).status_code == 302
    response = _post_obligation(client, ob, days=21)  # the same old revision
    assert response.status_code == 200
    assert "What changed since you opened the page" in response.content.decode()
    ob.refresh_from_db()
    assert ob.days == 7


def test_the_template_name_is_edited_with_a_revision(checklist_world, client_for):
    client = client_for(checklist_world.user("rtp"))
    template = ChecklistTemplate.objects.get(kind="swg")
    url = reverse("compliance:template", args=["swg"])
    data = {
        "name_lo": template.name_lo,
        "name_en": "SWG checklist",
        "description_lo": "",
        "description_en": "",
    }
    assert client.post(url, {**data, "revision": template.revision}).status_code == 302
    assert client.post(url, {**data, "name_en": "Other", "revision": template.revision}).status_code == 200
    template.refresh_from_db()
    assert template.name_en == "SWG checklist"


@pytest.mark.parametrize("persona", ["secretariat", "chair", "member", "outsider"])
def test_only_the_rtp_secretariat_writes_the_templates(checklist_world, client_for, persona):
    ob = obligation("swg", "minutes-sent")
    assert _post_obligation(client_for(checklist_world.user(persona)), ob, days=1).status_code == 403
    with pytest.raises(Refused):
        services.obligation_update(
            obligation=ob, actor=checklist_world.user(persona), data={"days": 1}, revision=None
        )


def test_loading_the_defaults_again_adds_nothing_and_keeps_the_edits(templates):
    Obligation.objects.filter(code="minutes-sent").update(days=9)
    assert sum(load_defaults().values()) == 0
    assert set(Obligation.objects.filter(code="minutes-sent").values_list("days", flat=True)) == {9}


# --- hand ticks -------------------------------------------------------------------------------------------


@pytest.fixture
def changed(checklist_world):
    w = checklist_world
    old = ChairTerm.objects.get(group=w.health, role="cochair")
    ChairTerm.objects.filter(pk=old.pk).update(ended_on=date(2026, 4, 30))
    return ChairTerm.objects.create(
        group=w.health, role="cochair", organisation=w.who, start_date=date(2026, 5, 1), replaces=old
    )


def _tick(world, term, **changes):
    values = {
        "group": world.health,
        "obligation": obligation("swg", "cochair-consulted"),
        "year": 2026,
        "item_key": f"term:{term.pk}",
        "actor": world.user("secretariat"),
        "done_on": date(2026, 4, 20),
        "note": "Consulted by letter.",
        "evidence_url": "https://example.la/letter",
    }
    values.update(changes)
    return services.hand_tick_add(**values)


def test_a_hand_tick_needs_a_note_and_evidence(checklist_world, changed):
    with pytest.raises(ValidationError):
        _tick(checklist_world, changed, evidence_url="")
    with pytest.raises(ValidationError):
        _tick(checklist_world, changed, note="  ")
    with pytest.raises(ValidationError):
        _tick(checklist_world, changed, done_on=date(2099, 1, 1))
    assert _tick(checklist_world, changed).pk
    with pytest.raises(Refused):
        _tick(checklist_world, changed)  # ticked already


def test_a_hand_tick_is_refused_where_a_record_is_the_proof_or_the_item_is_made_up(checklist_world, changed):
    with pytest.raises(Refused):
        _tick(checklist_world, changed, obligation=obligation("swg", "workplan"), item_key="2026")
    with pytest.raises(Refused):
        _tick(checklist_world, changed, item_key="term:999999")
    with pytest.raises(Refused):
        _tick(checklist_world, changed, group=checklist_world.health_sub)


def test_the_tick_page_ticks_and_a_withdrawal_opens_the_item_again(checklist_world, changed, client_for):
    client = client_for(checklist_world.user("secretariat"))
    url = reverse("compliance:tick", args=["health", 2026, "cochair-consulted"]) + f"?item=term:{changed.pk}"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"done_on": "2026-04-20", "note": "Consulted."})
    assert refused.status_code == 400 and not HandTick.objects.exists()
    bad_file = client.post(
        url,
        {"done_on": "2026-04-20", "note": "x", "evidence": SimpleUploadedFile("a.pdf", b"not a pdf")},
    )
    assert bad_file.status_code == 400 and not HandTick.objects.exists()
    response = client.post(
        url,
        {"done_on": "2026-04-20", "note": "Consulted.", "evidence": SimpleUploadedFile("letter.pdf", PDF)},
    )
    assert response.status_code == 302
    tick = HandTick.objects.get()
    assert tick.evidence.name.endswith("letter.pdf")
    cell = client.get(response["Location"])
    assert "Consulted." in cell.content.decode()
    assert client.post(reverse("compliance:withdraw", args=[tick.pk])).status_code == 302
    assert not HandTick.objects.exists()
    assert tick.history.count() == 2  # created, deleted: the audit keeps it
    assert (
        client.get(
            reverse("compliance:tick", args=["health", 2026, "cochair-consulted"]) + "?item=term:1234567"
        ).status_code
        == 404
    )
