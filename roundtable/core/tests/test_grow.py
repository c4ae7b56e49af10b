"""bench/grow.py: the demo's records copied N times, each copy pointing to its own batch's copies."""

import pytest

from bench.grow import grow
from roundtable.directory.models import Membership, Person
from roundtable.meetings import services
from roundtable.meetings.models import Meeting, Participant
from roundtable.meetings.tests.conftest import make_meeting, officer

pytestmark = pytest.mark.django_db


def test_grow_copies_people_meetings_and_participants_with_their_own_links(world):
    meeting = make_meeting(world.health, public=True)
    services.participants_invite(actor=officer(), meeting=meeting)
    before = {m: m.objects.count() for m in (Person, Membership, Meeting, Participant)}
    assert before[Participant] > 0

    added = grow(3)

    for model, count in before.items():
        assert model.objects.count() == 3 * count, model
    assert added["meetings.Meeting"] == 2 * before[Meeting]
    assert len(set(Meeting.objects.values_list("ical_uid", flat=True))) == 3 * before[Meeting]
    # A copied participant belongs to a copied meeting and is a copied person (no account: users stay one).
    for participant in Participant.objects.exclude(meeting=meeting).select_related("meeting", "person"):
        assert participant.meeting.ical_uid.endswith(("-g1", "-g2"))
        assert participant.person is None or participant.person.user_id is None
    copies = Meeting.objects.exclude(pk=meeting.pk).order_by("start")
    assert [meeting.start - m.start for m in copies][-1].days == 7


def test_grow_once_is_nothing(world):
    assert grow(1) == {}
