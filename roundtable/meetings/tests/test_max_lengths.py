"""Texts of the meetings have maximum lengths, held by the forms and the models (issue 8).

An over-long value is a form error and nothing is saved. The meetings' API is read-only: nothing to hold.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from roundtable.meetings import services
from roundtable.meetings.models import AgendaItem, Meeting, MeetingDocument, Participant

from .conftest import officer

pytestmark = pytest.mark.django_db


def test_every_text_of_the_meetings_has_a_maximum_length_held_by_the_model_too():
    for model in (Meeting, AgendaItem, MeetingDocument, Participant):
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField | models.TextField):
                assert field.max_length, (model, field.name)
    reason = Meeting._meta.get_field("state_reason")
    assert reason.max_length == 2_000
    with pytest.raises(ValidationError):
        reason.clean("x" * 2_001, None)


def test_an_over_long_reason_is_a_form_error_and_the_meeting_is_not_postponed(
    english, world, client_for, internal_meeting
):
    client = client_for(world.user("secretariat"))
    url = reverse("meetings:state", args=[internal_meeting.pk])
    response = client.post(url, {"state": "postponed", "reason": "x" * 2_001})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    internal_meeting.refresh_from_db()
    assert internal_meeting.state == "scheduled" and internal_meeting.state_reason == ""
    with pytest.raises(ValidationError):
        services.meeting_set_state(
            actor=officer(), meeting=internal_meeting, state="postponed", reason="y" * 2_001, notify=False
        )
    internal_meeting.refresh_from_db()
    assert internal_meeting.state == "scheduled"
    client.post(url, {"state": "postponed", "reason": "ກ" * 2_000, "confirmed": "1"})  # once confirmed
    internal_meeting.refresh_from_db()
    assert internal_meeting.state == "postponed"


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        (
            "meetings:edit",
            {"kind": "swg", "start": "2031-03-10T09:00", "end": "2031-03-10T12:00"},
            "title_en",
        ),
        (
            "meetings:edit",
            {"kind": "swg", "start": "2031-03-10T09:00", "end": "2031-03-10T12:00"},
            "venue_en",
        ),
        ("meetings:agenda_add", {}, "title_en"),
        ("meetings:agenda_add", {"title_en": "Budget"}, "presenter"),
        ("meetings:walk_in", {"name": "Guest"}, "organisation_name"),
        ("meetings:walk_in", {}, "name"),
    ],
)
def test_an_over_long_title_venue_or_name_is_a_form_error_and_nothing_is_saved(
    world, client_for, internal_meeting, name, data, field
):
    before = (
        Meeting.objects.get(pk=internal_meeting.pk).revision,
        AgendaItem.objects.count(),
        Participant.objects.count(),
    )
    post = {"title_en": "SWG meeting", **data, field: "x" * 400}
    response = client_for(world.user("secretariat")).post(reverse(name, args=[internal_meeting.pk]), post)
    assert response.status_code in (200, 400)
    assert "errorlist" in response.content.decode()
    after = (
        Meeting.objects.get(pk=internal_meeting.pk).revision,
        AgendaItem.objects.count(),
        Participant.objects.count(),
    )
    assert after == before


def test_an_over_long_substitute_is_a_form_error_and_the_answer_not_recorded(world, client, internal_meeting):
    services.participants_invite(actor=officer(), meeting=internal_meeting, notify=False)
    invitee = internal_meeting.participants.first()
    response = client.post(
        reverse("meetings:answer", args=[invitee.token]), {"response": "substitute", "name": "x" * 256}
    )
    assert response.status_code == 400
    invitee.refresh_from_db()
    assert invitee.response == "pending" and not invitee.substitutes.exists()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_meetings_api_writes_nothing(world, client_for, internal_meeting, method):
    client = client_for(world.user("rtp"))
    for url in ("/api/v1/meetings/", f"/api/v1/meetings/{internal_meeting.pk}/"):
        response = getattr(client, method)(url, {"title_en": "x" * 400}, content_type="application/json")
        assert response.status_code in (403, 404, 405), (url, response.status_code)
    assert Meeting.objects.get(pk=internal_meeting.pk).title_en == "SWG meeting"
