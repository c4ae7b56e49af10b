"""`manage.py send_rotation_reminders`: the RTP Secretariat hears once of each term whose rotation is due."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command

from roundtable.conftest import make_person
from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.groups.models import ChairTerm

from .conftest import noon

# The world's Health co-chair (Japan) has a planned end on 31 December 2027; the reminder period is 90 days.
BEFORE_THE_PERIOD = noon(2027, 9, 1)  # 121 days before
IN_THE_PERIOD = noon(2027, 10, 15)  # 77 days before


@pytest.fixture(autouse=True)
def ninety_days(settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "ROTATION_REMINDER_DAYS": 90}
    settings.SITE_URL = "https://rtp.example.la"


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_rotation_reminders", *args, stdout=out)
    return out.getvalue()


def japan_term(world) -> ChairTerm:
    return ChairTerm.objects.get(group=world.health, organisation=world.japan)


@pytest.fixture
def english_officer(world):
    """A second RTP Secretariat officer who reads English."""
    person = make_person("rtp-en", "Anna Martin", "ແອນນາ ມາແຕັງ", world.mpi, preferred_language="en")
    AuthGroup.objects.get(name=RTP_SECRETARIAT_GROUP).user_set.add(person.user)
    return person


def test_nothing_is_sent_before_the_reminder_period(world):
    with time_machine.travel(BEFORE_THE_PERIOD, tick=False):
        output = run()
    assert mail.outbox == []
    assert "No term is due" in output
    assert japan_term(world).rotation_reminded_on is None


def test_the_rtp_secretariat_is_emailed_in_lao_by_default_with_a_link_to_the_chairs_page(world):
    with time_machine.travel(IN_THE_PERIOD, tick=False):
        output = run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rtp@example.la"]
    assert "ສາທາລະນະສຸກ" in message.body  # the group's Lao name
    assert "ສະຖານທູດຍີ່ປຸ່ນ" in message.body  # the co-chair's Lao name
    assert "31 ທັນວາ 2027" in message.body  # the planned end, with the Lao month name
    assert "https://rtp.example.la/lo/groups/health/chairs/" in message.body
    assert "https://rtp.example.la/lo/secretariat/" in message.body
    assert "Embassy of Japan" not in message.body
    assert "Reminded 1 term(s) to 1 recipient(s)" in output
    assert japan_term(world).rotation_reminded_on == date(2027, 10, 15)


def test_each_recipient_reads_the_reminder_in_their_preferred_language(world, english_officer):
    with time_machine.travel(IN_THE_PERIOD, tick=False):
        run()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"rtp@example.la", "rtp-en@example.la"}
    english = by_address["rtp-en@example.la"]
    assert "Embassy of Japan" in english.body
    assert "31 December 2027" in english.body
    assert "https://rtp.example.la/en/groups/health/chairs/" in english.body
    assert english.subject == "Rotation due: 1 chair or co-chair term ends soon"


def test_a_term_is_reminded_once_however_often_the_command_runs(world):
    with time_machine.travel(IN_THE_PERIOD, tick=False):
        run()
        run()
    with time_machine.travel(noon(2027, 11, 1), tick=False):
        output = run()
    assert len(mail.outbox) == 1
    assert "No term is due" in output
    assert japan_term(world).rotation_reminded_on == date(2027, 10, 15)


def test_a_term_that_enters_the_period_later_is_reminded_on_its_own(world):
    later = ChairTerm.objects.create(
        group=world.education,
        role="cochair",
        organisation=world.who,
        start_date=date(2026, 1, 1),
        planned_end=date(2028, 3, 31),
    )
    with time_machine.travel(IN_THE_PERIOD, tick=False):
        run()
    assert len(mail.outbox) == 1 and "ສຶກສາ" not in mail.outbox[0].body
    with time_machine.travel(noon(2028, 1, 10), tick=False):
        run()
    assert len(mail.outbox) == 2
    assert "ສຶກສາ" in mail.outbox[1].body and "ສາທາລະນະສຸກ" not in mail.outbox[1].body
    later.refresh_from_db()
    assert later.rotation_reminded_on == date(2028, 1, 10)


def test_terms_of_inactive_groups_and_ended_terms_are_left_out(world):
    world.education.is_active = False
    world.education.save()
    ChairTerm.objects.create(
        group=world.education,
        role="cochair",
        organisation=world.who,
        start_date=date(2026, 1, 1),
        planned_end=date(2027, 11, 30),
    )
    ChairTerm.objects.create(
        group=world.health_sub,
        role="cochair",
        organisation=world.who,
        start_date=date(2025, 1, 1),
        planned_end=date(2027, 11, 30),
        ended_on=date(2027, 6, 30),
    )
    with time_machine.travel(IN_THE_PERIOD, tick=False):
        run()
    body = mail.outbox[0].body
    assert "ສຶກສາ" not in body and "ອົງການອະນາໄມໂລກ" not in body
    assert ChairTerm.objects.filter(rotation_reminded_on__isnull=False).count() == 1


def test_officers_without_an_email_and_other_users_are_not_emailed(world):
    silent = User.objects.create_user("rtp-silent", email="", password="demo")
    AuthGroup.objects.get(name=RTP_SECRETARIAT_GROUP).user_set.add(silent)
    gone = User.objects.create_user("rtp-gone", email="gone@example.la", password="demo", is_active=False)
    AuthGroup.objects.get(name=RTP_SECRETARIAT_GROUP).user_set.add(gone)
    with time_machine.travel(IN_THE_PERIOD, tick=False):
        run()
    assert [message.to for message in mail.outbox] == [["rtp@example.la"]]


def test_with_nobody_to_tell_the_command_fails_and_records_nothing(world):
    AuthGroup.objects.get(name=RTP_SECRETARIAT_GROUP).user_set.clear()
    with (
        time_machine.travel(IN_THE_PERIOD, tick=False),
        pytest.raises(CommandError, match="Nobody to remind"),
    ):
        run()
    assert mail.outbox == []
    assert japan_term(world).rotation_reminded_on is None


def test_a_dry_run_lists_the_terms_and_sends_and_records_nothing(world):
    with time_machine.travel(IN_THE_PERIOD, tick=False):
        output = run("--dry-run")
    assert "health: cochair JP, planned end 2027-12-31" in output
    assert "rtp@example.la" in output
    assert mail.outbox == []
    assert japan_term(world).rotation_reminded_on is None


def test_the_reminder_date_is_kept_out_of_the_audit_history(world):
    term = japan_term(world)
    before = term.history.count()
    with time_machine.travel(IN_THE_PERIOD, tick=False):
        run()
    assert term.history.count() == before
