"""What changed in a record between the revision a user loaded and now: shown when a save is refused
because someone else saved first (EditConflict). Read from the records' audit history."""

from __future__ import annotations

from ..models import PlannedMeeting, Priority, WorkPlan
from .common import HEADER_FIELDS, MEETING_FIELDS, PRIORITY_FIELDS, PRIORITY_M2M, FieldChange


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _record_at(model_history, revision: int):
    return model_history.filter(revision=revision).order_by("-history_date", "-history_id").first()


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def _field_changes(model, fields: list[str], loaded, current) -> list[FieldChange]:
    """Field by field; every field when the loaded revision has no record (then nothing can be compared).
    A foreign key of the historical record gives the object as it is now (its name), which is what the
    user needs to recognise it."""
    changes = []
    for field in fields:
        then = getattr(loaded, field) if loaded is not None else None
        now = getattr(current, field)
        if loaded is None or then != now:
            changes.append(FieldChange(_label(model, field), _display(then), _display(now)))
    return changes


def header_changes(plan: WorkPlan, loaded_revision: int) -> list[FieldChange]:
    """What changed in the header between the revision the user loaded and now."""
    return _field_changes(WorkPlan, HEADER_FIELDS, _record_at(plan.history, loaded_revision), plan)


def _priority_m2m_labels(record_or_priority, field: str, historical: bool) -> list[str]:
    if historical:
        # simple_history keeps the m2m rows of each historical record in its own table.
        rows = getattr(record_or_priority, field).all()
        target = "organisation" if field == "partners" else "frameworkitem"
        ids = [getattr(row, f"{target}_id") for row in rows]
        model = Priority._meta.get_field(field).related_model
        objects = model.objects.in_bulk(ids)
        return sorted(str(objects[i]) for i in ids if i in objects)
    return sorted(str(o) for o in getattr(record_or_priority, field).all())


def priority_changes(priority: Priority, loaded_revision: int) -> list[FieldChange]:
    """What changed in a priority between the revision the user loaded and now (fields and links)."""
    loaded = _record_at(priority.history, loaded_revision)
    changes = _field_changes(Priority, PRIORITY_FIELDS, loaded, priority)
    if loaded is not None:
        for field in PRIORITY_M2M:
            then = _priority_m2m_labels(loaded, field, historical=True)
            now = _priority_m2m_labels(priority, field, historical=False)
            if then != now:
                changes.append(FieldChange(_label(Priority, field), _display(then), _display(now)))
    return changes


def meeting_changes(meeting: PlannedMeeting, loaded_revision: int) -> list[FieldChange]:
    """What changed in a planned meeting between the revision the user loaded and now."""
    loaded = _record_at(meeting.history, loaded_revision)
    return _field_changes(PlannedMeeting, MEETING_FIELDS, loaded, meeting)
