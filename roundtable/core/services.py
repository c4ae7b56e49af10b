"""The one shape of every write service (HackSoft's styleguide, applied):

    @transaction.atomic
    def meeting_update(*, meeting, actor, data: dict, revision: int) -> Meeting:
        require(permissions.can_manage(actor, meeting))          # every service checks its own predicate
        meeting = lock(meeting, revision)                        # optimistic lock: Conflict if stale
        changed = model_update(meeting, data, fields=EDITABLE_FIELDS)
        ...

- Services take keyword arguments: `actor` (the user acting) and plain data (never a form).
- A step the actor may not take, or not now, raises `Refused` (message shown as is, and a `code`).
- A save from a form opened on an older revision raises `Conflict`, with what changed since, read from the
  record's audit history (simple-history's `diff_against`).
- `model_update` replaces the hand-written `setattr` loops: it sets only what differs, validates, saves only
  when something changed (no empty history rows) and says which fields changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name


class Refused(Exception):
    """A step or a write the actor may not take, or not now. `message` is shown to the user as is; `code`
    names the reason for the API, the logs and the tests (e.g. "not_allowed", "wrong_state")."""

    def __init__(self, message, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class FieldChange:
    """One field that someone else changed: its label, the value the user loaded, the value now."""

    label: str
    then: str
    now: str


class Conflict(Exception):
    """Someone saved the record after the user loaded it; `changes` says what they changed.

    Nothing was written: the view shows the form again, with the user's input and these changes.
    """

    def __init__(self, changes: list[FieldChange], message=None):
        self.message = message or _(
            "Someone else changed this record while you were editing it. Check their change, then save again."
        )
        super().__init__(str(self.message))
        self.changes = changes


def require(allowed: bool, message=None, code: str = "not_allowed") -> None:
    """Refuse unless `allowed` (a permission predicate's answer)."""
    if not allowed:
        raise Refused(message or _("You may not do this."), code=code)


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _m2m_names(field, rows: list[dict]) -> list[str]:
    """The related objects' names of a many-to-many field, from simple-history's through rows."""
    target = get_m2m_reverse_field_name(field)
    ids = [row[target] for row in rows]
    related = field.related_model._default_manager.in_bulk(ids)
    return sorted(str(related.get(pk, pk)) for pk in ids)


def _current_display(instance: models.Model, name: str) -> str:
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return _display(sorted(str(o) for o in getattr(instance, name).all()))
    return _display(getattr(instance, name))


def changes_since(
    instance: models.Model, revision: int, fields: Iterable[str] | None = None
) -> list[FieldChange]:
    """What changed in `instance` since its history record at `revision` (every field named, when that
    record is missing: then nothing can be compared). Needs a `history` (simple-history) and a `revision`."""
    history = instance.history
    loaded = history.filter(revision=revision).order_by("-history_date", "-history_id").first()
    current = history.order_by("-history_date", "-history_id").first()
    model = type(instance)
    wanted = set(fields) if fields is not None else None
    if loaded is None or current is None:
        names = wanted or {f.name for f in model._meta.concrete_fields if f.editable}
        return [
            FieldChange(str(model._meta.get_field(n).verbose_name), "—", _current_display(instance, n))
            for n in sorted(names)
        ]
    delta = current.diff_against(loaded, excluded_fields=["revision", "updated_at", "created_at"])
    result = []
    for change in delta.changes:
        if wanted is not None and change.field not in wanted:
            continue
        field = model._meta.get_field(change.field)
        old, new = change.old, change.new
        if field.many_to_many:  # the historical through rows: shown as the related objects' names
            old, new = _m2m_names(field, old), _m2m_names(field, new)
        elif field.is_relation:
            related = field.related_model._default_manager.in_bulk([v for v in (old, new) if v is not None])
            old, new = related.get(old, old), related.get(new, new)
        result.append(FieldChange(str(field.verbose_name), _display(old), _display(new)))
    return result


def lock(instance: models.Model, revision: int | None, fields: Iterable[str] | None = None):
    """The record, locked for the transaction (a row lock on PostgreSQL; SQLite locks the database), after
    checking that nobody saved it since `revision` (None: the caller has no revision to check).

    Raises Conflict with what changed. The caller saves with `revision + 1` (model_update does it)."""
    locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if revision is not None and locked.revision != revision:
        raise Conflict(changes_since(locked, revision, fields))
    return locked


def model_update(instance: models.Model, data: dict, *, fields: Iterable[str]) -> list[str]:
    """Set the allowed `fields` of `data` that differ, validate, and save once; returns the changed names.

    A record with a `revision` counts one more on each save that changes something. Many-to-many fields
    are set after the save (and count as changes). Nothing is saved when nothing differs.

    Validation errors (`full_clean`) propagate as ValidationError, for the form to show.
    """
    allowed = set(fields)
    changed, m2m = [], {}
    for name, value in data.items():
        if name not in allowed:
            continue
        field = instance._meta.get_field(name)
        if field.many_to_many:
            current = {o.pk for o in getattr(instance, name).all()} if instance.pk else set()
            new = {getattr(o, "pk", o) for o in value}
            if current != new:
                m2m[name] = value
                changed.append(name)
            continue
        current = getattr(instance, field.attname if field.is_relation else name)
        new = getattr(value, "pk", value) if field.is_relation else value
        if current != new:
            setattr(instance, name, value)
            changed.append(name)
    if not changed:
        return []
    instance.full_clean()
    if hasattr(instance, "revision"):
        instance.revision += 1
    instance.save()
    for name, value in m2m.items():
        getattr(instance, name).set(value)
    return changed
