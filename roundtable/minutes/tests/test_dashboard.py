"""The minutes' section of "My work": language versions waiting for the user's step (as on
`minutes:work`) and the user's own open action points."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from roundtable.minutes.models import ActionPoint, ActionStatus, MinutesStatus

from .conftest import VTE, item3, make_meeting, make_minutes, set_status, version_of

pytestmark = pytest.mark.django_db

SECTION = 'id="my-minutes"'
ACTION = "MOH sends the budget report"


def dashboard(client_for, world, persona: str, lang: str = "en") -> str:
    response = client_for(world.user(persona)).get(f"/{lang}/me/")
    assert response.status_code == 200
    return response.content.decode()


def waiting_on_work_page(client_for, world, persona: str) -> int:
    page = client_for(world.user(persona)).get("/en/minutes/work/").content.decode()
    waiting = page.split("Waiting for you", 1)[1].split("</section>", 1)[0]
    # One row per meeting, naming each language version waiting in it.
    return waiting.count("?version=")


@pytest.mark.parametrize("persona", ["outsider", "other_member", "other_secretariat"])
def test_people_outside_the_group_see_no_minutes_section(client_for, world, minutes, persona):
    assert SECTION not in dashboard(client_for, world, persona)


@pytest.mark.parametrize(
    ("persona", "status", "count"),
    [
        ("secretariat", MinutesStatus.DRAFT, 2),
        ("chair", MinutesStatus.CIRCULATED, 2),
        ("cochair", MinutesStatus.CIRCULATED, 2),
        ("secretariat", MinutesStatus.CHAIR_APPROVED, 2),
        ("rtp", MinutesStatus.SENT, 2),
    ],
)
def test_the_count_of_versions_waiting_for_a_step_agrees_with_minutes_to_do(
    client_for, world, minutes, persona, status, count
):
    for lang in ("lo", "en"):
        set_status(version_of(minutes, lang), status)
    page = dashboard(client_for, world, persona)
    assert f"{count} language versions of minutes wait for your step" in page
    assert reverse("minutes:work") in page
    assert waiting_on_work_page(client_for, world, persona) == count


@pytest.mark.parametrize("persona", ["member", "secretariat", "rtp"])
def test_circulated_minutes_wait_for_the_chair_not_for_others(client_for, world, minutes, persona):
    for lang in ("lo", "en"):
        set_status(version_of(minutes, lang), MinutesStatus.CIRCULATED)
    assert "wait for your step" not in dashboard(client_for, world, persona)


def test_the_responsible_person_sees_their_open_action_point_as_overdue(client_for, world, minutes):
    action = ActionPoint.objects.get()
    page = dashboard(client_for, world, "member")
    section = page[page.index(SECTION) :]
    assert ACTION in section
    assert reverse("minutes:action_point", args=[action.pk]) in section
    assert "Overdue" in section
    assert "1 overdue" in section


def test_a_done_action_point_is_no_longer_shown(client_for, world, minutes):
    ActionPoint.objects.update(status=ActionStatus.DONE)
    assert SECTION not in dashboard(client_for, world, "member")


def test_an_action_point_due_later_is_open_but_not_overdue(client_for, world, minutes):
    ActionPoint.objects.update(due_date=timezone.localdate() + timedelta(days=3))
    page = dashboard(client_for, world, "member")
    section = page[page.index(SECTION) :]
    assert ACTION in section
    assert "Overdue" not in section


@pytest.mark.parametrize("persona", ["secretariat", "chair", "rtp", "other_member", "outsider"])
def test_nobody_else_sees_the_action_point_as_theirs(client_for, world, minutes, persona):
    assert ACTION not in dashboard(client_for, world, persona)


def test_the_section_reads_in_lao(client_for, world, minutes):
    page = dashboard(client_for, world, "member", lang="lo")
    section = page[page.index(SECTION) :]
    assert "ກະຊວງສາທາລະນະສຸກສົ່ງບົດລາຍງານງົບປະມານ" in section  # the action in Lao
    assert "ເກີນກຳນົດ" in section  # "Overdue"


@pytest.mark.parametrize("persona", ["secretariat", "member", "rtp"])
def test_dashboard_queries_do_not_grow_with_ten_times_the_minutes(client_for, world, persona):
    def grow(start: int, stop: int) -> None:
        for i in range(start, stop):
            meeting = make_meeting(world, start=datetime(2025, 1, 1, 9, tzinfo=VTE) + timedelta(days=i))
            minutes = make_minutes(world, meeting)
            for lang in ("lo", "en"):
                set_status(version_of(minutes, lang), MinutesStatus.SENT if i % 2 else MinutesStatus.DRAFT)
            ActionPoint.objects.create(
                item=item3(minutes),
                group=world.health,
                what_en=f"Follow-up {i}",
                responsible_person=world.people["member"],
                due_date=date(2025, 6, 1),
            )

    def count() -> int:
        client = client_for(world.user(persona))
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/en/me/").content.decode()
        assert SECTION in page
        return len(queries)

    grow(0, 2)
    small = count()
    grow(2, 20)
    assert count() == small
