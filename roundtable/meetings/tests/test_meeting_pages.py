from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from roundtable.meetings.models import Meeting, MeetingState

from .conftest import FULL_LADDER, INSIDERS, MANAGERS, at, make_meeting, officer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", FULL_LADDER)
@pytest.mark.parametrize("lang", ["lo", "en"])
def test_the_internal_meeting_page_is_a_404_for_those_outside_the_group(
    world, client_for, internal_meeting, persona, lang
):
    with translation.override(lang):
        url = reverse("meetings:detail", args=[internal_meeting.pk])
    response = client_for(world.user(persona)).get(url)
    assert response.status_code == (200 if persona in INSIDERS else 404)


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_the_public_sees_a_public_meeting_page_in_both_languages_without_the_online_link(
    world, client, public_meeting, lang
):
    public_meeting.online_link = "https://meet.example.la/secret"
    public_meeting.save()
    response = client.get(f"/{lang}/meetings/{public_meeting.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "meet.example.la/secret" not in body
    assert ("Health SWG annual meeting" in body) or ("ກອງປະຊຸມ" in body)
    assert reverse("meetings:edit", args=[public_meeting.pk]) not in body


def test_the_secretariat_sees_the_management_links_and_members_do_not(world, client_for, internal_meeting):
    edit = reverse("meetings:edit", args=[internal_meeting.pk])
    assert (
        edit
        in client_for(world.user("secretariat")).get(internal_meeting.get_absolute_url()).content.decode()
    )
    assert (
        edit not in client_for(world.user("member")).get(internal_meeting.get_absolute_url()).content.decode()
    )


def test_the_meeting_list_filters_by_group_and_year_and_hides_internal_meetings(
    world, client, client_for, public_meeting
):
    internal = make_meeting(world.health, title_en="Internal only")
    education = make_meeting(world.education, public=True, title_en="Education public")
    response = client.get("/en/meetings/")
    body = response.content.decode()
    assert "Health SWG annual meeting" in body and "Education public" in body and "Internal only" not in body
    body = client.get("/en/meetings/?group=education").content.decode()
    assert "Education public" in body and "Health SWG annual meeting" not in body
    body = client.get(f"/en/meetings/?year={public_meeting.start.year - 1}").content.decode()
    assert "Health SWG annual meeting" not in body
    body = client_for(world.user("member")).get("/en/meetings/").content.decode()
    assert "Internal only" in body
    assert internal.pk and education.pk


def test_the_meeting_list_runs_the_same_number_of_queries_for_few_and_many_meetings(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(3):
        make_meeting(world.health, days=i + 1, public=True)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/en/meetings/").status_code == 200
    for i in range(30):
        make_meeting(world.education, days=i + 5, public=True)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/en/meetings/").status_code == 200
    assert len(many) == len(few)


CREATE_DATA = {
    "group": "health",
    "kind": "swg",
    "title_lo": "ກອງປະຊຸມ ໄຕມາດ 1",
    "title_en": "Q1 meeting",
    "start": "2031-03-10T09:00",
    "end": "2031-03-10T12:00",
    "venue_en": "MOH",
    "online_link": "",
    "chair_person": "",
    "is_public": "on",
}


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_only_the_secretariat_and_rtp_can_schedule_a_health_meeting(world, client_for, persona):
    response = client_for(world.user(persona)).post("/en/meetings/new/?group=health", CREATE_DATA)
    if persona in MANAGERS:
        meeting = Meeting.objects.get()
        assert response.status_code == 302
        # Entered in Vientiane time, stored in UTC.
        assert meeting.start.astimezone(ZoneInfo("UTC")).hour == 2
        assert [i.kind for i in meeting.agenda_items.all()] == ["previous_minutes", "action_review"]
    else:
        assert response.status_code in ({302} if persona == "anonymous" else {403})
        assert not Meeting.objects.exists()


def test_the_end_before_the_start_is_refused_with_a_message(world, client_for):
    data = {**CREATE_DATA, "end": "2031-03-10T08:00"}
    response = client_for(world.user("secretariat")).post("/en/meetings/new/?group=health", data)
    assert response.status_code == 200
    assert "The end cannot be before the start." in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_create_page_lets_the_secretariat_choose_among_its_groups(world, client_for):
    body = client_for(world.user("secretariat")).get("/en/meetings/new/").content.decode()
    assert "?group=health" in body and "?group=health-hpf" in body and "?group=education" not in body


def edit_data(meeting, **changes):
    data = {
        "kind": meeting.kind,
        "title_lo": meeting.title_lo,
        "title_en": meeting.title_en,
        "start": meeting.start.astimezone(ZoneInfo("Asia/Vientiane")).strftime("%Y-%m-%dT%H:%M"),
        "end": meeting.end.astimezone(ZoneInfo("Asia/Vientiane")).strftime("%Y-%m-%dT%H:%M"),
        "venue_en": meeting.venue,
        "online_link": meeting.online_link,
        "chair_person": meeting.chair_person_id or "",
        "revision": meeting.revision,
    }
    if meeting.is_public:
        data["is_public"] = "on"
    data.update(changes)
    return data


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_editing_a_meeting_is_for_managers_and_refused_edits_change_nothing(
    world, client_for, internal_meeting, persona
):
    url = reverse("meetings:edit", args=[internal_meeting.pk])
    response = client_for(world.user(persona)).post(url, edit_data(internal_meeting, venue_en="New venue"))
    internal_meeting.refresh_from_db()
    if persona in MANAGERS:
        assert response.status_code == 302
        assert internal_meeting.venue == "New venue"
    else:
        assert response.status_code in {302, 403, 404}
        assert internal_meeting.venue == "MOH, Vientiane"


def test_a_stale_edit_is_refused_and_does_not_overwrite_the_other_change(world, client_for, internal_meeting):
    client = client_for(world.user("secretariat"))
    url = reverse("meetings:edit", args=[internal_meeting.pk])
    stale = edit_data(internal_meeting, venue_en="First")
    assert client.post(url, edit_data(internal_meeting, venue_en="Second")).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 200
    internal_meeting.refresh_from_db()
    assert internal_meeting.venue == "Second"


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_changing_the_state_is_for_managers(world, client_for, internal_meeting, persona):
    # Started yesterday: a meeting is marked held only once it has started.
    Meeting.objects.filter(pk=internal_meeting.pk).update(start=at(-1), end=at(-1, 12))
    url = reverse("meetings:state", args=[internal_meeting.pk])
    response = client_for(world.user(persona)).post(url, {"state": "held", "reason": ""})
    internal_meeting.refresh_from_db()
    assert (internal_meeting.state == MeetingState.HELD) is (persona in MANAGERS)
    assert response.status_code == (
        302 if persona in MANAGERS or persona == "anonymous" else (403 if persona in INSIDERS else 404)
    )


@pytest.mark.parametrize("state", ["postponed", "cancelled"])
def test_postponing_or_cancelling_needs_a_reason(world, client_for, internal_meeting, state):
    client = client_for(world.user("secretariat"))
    url = reverse("meetings:state", args=[internal_meeting.pk])
    response = client.post(url, {"state": state, "reason": " "})
    assert response.status_code == 200
    internal_meeting.refresh_from_db()
    assert internal_meeting.state == MeetingState.SCHEDULED
    # A page asks first (the invitees will be told); nothing changes until it is confirmed.
    confirm = client.post(url, {"state": state, "reason": "The minister travels"})
    assert confirm.status_code == 200 and 'name="confirmed"' in confirm.content.decode()
    internal_meeting.refresh_from_db()
    assert internal_meeting.state == MeetingState.SCHEDULED
    data = {"state": state, "reason": "The minister travels", "confirmed": "1"}
    assert client.post(url, data).status_code == 302
    internal_meeting.refresh_from_db()
    assert internal_meeting.state == state and internal_meeting.state_reason == "The minister travels"


def test_a_cancelled_meeting_cannot_be_edited(world, client_for, internal_meeting):
    from roundtable.meetings import services

    services.meeting_set_state(
        actor=officer(), meeting=internal_meeting, state="cancelled", reason="No quorum"
    )
    client = client_for(world.user("secretariat"))
    response = client.post(
        reverse("meetings:edit", args=[internal_meeting.pk]), edit_data(internal_meeting, venue_en="X")
    )
    assert response.status_code == 302
    internal_meeting.refresh_from_db()
    assert internal_meeting.venue != "X"


def test_the_history_of_a_meeting_is_shown_to_the_rtp_secretariat(world, client_for, internal_meeting):
    body = client_for(world.user("rtp")).get(internal_meeting.get_absolute_url()).content.decode()
    assert 'id="history"' in body
    body = client_for(world.user("secretariat")).get(internal_meeting.get_absolute_url()).content.decode()
    assert 'id="history"' not in body


def test_a_sub_swg_meeting_appears_in_the_swg_list_filter(world, client):
    make_meeting(world.health_sub, public=True, title_en="HPF meeting", start=at(3), end=at(3, 11))
    assert "HPF meeting" in client.get("/en/meetings/?group=health").content.decode()
