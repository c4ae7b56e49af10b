"""Circulation for comments: one email per attendee with an address, in the attendee's language."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from roundtable.minutes import services

from .conftest import version_of


def test_circulating_emails_each_attendee_with_an_email_in_their_language(
    world, minutes, mailoutbox, django_capture_on_commit_callbacks
):
    version = version_of(minutes, "lo")
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_circulate(
            version=version,
            actor=world.user("secretariat"),
            comments_until=timezone.localdate() + timedelta(days=10),
        )
    recipients = sorted(m.to[0] for m in mailoutbox)
    # Attended with an email: member, stakeholder, chair, cochair (not the absent one, not the walk-in).
    assert recipients == sorted(world.people[k].email for k in ("member", "stakeholder", "chair", "cochair"))
    by_address = {m.to[0]: m for m in mailoutbox}
    english = by_address[world.people["member"].email]
    lao = by_address[world.people["stakeholder"].email]
    assert english.subject.startswith("Minutes for your comments")
    assert "Health SWG, first quarter" in english.subject
    assert "/en/minutes/" in english.body and "version=lo" in english.body
    assert "ບົດບັນທຶກ" in lao.subject
    assert "/lo/minutes/" in lao.body
    assert "ກອງປະຊຸມໜ່ວຍງານຂະແໜງການສາທາລະນະສຸກ" in lao.subject


def test_a_refused_circulation_sends_nothing(
    world, minutes, mailoutbox, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.user("member"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("minutes:step", args=[minutes.meeting_id, "lo", "circulate"]),
            {"comments_until": (timezone.localdate() + timedelta(days=3)).isoformat()},
        )
    assert mailoutbox == []


def test_attendees_and_members_comment_on_circulated_minutes_until_the_date(world, minutes, client_for):
    import time_machine

    version = version_of(minutes, "en")
    services.minutes_circulate(
        version=version,
        actor=world.user("secretariat"),
        comments_until=timezone.localdate() + timedelta(days=2),
    )
    url = reverse("minutes:comment", args=[minutes.meeting_id, "en"])
    client_for(world.user("member")).post(url, {"text": "Item 3: add the WHO figures."})
    assert version.comments.get().text == "Item 3: add the WHO figures."
    client_for(world.user("outsider")).post(url, {"text": "Spam"})
    client_for(world.user("other_member")).post(url, {"text": "Spam"})
    assert version.comments.count() == 1
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        client_for(world.user("member")).post(url, {"text": "Too late"})
    assert version.comments.count() == 1
