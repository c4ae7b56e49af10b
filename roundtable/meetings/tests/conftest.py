"""Meeting fixtures on top of the shared `world`."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from roundtable.meetings import services

VIENTIANE = ZoneInfo("Asia/Vientiane")
FULL_LADDER = [
    "anonymous",
    "outsider",
    "other_member",
    "member",
    "other_secretariat",
    "secretariat",
    "chair",
    "rtp",
]
MANAGERS = {"secretariat", "rtp"}
INSIDERS = {"member", "secretariat", "chair", "rtp"}


def at(days: int, hour: int = 9) -> datetime:
    """A Vientiane time `days` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=VIENTIANE)


def officer():
    """The RTP Secretariat's user of `world`: it manages every group's meetings (the actor of test setups)."""
    return get_user_model().objects.get(username="rtp")


def make_meeting(group, days: int = 10, public: bool = False, **extra):
    fields = {
        "kind": "swg",
        "title_lo": "ກອງປະຊຸມໜ່ວຍງານຂະແໜງການ",
        "title_en": "SWG meeting",
        "start": at(days),
        "end": at(days, 12),
        "venue_en": "MOH, Vientiane",
        "is_public": public,
    }
    fields.update(extra)
    return services.meeting_create(actor=officer(), group=group, data=fields)


@pytest.fixture
def internal_meeting(world):
    return make_meeting(world.health, days=10, public=False, online_link="https://meet.example.la/health")


@pytest.fixture
def public_meeting(world):
    return make_meeting(world.health, days=20, public=True, title_en="Health SWG annual meeting")
