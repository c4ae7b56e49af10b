"""Reading the audit history kept by django-simple-history, for the record's own page."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import permissions


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    changes: list[dict] = field(default_factory=list)


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
            delta = record.diff_against(previous)
            for change in delta.changes:
                try:
                    label = obj._meta.get_field(change.field).verbose_name
                except Exception:
                    label = change.field
                changes.append({"field": label, "old": change.old, "new": change.new})
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                action=labels.get(record.history_type, record.history_type),
                changes=changes,
            )
        )
    return entries
