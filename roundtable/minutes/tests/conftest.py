"""A held Health SWG meeting with its agenda and participant list, built directly (not through the
meetings app's pages), and helpers to put minutes in any state."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from roundtable.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingState, Participant
from roundtable.minutes import services
from roundtable.minutes.models import (
    ActionPoint,
    Decision,
    Minutes,
    MinutesItem,
    MinutesStatus,
    MinutesVersion,
)

VTE = ZoneInfo("Asia/Vientiane")

LAO_DECISION = "ກອງປະຊຸມຕົກລົງຮັບຮອງແຜນວຽກປະຈຳປີ"
LAO_ACTION = "ກະຊວງສາທາລະນະສຸກສົ່ງບົດລາຍງານງົບປະມານ"


def make_meeting(
    world,
    *,
    group=None,
    start=None,
    title_en="Health SWG, first quarter",
    title_lo="ກອງປະຊຸມໜ່ວຍງານຂະແໜງການສາທາລະນະສຸກ",
) -> Meeting:
    start = start or datetime(2025, 3, 10, 9, 0, tzinfo=VTE)
    meeting = Meeting.objects.create(
        group=group or world.health,
        kind="swg",
        title_en=title_en,
        title_lo=title_lo,
        start=start,
        end=start + timedelta(hours=3),
        venue_en="Ministry of Health, Vientiane",
        state=MeetingState.HELD,
        chair_person=world.people["chair"],
    )
    AgendaItem.objects.create(
        meeting=meeting,
        order=1,
        kind=AgendaItemKind.PREVIOUS_MINUTES,
        title_en="Adoption of the previous minutes",
        title_lo="ຮັບຮອງບົດບັນທຶກກອງປະຊຸມຄັ້ງກ່ອນ",
    )
    AgendaItem.objects.create(
        meeting=meeting,
        order=2,
        kind=AgendaItemKind.ACTION_REVIEW,
        title_en="Review of open action points",
        title_lo="ທົບທວນບັນດາວຽກທີ່ຍັງຄ້າງ",
    )
    AgendaItem.objects.create(
        meeting=meeting, order=3, title_en="Health budget 2025", title_lo="ງົບປະມານສາທາລະນະສຸກ 2025"
    )
    people = world.people
    for key, attended, lang in (
        ("member", True, "en"),
        ("stakeholder", True, "lo"),
        ("chair", True, "lo"),
        ("cochair", True, "en"),
        ("secretariat", False, "lo"),
    ):
        person = people[key]
        Participant.objects.create(
            meeting=meeting,
            person=person,
            name=person.name_en,
            organisation=person.organisation,
            organisation_name=person.organisation.name_en,
            email=person.email,
            phone=person.phone,
            gender=person.gender,
            language=lang,
            attended=attended,
        )
    Participant.objects.create(
        meeting=meeting,
        source="walk_in",
        name="Walk-in Guest",
        organisation_name="Lao Red Cross",
        gender="m",
        phone="+856 21 222 333",
        attended=True,
    )
    return meeting


def make_minutes(world, meeting=None, languages=("lo", "en")) -> Minutes:
    meeting = meeting or make_meeting(world)
    minutes = services.minutes_start(meeting=meeting, languages=languages, actor=world.user("secretariat"))
    item = minutes.items.get(order=3)
    item.discussion_lo = "ປຶກສາຫາລືກ່ຽວກັບງົບປະມານ"
    item.discussion_en = "The budget was discussed."
    item.save()
    Decision.objects.create(
        item=item, order=1, text_lo=LAO_DECISION, text_en="The meeting endorsed the annual work plan."
    )
    ActionPoint.objects.create(
        item=item,
        group=meeting.group,
        what_lo=LAO_ACTION,
        what_en="MOH sends the budget report",
        responsible_organisation=world.moh,
        responsible_person=world.people["member"],
        due_date=date(2025, 4, 30),
    )
    return minutes


def set_status(version: MinutesVersion, status: str) -> MinutesVersion:
    """Jump a version to a status directly (the steps themselves are tested one by one)."""
    now = timezone.now()
    version.status = status
    if status in (MinutesStatus.CIRCULATED,):
        version.comments_until = timezone.localdate() + timedelta(days=7)
    if status in (MinutesStatus.CHAIR_APPROVED, MinutesStatus.SENT, MinutesStatus.PUBLISHED):
        version.chair_approved_at = now
    if status in (MinutesStatus.SENT, MinutesStatus.PUBLISHED, MinutesStatus.RETURNED):
        version.sent_to_rtp_at = now
    # Published exactly when published (a database constraint).
    version.published_at = now if status == MinutesStatus.PUBLISHED else None
    version.save()
    return version


@pytest.fixture
def meeting(world):
    return make_meeting(world)


@pytest.fixture
def minutes(world, meeting):
    return make_minutes(world, meeting)


def version_of(minutes: Minutes, lang: str) -> MinutesVersion:
    return MinutesVersion.objects.get(minutes=minutes, language=lang)


def item3(minutes: Minutes) -> MinutesItem:
    return minutes.items.get(order=3)
