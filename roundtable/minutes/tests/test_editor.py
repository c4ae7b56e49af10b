"""The secretariat's editor: items from the agenda, decisions and action points, optimistic locking."""

import pytest
from django.urls import reverse

from roundtable.minutes.models import ActionPoint, Decision, Minutes, MinutesEdit, MinutesStatus

from .conftest import LAO_DECISION, item3, set_status, version_of


def item_post(minutes, item, revision, **changes):
    """The item form as the browser would post it, with the existing rows unchanged."""
    decisions = list(item.decisions.all())
    actions = list(item.action_points.all())
    data = {
        "revision": revision,
        "title_lo": item.title_lo,
        "title_en": item.title_en,
        "discussion_lo": item.discussion_lo,
        "discussion_en": item.discussion_en,
        "d-TOTAL_FORMS": len(decisions) + 1,
        "d-INITIAL_FORMS": len(decisions),
        "d-MIN_NUM_FORMS": 0,
        "d-MAX_NUM_FORMS": 1000,
        "a-TOTAL_FORMS": len(actions) + 1,
        "a-INITIAL_FORMS": len(actions),
        "a-MIN_NUM_FORMS": 0,
        "a-MAX_NUM_FORMS": 1000,
    }
    for i, d in enumerate(decisions):
        data.update({f"d-{i}-id": d.pk, f"d-{i}-text_lo": d.text_lo, f"d-{i}-text_en": d.text_en})
    for i, a in enumerate(actions):
        data.update(
            {
                f"a-{i}-id": a.pk,
                f"a-{i}-what_lo": a.what_lo,
                f"a-{i}-what_en": a.what_en,
                f"a-{i}-responsible_organisation": a.responsible_organisation_id or "",
                f"a-{i}-responsible_person": a.responsible_person_id or "",
                f"a-{i}-due_date": a.due_date.isoformat() if a.due_date else "",
            }
        )
    data.update(changes)
    return data


def test_the_secretariat_writes_discussion_decisions_and_action_points_in_lao_and_english(
    world, minutes, client_for
):
    client = client_for(world.user("secretariat"))
    item = item3(minutes)
    url = reverse("minutes:item_edit", args=[minutes.meeting_id, item.pk])
    assert client.get(url).status_code == 200
    data = item_post(
        minutes,
        item,
        minutes.revision,
        discussion_lo="ທີ່ປະຊຸມໄດ້ປຶກສາຫາລື",
        **{
            "d-1-text_lo": "ຮັບຮອງງົບປະມານ",
            "d-1-text_en": "The budget is endorsed.",
            "a-1-what_lo": "ສົ່ງແຜນ",
            "a-1-responsible_organisation": world.who.pk,
            "a-1-due_date": "2025-06-30",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.discussion_lo == "ທີ່ປະຊຸມໄດ້ປຶກສາຫາລື"
    assert Decision.objects.filter(item=item, text_en="The budget is endorsed.").exists()
    new_action = ActionPoint.objects.get(item=item, what_lo="ສົ່ງແຜນ")
    assert new_action.group == world.health and new_action.responsible_organisation == world.who
    minutes.refresh_from_db()
    assert minutes.revision == 2
    assert MinutesEdit.objects.get(minutes=minutes, revision=2).by == world.user("secretariat")


def test_an_action_point_needs_a_responsible(world, minutes, client_for):
    client = client_for(world.user("secretariat"))
    item = item3(minutes)
    data = item_post(minutes, item, minutes.revision, **{"a-1-what_en": "Someone should do something"})
    response = client.post(f"/en/minutes/{minutes.meeting_id}/items/{item.pk}/", data)
    assert response.status_code == 400
    assert "Name the responsible organisation or person." in response.content.decode()
    assert not ActionPoint.objects.filter(what_en="Someone should do something").exists()


def test_a_stale_save_is_refused_shows_what_changed_and_keeps_the_users_input(world, minutes, client_for):
    item = item3(minutes)
    url = reverse("minutes:item_edit", args=[minutes.meeting_id, item.pk])
    stale_revision = minutes.revision
    # Another secretariat member saves first.
    first = client_for(world.user("secretariat"))
    assert (
        first.post(
            url, item_post(minutes, item, stale_revision, discussion_en="Version of the first editor.")
        ).status_code
        == 302
    )
    item.refresh_from_db()
    # The second save still carries the old revision.
    second = client_for(world.user("secretariat"))
    response = second.post(
        url, item_post(minutes, item, stale_revision, discussion_en="Version of the second editor.")
    )
    assert response.status_code == 409
    body = response.content.decode()
    item.refresh_from_db()
    assert item.discussion_en == "Version of the first editor."  # nothing overwritten
    assert "Version of the first editor." in body  # what changed
    assert "Version of the second editor." in body  # the user's input, kept in the form
    assert 'name="revision" value="2"' in body  # a deliberate second save is now possible
    response = second.post(url, item_post(minutes, item, 2, discussion_en="Version of the second editor."))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.discussion_en == "Version of the second editor."


def test_an_approved_language_can_no_longer_be_changed_but_the_other_can(world, minutes, client_for):
    set_status(version_of(minutes, "lo"), MinutesStatus.CHAIR_APPROVED)
    item = item3(minutes)
    client = client_for(world.user("secretariat"))
    url = reverse("minutes:item_edit", args=[minutes.meeting_id, item.pk])
    response = client.post(
        url, item_post(minutes, item, minutes.revision, discussion_lo="ແກ້ໄຂ", discussion_en="Edited.")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.discussion_lo == "ປຶກສາຫາລືກ່ຽວກັບງົບປະມານ" and item.discussion_en == "Edited."


def test_a_decision_with_approved_text_cannot_be_deleted(world, minutes, client_for):
    set_status(version_of(minutes, "lo"), MinutesStatus.PUBLISHED)
    item = item3(minutes)
    client = client_for(world.user("secretariat"))
    url = reverse("minutes:item_edit", args=[minutes.meeting_id, item.pk])
    client.post(url, item_post(minutes, item, minutes.revision, **{"d-0-DELETE": "on"}))
    assert Decision.objects.filter(text_lo=LAO_DECISION).exists()
    minutes.refresh_from_db()
    assert minutes.revision == 1


@pytest.mark.parametrize("role", ["member", "chair", "rtp", "other_secretariat", "outsider"])
def test_only_the_secretariat_edits(world, minutes, client_for, role):
    item = item3(minutes)
    client = client_for(world.user(role))
    url = reverse("minutes:item_edit", args=[minutes.meeting_id, item.pk])
    assert client.get(url).status_code in (403, 404)
    response = client.post(url, item_post(minutes, item, minutes.revision, discussion_en="Hijacked."))
    assert response.status_code in (403, 404)
    item.refresh_from_db()
    assert item.discussion_en == "The budget was discussed."


def test_the_review_item_starts_with_the_open_action_points_of_earlier_meetings(world, minutes):
    from datetime import datetime

    from roundtable.minutes import services

    from .conftest import VTE, make_meeting

    later = make_meeting(
        world, start=datetime(2025, 6, 10, 9, 0, tzinfo=VTE), title_en="Health SWG, second quarter"
    )
    new = services.minutes_start(meeting=later, languages=["lo", "en"], actor=world.user("secretariat"))
    review = new.items.get(order=2)
    assert "MOH sends the budget report" in review.discussion_en


def test_an_item_not_on_the_agenda_can_be_added(world, minutes, client_for):
    client = client_for(world.user("secretariat"))
    response = client.post(
        reverse("minutes:item_add", args=[minutes.meeting_id]),
        {"revision": 1, "title_en": "Any other business"},
    )
    assert response.status_code == 302
    assert Minutes.objects.get(pk=minutes.pk).items.filter(title_en="Any other business", order=4).exists()


def test_the_editor_overview_shows_header_and_attendance(world, minutes, client_for):
    response = client_for(world.user("secretariat")).get(
        reverse("minutes:edit", args=[minutes.meeting_id]), HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bounkong Sihavong" in body  # the chair, from the chair terms on the meeting day
    assert "Lao Red Cross" in body  # a walk-in's organisation
