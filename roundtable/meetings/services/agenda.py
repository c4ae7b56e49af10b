"""The ordered agenda of a meeting and its documents (the secretariat's work)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from roundtable.core.services import Refused, lock, model_update, require
from roundtable.core.uploads import validate_document

from .. import permissions
from ..models import AgendaItem, Meeting, MeetingDocument
from .schedule import NOT_YOURS

AGENDA_FIELDS = ("title_lo", "title_en", "presenter", "duration_minutes", "priority")


@transaction.atomic
def agenda_item_save(
    *, actor, meeting: Meeting, data: dict, item: AgendaItem | None = None, revision: int | None = None
) -> AgendaItem:
    """Add an item at the end of the agenda (`item` None) or change one.

    `revision`: the item's revision the form was opened on; Conflict (with what changed) when someone
    saved the item since, and nothing is written."""
    require(permissions.can_manage(actor, meeting), NOT_YOURS)
    if item is None:
        last = meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0
        # Revision 0: model_update's save makes it the first revision.
        item = AgendaItem(meeting=meeting, order=last + 1, revision=0)
        if not model_update(item, data, fields=AGENDA_FIELDS):
            item.full_clean()  # nothing given: says what is missing
        return item
    if item.meeting_id != meeting.pk:
        raise Refused(_("This agenda item belongs to another meeting."), code="wrong_meeting")
    locked = lock(item, revision, AGENDA_FIELDS)
    model_update(locked, data, fields=AGENDA_FIELDS)
    return locked


def _renumber(items: list[AgendaItem]) -> None:
    moved = []
    for position, item in enumerate(items, start=1):
        if item.order != position:
            item.order = position
            moved.append(item)
    if moved:
        bulk_update_with_history(moved, AgendaItem, ["order"])


@transaction.atomic
def agenda_item_delete(*, actor, item: AgendaItem) -> None:
    meeting = item.meeting
    require(permissions.can_manage(actor, meeting), NOT_YOURS)
    item.delete()
    _renumber(list(meeting.agenda_items.select_for_update()))


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, offset: int) -> None:
    """Move an item up (offset -1) or down (+1) in the agenda."""
    require(permissions.can_manage(actor, item.meeting), NOT_YOURS)
    items = list(item.meeting.agenda_items.select_for_update())
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    target = index + offset
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    _renumber(items)


# --- Documents ---------------------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    actor,
    meeting: Meeting,
    upload,
    title: str,
    visibility: str,
    language: str = "",
    agenda_item: AgendaItem | None = None,
) -> MeetingDocument:
    """Store a document after the type, size, emptiness and disguise checks of core.uploads."""
    require(permissions.can_manage(actor, meeting), NOT_YOURS)
    validate_document(upload)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("This agenda item belongs to another meeting.")})
    document = MeetingDocument(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title.strip() or upload.name,
        visibility=visibility,
        language=language,
        uploaded_by=actor,
        file=upload,
    )
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_delete(*, actor, document: MeetingDocument) -> None:
    """Remove the document; its file leaves the storage only once the removal is committed (a rolled-back
    removal keeps a record whose file still exists)."""
    require(permissions.can_manage(actor, document.meeting), NOT_YOURS)
    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
