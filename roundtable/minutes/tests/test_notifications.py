"""Each step of the minutes tells the people whose turn it now is, once per step (whatever the number of
language versions it moved), in each recipient's language, with a direct link; what invites an answer
answers to the group's secretariat; the actor is never told. Circulation sends each attendee one email."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from roundtable.core.notifications import Notification
from roundtable.minutes import services
from roundtable.minutes.models import MinutesStatus

from .conftest import version_of


@pytest.fixture
def languages(world):
    """The co-chair reads English; everyone else Lao (the default)."""
    cochair = world.people["cochair"]
    cochair.preferred_language = "en"
    cochair.save()


def told(minutes, step: str) -> dict[str, str]:
    """{username: language} of the notifications of this step of the minutes."""
    rows = Notification.objects.filter(key__startswith=f"minutes:{minutes.pk}:{step}:").select_related(
        "recipient"
    )
    return {n.recipient.username: n.language for n in rows}


def take(minutes, world, step, persona, **kwargs):
    return services.minutes_take_steps(minutes=minutes, actor=world.user(persona), step=step, **kwargs)


def until():
    return timezone.localdate() + timedelta(days=5)


def test_each_step_tells_its_next_actor_in_their_language_with_a_direct_link(
    world, minutes, languages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        moved = take(minutes, world, "circulate", "secretariat", comments_until=until())
    assert {v.language for v in moved} == {"lo", "en"}
    # The chair and the co-chair are asked to approve, once for both languages.
    assert told(minutes, "circulate") == {"health-chair": "lo", "health-cochair": "en"}
    english = next(m for m in mail.outbox if m.to == ["health-cochair@example.la"])
    assert english.subject == "Minutes for your approval: Health SWG, first quarter"
    assert f"/en/minutes/{minutes.meeting_id}/step/approve/" in english.body
    assert "English, Lao" in english.body
    assert english.reply_to == ["health-secretariat@example.la"]  # the text invites an answer
    lao = next(m for m in mail.outbox if m.to == ["health-chair@example.la"])
    assert f"/lo/minutes/{minutes.meeting_id}/step/approve/" in lao.body
    assert "ກອງປະຊຸມໜ່ວຍງານຂະແໜງການສາທາລະນະສຸກ" in lao.subject
    # The chair and the co-chair get their notice, not a second, circulation, email.
    assert [m.to for m in mail.outbox].count(["health-chair@example.la"]) == 1

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        take(minutes, world, "chair_return", "cochair", comment="Item 3: the figures are of 2024.")
    assert told(minutes, "chair_return") == {"health-secretariat": "lo"}
    (returned,) = mail.outbox
    assert "Item 3: the figures are of 2024." in returned.body and not returned.reply_to
    assert f"/lo/minutes/{minutes.meeting_id}/edit/" in returned.body

    take(minutes, world, "circulate", "secretariat", comments_until=until())  # a new event: told again
    assert Notification.objects.filter(key__startswith=f"minutes:{minutes.pk}:circulate:").count() == 4

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        take(minutes, world, "approve", "chair", early=True)
    assert told(minutes, "approve") == {"health-secretariat": "lo"}
    (approved,) = mail.outbox
    assert f"/lo/minutes/{minutes.meeting_id}/step/send/" in approved.body

    take(minutes, world, "send", "secretariat")
    assert told(minutes, "send") == {"rtp": "lo"}
    sent = Notification.objects.get(key__startswith=f"minutes:{minutes.pk}:send:")
    assert sent.reply_to == "health-secretariat@example.la"
    assert f"/lo/minutes/{minutes.meeting_id}/step/publish/" in sent.body

    take(minutes, world, "return", "rtp", comment="Name the responsible organisation.")
    assert told(minutes, "return") == {"health-secretariat": "lo"}
    take(minutes, world, "circulate", "secretariat", comments_until=until())
    take(minutes, world, "approve", "cochair", early=True)
    take(minutes, world, "send", "secretariat")

    take(minutes, world, "publish", "rtp")
    assert told(minutes, "publish") == {
        "health-secretariat": "lo",
        "health-chair": "lo",
        "health-cochair": "en",
    }
    published = Notification.objects.get(
        key__startswith=f"minutes:{minutes.pk}:publish:", recipient__username="health-cochair"
    )
    assert published.subject == "Minutes published: Health SWG, first quarter"
    assert f"/en/minutes/{minutes.meeting_id}/" in published.body
    assert set(minutes.versions.values_list("status", flat=True)) == {MinutesStatus.PUBLISHED}


def test_the_actor_is_never_told_of_their_own_step(world, minutes):
    take(minutes, world, "circulate", "secretariat", comments_until=until())
    take(minutes, world, "approve", "chair", early=True)
    # The co-chair is told of the circulation; the chair who approved is not told of the approval.
    assert "health-chair" not in told(minutes, "approve")
    take(minutes, world, "send", "secretariat")
    take(minutes, world, "publish", "rtp")
    assert "rtp" not in told(minutes, "publish")
    assert not Notification.objects.filter(recipient=world.user("secretariat"), kind="minutes.send").exists()


def test_each_attendee_receives_one_circulation_email_in_their_language_linking_both_versions(
    world, minutes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        take(minutes, world, "circulate", "secretariat", comments_until=until())
    # The circulation's subject in each language (the chairs' notice, "for your approval", is another).
    subjects = ("Minutes for your comments", "ບົດບັນທຶກກອງປະຊຸມ ເພື່ອປະກອບຄຳເຫັນ")
    circulation = [m for m in mail.outbox if m.subject.startswith(subjects)]
    by_address = {}
    for message in circulation:
        by_address.setdefault(message.to[0], []).append(message)
    # The attendees with an email, the chairs apart (they have their notice with the link to approve).
    assert sorted(by_address) == sorted(world.people[k].email for k in ("member", "stakeholder"))
    assert all(len(messages) == 1 for messages in by_address.values())
    english = by_address[world.people["member"].email][0]
    detail = reverse("minutes:detail", args=[minutes.meeting_id]).replace("/lo/", "/en/")
    assert f"{detail}?version=en" in english.body and f"{detail}?version=lo" in english.body
    assert english.body.index("version=en") < english.body.index("version=lo")  # their language first
    assert english.reply_to == ["health-secretariat@example.la"]
    lao = by_address[world.people["stakeholder"].email][0]
    assert "/lo/minutes/" in lao.body and lao.body.index("version=lo") < lao.body.index("version=en")


def test_a_version_held_back_stays_and_the_others_take_the_step(world, minutes):
    moved = take(minutes, world, "circulate", "secretariat", comments_until=until(), hold_back=["en"])
    assert [v.language for v in moved] == ["lo"]
    assert version_of(minutes, "en").status == MinutesStatus.DRAFT
    assert version_of(minutes, "lo").status == MinutesStatus.CIRCULATED
    with pytest.raises(services.Refused):
        take(minutes, world, "send", "secretariat")  # nothing stands at this step
