"""The meeting page and the meetings API learn of the minutes only through minutes.links."""

import pytest

from roundtable.meetings.api import MeetingSerializer
from roundtable.meetings.models import Meeting
from roundtable.minutes.links import minutes_link_for
from roundtable.minutes.models import MinutesStatus

from .conftest import make_meeting, set_status, version_of

pytestmark = pytest.mark.django_db


def public_minutes_url(meeting: Meeting) -> str | None:
    """The meeting API's `minutes_url` for this meeting."""
    return MeetingSerializer().get_minutes_url(Meeting.objects.with_published_minutes().get(pk=meeting.pk))


def test_the_public_learns_nothing_of_unpublished_minutes(world, minutes):
    meeting = minutes.meeting
    assert minutes_link_for(world.user("anonymous"), meeting) is None
    assert minutes_link_for(world.user("other_member"), meeting) is None
    assert public_minutes_url(meeting) is None


def test_a_member_of_the_group_sees_the_draft_status_on_the_meeting_page(world, minutes):
    link = minutes_link_for(world.user("member"), minutes.meeting)
    assert link is not None and not link["start"]
    assert {v.language for v in link["versions"]} == {"lo", "en"}


def test_the_public_sees_only_the_published_language_version(world, minutes):
    set_status(version_of(minutes, "lo"), MinutesStatus.PUBLISHED)
    link = minutes_link_for(world.user("anonymous"), minutes.meeting)
    assert [v.language for v in link["versions"]] == ["lo"]
    assert public_minutes_url(minutes.meeting).endswith(f"/lo/minutes/{minutes.meeting.pk}/")


def test_the_secretariat_is_offered_to_start_the_minutes_of_a_held_meeting(world):
    meeting = make_meeting(world)
    assert minutes_link_for(world.user("secretariat"), meeting)["start"] is True
    assert minutes_link_for(world.user("member"), meeting) is None


def test_the_meeting_page_links_to_published_minutes_for_an_anonymous_visitor(world, client, minutes):
    meeting = minutes.meeting
    meeting.is_public = True
    meeting.save()
    assert b'id="minutes"' not in client.get(f"/en/meetings/{meeting.pk}/").content
    set_status(version_of(minutes, "en"), MinutesStatus.PUBLISHED)
    body = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert 'id="minutes"' in body and f"/en/minutes/{meeting.pk}/?version=en" in body
