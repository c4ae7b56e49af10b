import io

import pytest

from roundtable.meetings.models import Meeting, Participant

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_year_of_meetings_and_a_second_run_changes_nothing():
    from roundtable.directory import demo as directory_demo
    from roundtable.groups import demo as groups_demo
    from roundtable.meetings import demo

    directory_demo.load(io.StringIO())
    groups_demo.load(io.StringIO())
    demo.load(io.StringIO())
    meetings = Meeting.objects.count()
    participants = Participant.objects.count()
    assert meetings > 30 and participants > meetings
    assert (
        Meeting.objects.filter(state="held").exists() and Meeting.objects.filter(state="scheduled").exists()
    )
    assert (
        Meeting.objects.filter(is_public=True).exists() and Meeting.objects.filter(is_public=False).exists()
    )
    assert (
        Participant.objects.filter(attended=True).exists()
        and Participant.objects.filter(source="substitute").exists()
    )
    # Every venue in both languages, each in its own field (never "Lao / English" in one string).
    assert (
        not Meeting.objects.filter(venue_lo="").exists() and not Meeting.objects.filter(venue_en="").exists()
    )
    assert not Meeting.objects.filter(venue_en__contains=" / ").exists()
    assert all(
        not any("\u0e80" <= c <= "\u0eff" for c in v)
        for v in Meeting.objects.values_list("venue_en", flat=True)
    )
    # The Round Table meetings are two-day, all-day events (00:00 to 23:59 of the next day, Vientiane).
    rtim = Meeting.objects.filter(kind="rtim").first()
    assert rtim is not None and rtim.all_day and len(rtim.local_days) == 2
    demo.load(io.StringIO())
    assert (Meeting.objects.count(), Participant.objects.count()) == (meetings, participants)
