"""One step for every language version that stands at it, from its page (the confirmation, the link of the
notifications) or from the editor; a version held back; the dates of circulation and approval."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from roundtable.minutes import services
from roundtable.minutes.models import MinutesStatus, MinutesStep

from .conftest import set_status, version_of


def url(minutes, step: str, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("minutes:steps", args=[minutes.meeting_id, step])


def statuses(minutes) -> dict[str, str]:
    return dict(minutes.versions.values_list("language", "status"))


def test_the_page_confirms_first_and_the_form_moves_both_versions(world, minutes, client_for):
    client = client_for(world.user("secretariat"))
    page = client.get(url(minutes, "circulate"))
    assert page.status_code == 200 and statuses(minutes) == {
        "lo": "draft",
        "en": "draft",
    }  # a GET changes nothing
    html = page.content.decode()
    assert "This step cannot be undone." in html and 'name="hold_back"' in html
    until = page.context["form"]["comments_until"].value()
    response = client.post(url(minutes, "circulate"), {"comments_until": until})
    assert response.status_code == 302
    assert statuses(minutes) == {"lo": "circulated", "en": "circulated"}
    assert {str(v.comments_until) for v in minutes.versions.all()} == {str(until)}


def test_a_version_held_back_on_the_form_stays_where_it_is(world, minutes, client_for):
    client = client_for(world.user("secretariat"))
    until = timezone.localdate() + timedelta(days=5)
    client.post(url(minutes, "circulate"), {"comments_until": until.isoformat(), "hold_back": ["lo"]})
    assert statuses(minutes) == {"lo": "draft", "en": "circulated"}


def test_the_editor_circulates_with_the_same_deadline_prefilled_for_both_languages(
    world, minutes, client_for
):
    client = client_for(world.user("secretariat"))
    with translation.override("en"):
        page = client.get(reverse("minutes:edit", args=[minutes.meeting_id]))
    form = page.context["circulate_form"]
    assert form["comments_until"].value() == services.default_comments_until(minutes.meeting)
    assert f'action="{url(minutes, "circulate")}"' in page.content.decode()


def test_the_comments_deadline_falls_after_the_meeting(world, minutes, client_for):
    meeting = minutes.meeting
    # On the meeting's own day (the clock at the meeting), the deadline cannot be that day.
    with time_machine.travel(meeting.start - timedelta(hours=1), tick=False):
        day = timezone.localdate(meeting.start)
        response = client_for(world.user("secretariat")).post(
            url(minutes, "circulate"), {"comments_until": day.isoformat()}
        )
        assert response.status_code == 400 and statuses(minutes) == {"lo": "draft", "en": "draft"}
        assert "after the meeting" in response.content.decode()
        with pytest.raises(services.Refused, match="after the meeting"):
            services.minutes_take_steps(
                minutes=minutes, actor=world.user("secretariat"), step="circulate", comments_until=day
            )
        assert services.default_comments_until(meeting) == day + timedelta(days=7)


def test_minutes_are_not_approved_before_their_comments_deadline_unless_the_approver_says_so(
    world, minutes, client_for
):
    until = timezone.localdate() + timedelta(days=3)
    services.minutes_take_steps(
        minutes=minutes, actor=world.user("secretariat"), step="circulate", comments_until=until
    )
    client = client_for(world.user("chair"))
    page = client.get(url(minutes, "approve"))
    assert "early" in page.context["form"].fields
    response = client.post(url(minutes, "approve"), {})
    assert response.status_code == 400 and statuses(minutes) == {"lo": "circulated", "en": "circulated"}
    assert "tick the box" in response.content.decode()
    client.post(url(minutes, "approve"), {"early": "on"})
    assert statuses(minutes) == {"lo": "chair_approved", "en": "chair_approved"}


def test_after_the_deadline_the_approval_needs_no_box(world, minutes, client_for):
    until = timezone.localdate() + timedelta(days=3)
    services.minutes_take_steps(
        minutes=minutes, actor=world.user("secretariat"), step="circulate", comments_until=until
    )
    with time_machine.travel(timezone.now() + timedelta(days=4), tick=False):
        client = client_for(world.user("cochair"))
        page = client.get(url(minutes, "approve"))
        assert "early" not in page.context["form"].fields
        client.post(url(minutes, "approve"), {})
    assert statuses(minutes) == {"lo": "chair_approved", "en": "chair_approved"}


def test_a_co_chair_approves_as_co_chair(world, minutes, client_for):
    for version in minutes.versions.all():
        set_status(version, MinutesStatus.CIRCULATED)
    cochair = client_for(world.user("cochair")).get(url(minutes, "approve")).content.decode()
    assert "Approve as co-chair" in cochair
    chair = client_for(world.user("chair")).get(url(minutes, "approve")).content.decode()
    assert "Approve as chair" in chair and "co-chair" not in chair
    with translation.override("en"):
        detail = reverse("minutes:detail", args=[minutes.meeting_id])
    assert "Approve as co-chair" in client_for(world.user("cochair")).get(detail).content.decode()


def test_the_chair_returns_with_comments_and_a_comment_is_required(world, minutes, client_for):
    for version in minutes.versions.all():
        set_status(version, MinutesStatus.CIRCULATED)
    client = client_for(world.user("chair"))
    response = client.post(url(minutes, "chair_return"), {"comment": "  "})
    assert response.status_code == 400 and statuses(minutes) == {"lo": "circulated", "en": "circulated"}
    client.post(url(minutes, "chair_return"), {"comment": "Item 3: the 2024 figures."})
    assert statuses(minutes) == {"lo": "returned", "en": "returned"}
    step = MinutesStep.objects.filter(version__minutes=minutes, to_status="returned").first()
    assert (step.actor, step.comment) == (world.user("chair"), "Item 3: the 2024 figures.")


def test_the_rtp_secretariat_publishes_both_versions_in_one_action(world, minutes, client_for):
    for version in minutes.versions.all():
        set_status(version, MinutesStatus.SENT)
    response = client_for(world.user("rtp")).post(url(minutes, "publish"), {})
    assert response.status_code == 302
    assert statuses(minutes) == {"lo": "published", "en": "published"}


@pytest.mark.parametrize("persona", ["member", "secretariat"])
def test_who_may_not_take_the_step_is_told_so_and_nothing_changes(world, minutes, client_for, persona):
    for version in minutes.versions.all():
        set_status(version, MinutesStatus.SENT)
    client = client_for(world.user(persona))
    response = client.post(url(minutes, "publish"), {})
    assert response.status_code == 302
    assert statuses(minutes) == {"lo": "sent", "en": "sent"}
    assert version_of(minutes, "en").published_at is None


def test_the_rtp_secretariat_publishes_from_its_list_in_one_action(world, minutes, client_for):
    for version in minutes.versions.all():
        set_status(version, MinutesStatus.SENT)
    client = client_for(world.user("rtp"))
    with translation.override("en"):
        work = client.get(reverse("minutes:work")).content.decode()
    assert f'<form method="post" action="{url(minutes, "publish")}"' in work
    assert "Publish on the website (English, ລາວ)" in work  # one button for both versions
    client.post(url(minutes, "publish"), {})
    assert statuses(minutes) == {"lo": "published", "en": "published"}
