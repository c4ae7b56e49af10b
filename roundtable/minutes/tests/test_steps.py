"""Every step of a language version's life, for every role of the ladder: only the allowed role
moves the version; every refused step changes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from roundtable.conftest import LADDER
from roundtable.minutes import services
from roundtable.minutes.models import MinutesStatus, MinutesStep

from .conftest import set_status, version_of

ROLES = [*LADDER, "chair", "cochair"]

# step → (status it starts from, status it leads to, roles allowed)
STEPS = {
    "circulate": (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED, {"secretariat"}),
    "approve": (MinutesStatus.CIRCULATED, MinutesStatus.CHAIR_APPROVED, {"chair", "cochair"}),
    "chair_return": (MinutesStatus.CIRCULATED, MinutesStatus.RETURNED, {"chair", "cochair"}),
    "send": (MinutesStatus.CHAIR_APPROVED, MinutesStatus.SENT, {"secretariat"}),
    "publish": (MinutesStatus.SENT, MinutesStatus.PUBLISHED, {"rtp"}),
    "return": (MinutesStatus.SENT, MinutesStatus.RETURNED, {"rtp"}),
}


def snapshot(version):
    version.refresh_from_db()
    return (
        version.status,
        version.comments_until,
        version.chair_approved_at,
        version.sent_to_rtp_at,
        version.published_at,
        MinutesStep.objects.filter(version=version).count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", list(STEPS))
def test_only_the_allowed_role_takes_each_step_and_refusals_change_nothing(
    world, minutes, client_for, role, step, django_capture_on_commit_callbacks
):
    from_status, to_status, allowed = STEPS[step]
    version = set_status(version_of(minutes, "lo"), from_status)
    before = snapshot(version)
    data = {"comment": "Please correct item 3.", "early": "on"}  # approval: before the comments deadline
    if step == "circulate":
        data["comments_until"] = (timezone.localdate() + timedelta(days=7)).isoformat()
    client = client_for(world.user(role))
    with translation.override("en"):  # the English pages: the refusal is read in English below
        url = reverse("minutes:step", args=[minutes.meeting_id, "lo", step])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    version.refresh_from_db()
    if role in allowed:
        assert response.status_code == 302
        assert version.status == to_status
        last = MinutesStep.objects.filter(version=version).last()
        assert (last.from_status, last.to_status, last.actor) == (from_status, to_status, world.user(role))
        assert last.comment == data["comment"]
    else:
        assert snapshot(version) == before
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        elif role in ("outsider", "other_member", "other_secretariat"):
            # They may not even learn that unpublished minutes exist.
            assert response.status_code == 404
        else:
            assert response.status_code == 302
            messages = [str(m) for m in response.wsgi_request._messages]
            assert any("Only" in m for m in messages), messages


def test_each_step_records_its_date(world, minutes):
    version = version_of(minutes, "en")
    services.minutes_circulate(
        version=version, actor=world.user("secretariat"), comments_until=timezone.localdate()
    )
    services.minutes_approve(version=version, actor=world.user("cochair"), early=True)
    services.minutes_send(version=version, actor=world.user("secretariat"))
    services.minutes_publish(version=version, actor=world.user("rtp"))
    version.refresh_from_db()
    assert version.status == MinutesStatus.PUBLISHED
    assert version.chair_approved_at and version.sent_to_rtp_at and version.published_at
    assert [s.to_status for s in version.steps.all()] == ["circulated", "chair_approved", "sent", "published"]
    # The other language is independent.
    assert version_of(minutes, "lo").status == MinutesStatus.DRAFT


def test_a_step_out_of_order_is_refused_with_a_clear_message(world, minutes, client_for):
    version = version_of(minutes, "lo")
    before = snapshot(version)
    client = client_for(world.user("rtp"))
    with translation.override("en"):
        url = reverse("minutes:step", args=[minutes.meeting_id, "lo", "publish"])
    response = client.post(url, follow=True)
    assert snapshot(version) == before
    assert "this step is not possible now" in response.content.decode()


def test_returning_requires_a_comment_and_sends_the_version_back_to_the_secretariat(world, minutes):
    version = set_status(version_of(minutes, "lo"), MinutesStatus.SENT)
    with pytest.raises(services.Refused):
        services.minutes_return(version=version, actor=world.user("rtp"), comment="  ")
    assert snapshot(version)[0] == MinutesStatus.SENT
    services.minutes_return(version=version, actor=world.user("rtp"), comment="Add the attendance.")
    version.refresh_from_db()
    assert version.status == MinutesStatus.RETURNED and version.chair_approved_at is None
    # Back with the secretariat: it can edit and circulate again.
    assert services.allowed_steps(world.user("secretariat"), version, world.health) == ["circulate"]


def test_circulating_with_a_past_date_is_refused(world, minutes):
    version = version_of(minutes, "lo")
    with pytest.raises(services.Refused):
        services.minutes_circulate(
            version=version,
            actor=world.user("secretariat"),
            comments_until=timezone.localdate() - timedelta(days=1),
        )
    assert snapshot(version)[0] == MinutesStatus.DRAFT


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_starts_the_minutes(world, meeting, client_for, role):
    from roundtable.minutes.models import Minutes

    response = client_for(world.user(role)).post(
        reverse("minutes:start", args=[meeting.pk]), {"languages": ["lo", "en"]}
    )
    exists = Minutes.objects.filter(meeting=meeting).exists()
    if role == "secretariat":
        assert response.status_code == 302 and exists
        minutes = Minutes.objects.get(meeting=meeting)
        assert [i.title_en for i in minutes.items.all()] == [
            "Adoption of the previous minutes",
            "Review of open action points",
            "Health budget 2025",
        ]
        assert sorted(v.language for v in minutes.versions.all()) == ["en", "lo"]
    else:
        assert not exists
        assert response.status_code in (302, 403)


def test_lateness_counts_from_the_meeting_day_and_the_setting(world, minutes, settings):
    import time_machine

    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "MINUTES_SEND_WITHIN_DAYS": 14}
    version = version_of(minutes, "lo")
    # Meeting on 10 March 2025: due by 24 March.
    assert version.send_deadline().isoformat() == "2025-03-24"
    with time_machine.travel("2025-03-20 10:00 +07:00"):
        assert version.days_late() == 0
    with time_machine.travel("2025-03-29 10:00 +07:00"):
        assert version.days_late() == 5
        set_status(version, MinutesStatus.SENT)
    with time_machine.travel("2025-05-01 10:00 +07:00"):
        assert version.days_late() == 5  # counted to the day it was sent, not today


def test_the_rtp_secretariat_reads_the_history_of_a_version(world, minutes, client_for):
    version = version_of(minutes, "en")
    services.minutes_circulate(
        version=version, actor=world.user("secretariat"), comments_until=timezone.localdate()
    )
    url = f"/en/minutes/{minutes.meeting_id}/?version=en"
    assert "History of changes" in client_for(world.user("rtp")).get(url).content.decode()
    assert "History of changes" not in client_for(world.user("member")).get(url).content.decode()
