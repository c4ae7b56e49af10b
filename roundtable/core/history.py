"""Reading the audit history kept by django-simple-history, for the record's own page."""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from . import permissions


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    changes: list[dict] = field(default_factory=list)


def _display(model_field, value):
    """A value as a person reads it: choices by their label, links to other records by their name."""
    if model_field.many_to_many:
        # simple-history gives the rows of the through table: [{"group": 1, "frameworkitem": 7}, ...]
        # (with foreign_keys_are_objs the values are the records themselves).
        target = model_field.m2m_reverse_field_name()
        return "; ".join(str(row.get(target)) for row in value or [])
    if model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    if value is None or value == "":
        return ""
    return str(value)


def history_for(user, obj, limit: int = 50) -> list[HistoryEntry] | None:
    """The record's history, newest first, or None when the user may not read it."""
    if not permissions.can_view_history(user):
        return None
    return _entries(obj.history.all(), type(obj), limit)


def history_of_records(user, historical_records, model, limit: int = 50) -> list[HistoryEntry] | None:
    """The history of several records of one model (e.g. all chair terms of a group), newest first.

    Each entry also names the record it is about, since several records are mixed.
    """
    if not permissions.can_view_history(user):
        return None
    return _entries(historical_records, model, limit, name_records=True)


def _entries(historical_records, model, limit: int, name_records: bool = False) -> list[HistoryEntry]:
    labels = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    ordered = historical_records.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(ordered[: limit + 1])
    # The previous state of a record is the next older entry of the same record in this list.
    previous_of: dict[int, object] = {}
    older: dict[object, object] = {}
    for record in reversed(records):
        key = record.id
        if key in older:
            previous_of[record.history_id] = older[key]
        older[key] = record
    entries = []
    for record in records[:limit]:
        changes = []
        previous = previous_of.get(record.history_id)
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=True)
            for change in delta.changes:
                try:
                    model_field = model._meta.get_field(change.field)
                except FieldDoesNotExist:
                    changes.append({"field": change.field, "old": change.old, "new": change.new})
                    continue
                changes.append(
                    {
                        "field": str(model_field.verbose_name),
                        "old": _display(model_field, change.old),
                        "new": _display(model_field, change.new),
                    }
                )
        action = labels.get(record.history_type, record.history_type)
        if name_records:
            action = f"{action}: {record.instance}"
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                action=action,
                changes=changes,
            )
        )
    return entries
