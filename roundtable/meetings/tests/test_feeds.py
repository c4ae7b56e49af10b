import pytest
from django.urls import reverse
from icalendar import Calendar

from roundtable.meetings import services

from .conftest import make_meeting, officer

pytestmark = pytest.mark.django_db


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.fixture
def meetings(world):
    public = make_meeting(
        world.health, public=True, title_en="Public health", online_link="https://meet.example.la/x"
    )
    internal = make_meeting(world.health, public=False, title_en="Internal health")
    education = make_meeting(world.education, public=True, title_en="Public education")
    services.participants_invite(actor=officer(), meeting=public)
    return public, internal, education


def test_the_public_feed_has_public_meetings_only_and_no_contacts(world, client, meetings):
    response = client.get("/feeds/meetings.ics?lang=en")
    titles = set(events(response))
    assert titles == {"Public health (Health)", "Public education (Education)"}
    body = response.content.decode()
    assert "@example.la" not in body and "+856" not in body and "meet.example.la" not in body
    assert "ATTENDEE" not in body


def test_the_group_feed_has_that_groups_public_meetings(world, client, meetings):
    assert set(events(client.get("/feeds/meetings/education.ics?lang=en"))) == {
        "Public education (Education)"
    }
    assert client.get("/feeds/meetings/nope.ics").status_code == 404


def test_feed_events_keep_the_invitations_uid_and_sequence(world, client, meetings):
    public = meetings[0]
    event = events(client.get("/feeds/meetings.ics?lang=en"))["Public health (Health)"]
    assert str(event["UID"]) == public.ical_uid and int(event["SEQUENCE"]) == public.ical_sequence


def test_the_private_feed_needs_its_token_and_includes_the_users_internal_meetings(world, client, meetings):
    user = world.user("member")
    token = services.feed_token_for(user)
    response = client.get(reverse("feeds:private", args=[token.token]) + "?lang=en")
    assert set(events(response)) == {"Public health (Health)", "Internal health (Health)"}
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(reverse("feeds:private", args=["wrong"])).status_code == 404


def test_resetting_the_private_link_makes_the_old_one_stop_working(world, client_for, meetings):
    client = client_for(world.user("member"))
    old = services.feed_token_for(world.user("member")).token
    page = client.get(reverse("meetings:feed_link")).content.decode()
    assert old in page
    assert client.post(reverse("meetings:feed_reset")).status_code == 302
    assert client.get(reverse("feeds:private", args=[old])).status_code == 404
    new = services.feed_token_for(world.user("member")).token
    assert new != old and client.get(reverse("feeds:private", args=[new])).status_code == 200


def test_the_feed_link_page_needs_a_login(client):
    for response in (client.get(reverse("meetings:feed_link")), client.post(reverse("meetings:feed_reset"))):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_deactivated_users_private_feed_stops(world, client, meetings):
    user = world.user("member")
    token = services.feed_token_for(user).token
    user.is_active = False
    user.save()
    assert client.get(reverse("feeds:private", args=[token])).status_code == 404


def test_a_cancelled_public_meeting_stays_in_the_feed_as_cancelled(world, client, meetings):
    services.meeting_set_state(actor=officer(), meeting=meetings[0], state="cancelled", reason="Flood")
    event = events(client.get("/feeds/meetings.ics?lang=en"))["Public health (Health)"]
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1


def test_the_public_feed_is_flat_in_queries(world, client, django_assert_max_num_queries):
    for i in range(3):
        make_meeting(world.health, days=i + 1, public=True)
    with django_assert_max_num_queries(2):
        client.get("/feeds/meetings.ics")
    for i in range(30):
        make_meeting(world.education, days=i + 1, public=True)
    with django_assert_max_num_queries(2):
        client.get("/feeds/meetings.ics")
