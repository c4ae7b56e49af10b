"""Audit without gaps: history on agenda items, documents and participants; conflict-safe agenda items;
the state within its choices (a database constraint); a document's file leaves the storage only on commit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from roundtable.meetings import services
from roundtable.meetings.models import AgendaItem, Meeting, MeetingDocument, Participant

from .conftest import make_meeting, officer

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_two_sessions_editing_one_agenda_item_the_second_is_shown_what_changed_and_loses_nothing(
    world, client_for
):
    meeting = make_meeting(world.health, days=10)
    item = meeting.agenda_items.order_by("order").last()
    url = reverse("meetings:agenda_edit", args=[meeting.pk, item.pk])
    first, second = client_for(world.user("secretariat")), client_for(world.user("rtp"))
    loaded = item.revision
    assert first.post(url, {"title_en": "Budget 2031", "revision": loaded}).status_code == 302
    response = second.post(url, {"title_en": "Health financing", "presenter": "MOH", "revision": loaded})
    assert response.status_code == 409
    body = response.content.decode()
    assert 'id="conflict"' in body and "Budget 2031" in body  # what the first session saved
    assert 'value="Health financing"' in body and 'value="MOH"' in body  # the second's input, kept
    item.refresh_from_db()
    assert (item.title_en, item.presenter) == ("Budget 2031", "")
    # Saved knowing what changed: the form now carries the current revision, and the save goes through.
    assert f'name="revision" value="{item.revision}"' in body
    posted = {"title_en": "Health financing", "presenter": "MOH", "revision": item.revision}
    assert second.post(url, posted).status_code == 302
    item.refresh_from_db()
    assert (item.title_en, item.presenter) == ("Health financing", "MOH")


def test_a_stale_agenda_save_through_the_service_raises_conflict_with_the_changes(world):
    meeting = make_meeting(world.health, days=10)
    item = meeting.agenda_items.first()
    services.agenda_item_save(
        actor=officer(), meeting=meeting, item=item, data={"presenter": "WHO"}, revision=1
    )
    with pytest.raises(services.Conflict) as conflict:
        services.agenda_item_save(
            actor=officer(), meeting=meeting, item=item, data={"presenter": "JP"}, revision=1
        )
    assert [(c.then, c.now) for c in conflict.value.changes] == [("—", "WHO")]
    assert AgendaItem.objects.get(pk=item.pk).presenter == "WHO"


def test_agenda_items_documents_and_participants_keep_their_history(world):
    meeting = make_meeting(world.health, days=10)
    item = meeting.agenda_items.first()
    assert item.history.count() == 1  # created with the meeting, through the history
    services.agenda_item_save(
        actor=officer(), meeting=meeting, item=item, data={"presenter": "MOH"}, revision=1
    )
    services.agenda_item_move(actor=officer(), item=item, offset=1)
    assert item.history.count() == 3
    document = services.document_add(
        actor=officer(),
        meeting=meeting,
        upload=SimpleUploadedFile("a.pdf", PDF),
        title="A",
        visibility="public",
    )
    services.participants_invite(actor=officer(), meeting=meeting, notify=False)
    participant = meeting.participants.first()
    services.attendance_record(actor=officer(), meeting=meeting, attended_ids=[participant.pk])
    # Added, invited, ticked as attended: three records.
    assert list(participant.history.values_list("attended", flat=True)) == [True, False, False]
    pk = document.pk
    services.document_delete(actor=officer(), document=document)
    assert list(MeetingDocument.history.filter(id=pk).values_list("history_type", flat=True)) == ["-", "+"]
    assert Participant.history.count() >= meeting.participants.count() * 2


def test_an_invalid_state_cannot_be_saved(world):
    meeting = make_meeting(world.health, days=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(state="adjourned")


def test_a_documents_file_is_deleted_only_once_the_removal_is_committed(
    world, django_capture_on_commit_callbacks
):
    meeting = make_meeting(world.health, days=10)
    document = services.document_add(
        actor=officer(),
        meeting=meeting,
        upload=SimpleUploadedFile("a.pdf", PDF),
        title="A",
        visibility="public",
    )
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.document_delete(actor=officer(), document=document)
    assert storage.exists(name)  # not committed yet: the file is still there
    for callback in callbacks:
        callback()
    assert not storage.exists(name)


def test_a_rolled_back_removal_keeps_the_document_and_its_file(world):
    meeting = make_meeting(world.health, days=10)
    document = services.document_add(
        actor=officer(),
        meeting=meeting,
        upload=SimpleUploadedFile("a.pdf", PDF),
        title="A",
        visibility="public",
    )
    pk, name = document.pk, document.file.name
    with pytest.raises(RuntimeError), transaction.atomic():
        services.document_delete(actor=officer(), document=document)
        raise RuntimeError("the request failed after the removal")
    assert MeetingDocument.objects.filter(pk=pk).exists()
    assert document.file.storage.exists(name)
