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
    labels = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for i, record in enumerate(records[:limit]):
        changes = []
        previous = records[i + 1] if i + 1 < len(records) else None
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=True)
            for change in delta.changes:
                try:
                    model_field = obj._meta.get_field(change.field)
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
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                action=labels.get(record.history_type, record.history_type),
                changes=changes,
            )
        )
    return entries
