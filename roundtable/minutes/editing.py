"""Starting the minutes and editing their content: items, discussion, decisions, action points.

Every save carries the revision of the minutes it was made from. A save from an older revision is refused
with `Conflict`, whose changes (and `edits`, the MinutesEdit rows) say who changed what since: the user
merges by hand instead of overwriting. The text of a language whose version the chair has approved is
frozen, here as in the forms.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from roundtable.core.i18n import localized
from roundtable.core.services import Conflict, FieldChange, Refused, model_update, require
from roundtable.meetings.models import AgendaItemKind, Meeting, MeetingState

from . import permissions
from .models import ActionPoint, Minutes, MinutesEdit, MinutesItem, MinutesVersion

ITEM_FIELDS = ("title_lo", "title_en", "discussion_lo", "discussion_en")
DECISION_FIELDS = ("text_lo", "text_en")
ACTION_FIELDS = ("what_lo", "what_en", "responsible_organisation", "responsible_person", "due_date")


def language_name(lang: str) -> str:
    return _("Lao") if lang == "lo" else _("English")


def locked_languages(minutes: Minutes) -> set[str]:
    """Languages whose version is past circulation (approved, sent, published): their text is frozen."""
    return {v.language for v in minutes.versions.all() if not permissions.is_language_editable(v)}


def _require_editor(actor, minutes: Minutes) -> None:
    require(
        permissions.can_edit_minutes(actor, minutes.meeting.group),
        _("Only the group's secretariat can edit the minutes."),
    )


@transaction.atomic
def minutes_start(*, meeting: Meeting, languages: Iterable[str], actor) -> Minutes:
    """Create the minutes of a held meeting, one item per agenda item, and a draft per language."""
    require(
        permissions.can_start_minutes(actor, meeting.group),
        _("Only the group's secretariat can start the minutes."),
    )
    if Minutes.objects.filter(meeting=meeting).exists():
        raise Refused(_("The minutes of this meeting have already been started."), code="exists")
    if meeting.state == MeetingState.CANCELLED or (
        meeting.state != MeetingState.HELD and meeting.start > timezone.now()
    ):
        raise Refused(
            _("Minutes can be written only for a meeting that has taken place."), code="wrong_state"
        )
    languages = [lang for lang, _name in settings.LANGUAGES if lang in set(languages)]
    if not languages:
        raise Refused(_("Choose at least one language."), code="no_language")

    minutes = Minutes(meeting=meeting)
    minutes.full_clean()
    minutes.save()
    for lang in languages:
        MinutesVersion.objects.create(minutes=minutes, language=lang)

    previous_open = list(
        ActionPoint.objects.open()
        .filter(group=meeting.group, item__minutes__meeting__start__lt=meeting.start)
        .order_by("due_date", "id")
    )
    for order, agenda_item in enumerate(meeting.agenda_items.order_by("order", "id"), start=1):
        item = MinutesItem(minutes=minutes, agenda_item=agenda_item, order=order)
        item.title_lo, item.title_en = agenda_item.title_lo, agenda_item.title_en
        if agenda_item.kind == AgendaItemKind.ACTION_REVIEW and previous_open:
            # A starting point for the review: the open action points, to be completed by the secretariat.
            item.discussion_lo = "\n".join(f"- {a.what_lo}" for a in previous_open if a.what_lo)
            item.discussion_en = "\n".join(f"- {a.what_en}" for a in previous_open if a.what_en)
        item.full_clean()
        item.save()
    return minutes


@transaction.atomic
def minutes_add_language(*, minutes: Minutes, language: str, actor) -> MinutesVersion:
    _require_editor(actor, minutes)
    if language not in dict(settings.LANGUAGES):
        raise Refused(_("Unknown language."), code="unknown_language")
    if minutes.versions.filter(language=language).exists():
        raise Refused(_("This language version exists already."), code="exists")
    version = MinutesVersion(minutes=minutes, language=language)
    version.full_clean()
    version.save()
    return version


# --- the revision: one save at a time, and what changed since -------------------------------------


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 300 else text[:297] + "…"


def minutes_conflict(minutes: Minutes, revision: int) -> Conflict:
    """What was saved since `revision`: each change as a FieldChange, and the MinutesEdit rows (who, when)."""
    edits = list(minutes.edits.filter(revision__gt=revision).select_related("by"))
    changes = [
        FieldChange(f"{change['where']} · {change['field']}", change["old"] or "—", change["new"] or "—")
        for edit in edits
        for change in edit.changes
    ]
    conflict = Conflict(changes)
    conflict.edits = edits
    return conflict


def _claim_revision(minutes: Minutes, revision: int, actor, changes: list[dict]) -> None:
    """Lock the minutes and compare: of two concurrent saves from the same revision only the first wins."""
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.revision != revision:
        raise minutes_conflict(locked, revision)
    locked.revision = revision + 1
    locked.save(update_fields=["revision", "updated_at"])  # a save, so that the history keeps it
    minutes.revision = locked.revision
    MinutesEdit.objects.create(minutes=minutes, revision=minutes.revision, by=actor, changes=changes)


def _label(model: type[models.Model], name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _differences(
    instance: models.Model, data: dict, fields: Iterable[str]
) -> list[tuple[str, object, object]]:
    """(field, old, new) of the allowed fields of `data` that differ from `instance` (new: all given)."""
    result = []
    for name in fields:
        if name not in data:
            continue
        old = getattr(instance, name) if instance.pk else None
        new = data[name]
        if instance.pk is None and new in (None, ""):
            continue
        if old != new and not (old in (None, "") and new in (None, "")):
            result.append((name, old, new))
    return result


def _guard_locked(differences, locked: set[str]) -> None:
    for name, _old, _new in differences:
        lang = name.rsplit("_", 1)[-1]
        if lang in locked:
            raise Refused(
                _("The %(language)s version is approved: its text can no longer be changed.")
                % {"language": language_name(lang)},
                code="language_locked",
            )


def _guard_locked_delete(instance, field: str, locked: set[str]) -> None:
    for lang in locked:
        if (getattr(instance, f"{field}_{lang}", "") or "").strip():
            raise Refused(
                _("This row has text in the %(language)s version, which is approved: it cannot be deleted.")
                % {"language": language_name(lang)},
                code="language_locked",
            )


def _rows(queryset, rows: list[dict], fields, label: str, where: str, locked: set[str], changes: list):
    """Check a list of row changes ({"id": pk or None, "delete": bool, field: value, ...}) and note them;
    returns [(instance, data or None for a deletion)] to apply once the revision is claimed."""
    existing = queryset.in_bulk([r["id"] for r in rows if r.get("id")])
    plan = []
    model = queryset.model
    for row in rows:
        instance = existing.get(row.get("id")) if row.get("id") else model()
        if instance is None:
            raise Refused(_("This row no longer exists: reload the page."), code="gone")
        if row.get("delete"):
            if instance.pk:
                _guard_locked_delete(instance, fields[0].rsplit("_", 1)[0], locked)
                old = localized(instance, fields[0].rsplit("_", 1)[0])
                changes.append(
                    {"where": where, "field": f"{label}: {_('deleted')}", "old": _short(old), "new": ""}
                )
                plan.append((instance, None))
            continue
        differences = _differences(instance, row, fields)
        _guard_locked(differences, locked)
        for name, old, new in differences:
            field = f"{label}: {_label(model, name)}"
            changes.append({"where": where, "field": field, "old": _short(old), "new": _short(new)})
        if differences:
            plan.append((instance, row))
    return plan


@transaction.atomic
def minutes_item_save(
    *,
    minutes: Minutes,
    item: MinutesItem,
    revision: int,
    actor,
    data: dict,
    decisions: list[dict] = (),
    action_points: list[dict] = (),
) -> None:
    """Save one item's title and discussion (`data`), and its changed decision and action-point rows
    (each {"id": pk or None for a new row, "delete": bool, field: value, ...}), if `revision` is current.

    Raises Conflict (nothing saved) when someone else saved since the form was loaded; Refused when the
    actor may not edit, or a change touches the text of an approved language."""
    _require_editor(actor, minutes)
    group = minutes.meeting.group
    locked = locked_languages(minutes)
    if len(locked) == minutes.versions.count():
        raise Refused(
            _("Every language version is approved: the minutes can no longer be changed."), code="locked"
        )
    # Compared with what is saved, never with the caller's instance (a bound form has already changed it).
    item = MinutesItem.objects.get(pk=item.pk, minutes=minutes)
    where = localized(item, "title") or str(item.order)
    changes: list[dict] = []
    item_differences = _differences(item, data, ITEM_FIELDS)
    _guard_locked(item_differences, locked)
    for name, old, new in item_differences:
        changes.append(
            {"where": where, "field": _label(MinutesItem, name), "old": _short(old), "new": _short(new)}
        )
    decision_plan = _rows(
        item.decisions.all(), list(decisions), DECISION_FIELDS, _("Decision"), where, locked, changes
    )
    action_plan = _rows(
        item.action_points.all(),
        list(action_points),
        ACTION_FIELDS,
        _("Action point"),
        where,
        locked,
        changes,
    )

    _claim_revision(minutes, revision, actor, changes)

    model_update(item, data, fields=ITEM_FIELDS)
    for instance, row in decision_plan:
        if row is None:
            instance.delete()
        else:
            if instance.pk is None:
                instance.item, instance.order = item, item.decisions.count() + 1
            _save_row(instance, row, DECISION_FIELDS)
    for instance, row in action_plan:
        if row is None:
            instance.delete()
        else:
            if instance.pk is None:
                instance.item, instance.group = item, group
            _save_row(instance, row, ACTION_FIELDS)


def _save_row(instance: models.Model, row: dict, fields) -> None:
    if instance.pk is None and not model_update(instance, row, fields=fields):
        instance.full_clean()  # an empty new row: says what is missing
    elif instance.pk is not None:
        model_update(instance, row, fields=fields)


@transaction.atomic
def minutes_item_add(*, minutes: Minutes, revision: int, actor, title_lo: str, title_en: str) -> MinutesItem:
    """An item that was not on the agenda (e.g. any other business)."""
    _require_editor(actor, minutes)
    title = title_lo or title_en
    _claim_revision(
        minutes, revision, actor, [{"where": title, "field": _("New agenda item"), "old": "", "new": title}]
    )
    last = minutes.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = MinutesItem(minutes=minutes, order=last + 1, title_lo=title_lo.strip(), title_en=title_en.strip())
    item.full_clean()
    item.save()
    return item
