"""Every state change of the minutes outside the steps (tested in test_steps), walked down the ladder:
a refused request changes nothing; the POST-only ones refuse GET."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roundtable.conftest import LADDER
from roundtable.minutes.models import (
    Decision,
    Minutes,
    MinutesComment,
    MinutesItem,
    MinutesStatus,
    MinutesVersion,
)

from .conftest import make_meeting, set_status, version_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def snapshot():
    return (
        list(Minutes.objects.order_by("pk").values_list("pk", "revision")),
        list(MinutesVersion.objects.order_by("pk").values_list("pk", "language", "status", "signed_pdf")),
        list(MinutesItem.objects.order_by("pk").values_list("pk", "title_en", "discussion_en")),
        Decision.objects.count(),
        MinutesComment.objects.count(),
    )


@pytest.fixture
def setup(world, minutes):
    """Minutes in Lao only (English can be added), circulated, and a held meeting without minutes."""
    version_of(minutes, "en").delete()
    set_status(version_of(minutes, "lo"), MinutesStatus.CHAIR_APPROVED)
    from datetime import datetime

    from .conftest import VTE

    bare = make_meeting(world, start=datetime(2025, 5, 5, 9, 0, tzinfo=VTE))
    return minutes, bare


def requests_for(minutes, bare):
    mid = minutes.meeting_id
    return [
        (reverse("minutes:start", args=[bare.pk]), {"languages": ["lo"]}),
        (reverse("minutes:item_add", args=[mid]), {"revision": minutes.revision, "title_en": "AOB"}),
        (reverse("minutes:language_add", args=[mid]), {"language": "en"}),
        (reverse("minutes:signed_upload", args=[mid, "lo"]), {"file": SimpleUploadedFile("s.pdf", PDF)}),
    ]


@pytest.mark.parametrize("persona", [p for p in LADDER if p != "secretariat"] + ["chair", "cochair"])
def test_only_the_groups_secretariat_starts_extends_and_signs_the_minutes(world, client_for, setup, persona):
    minutes, bare = setup
    client = client_for(world.user(persona))
    before = snapshot()
    for url, data in requests_for(minutes, bare):
        response = client.post(url, data)
        if persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        else:
            # Refused with a 403/404, or a redirect with a message; never a change.
            assert response.status_code in (302, 403, 404), (url, response.status_code)
        assert snapshot() == before, (url, persona)


def test_the_secretariat_makes_each_of_these_changes(world, client_for, setup):
    minutes, bare = setup
    client = client_for(world.user("secretariat"))
    for url, data in requests_for(minutes, bare):
        before = snapshot()
        assert client.post(url, data).status_code == 302, url
        assert snapshot() != before, url


def test_the_post_only_changes_refuse_get(world, client_for, setup):
    minutes, bare = setup
    client = client_for(world.user("secretariat"))
    before = snapshot()
    mid = minutes.meeting_id
    for url in (
        reverse("minutes:start", args=[bare.pk]),
        reverse("minutes:item_add", args=[mid]),
        reverse("minutes:language_add", args=[mid]),
        reverse("minutes:step", args=[mid, "lo", "send"]),
        reverse("minutes:comment", args=[mid, "lo"]),
        reverse("minutes:signed_upload", args=[mid, "lo"]),
    ):
        assert client.get(url).status_code == 405, url
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "other_member"])
def test_a_comment_from_outside_the_group_and_the_attendees_is_refused(world, client_for, minutes, persona):
    set_status(version_of(minutes, "lo"), MinutesStatus.CIRCULATED)
    response = client_for(world.user(persona)).post(
        reverse("minutes:comment", args=[minutes.meeting_id, "lo"]), {"text": "Hello"}
    )
    assert response.status_code in (302, 404)
    assert not MinutesComment.objects.exists()
