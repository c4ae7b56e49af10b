"""Writes to the directory. Views, imports and commands all go through these functions.

Each takes the `actor` and checks its predicate (`directory.permissions`; core.services.Refused when not
allowed); a person or a membership saved from a stale form raises core.services.Conflict, with what changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from roundtable.core.jobs.models import Job
from roundtable.core.services import lock, model_update, require
from roundtable.core.tasks import JobRun, job_start

from . import importing, permissions, tasks
from .models import Membership, MembershipRole, Organisation, Person

ORGANISATION_FIELDS = ["name_lo", "name_en", "acronym", "kind", "country", "website", "iati_identifier"]
PERSON_FIELDS = [
    "title",
    "name_lo",
    "name_en",
    "position",
    "organisation",
    "email",
    "phone",
    "gender",
    "preferred_language",
]
MEMBERSHIP_FIELDS = ["role", "organisation", "start_date", "end_date"]


@transaction.atomic
def organisation_create(*, actor, data: dict) -> Organisation:
    """Add an organisation to the directory."""
    require(permissions.can_edit_directory(actor))
    organisation = Organisation(**{name: data[name] for name in ORGANISATION_FIELDS if name in data})
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor, data: dict) -> list[str]:
    """Change an organisation's names, kind, country, website or IATI identifier; the changed names."""
    require(permissions.can_edit_organisation(actor, organisation))
    return model_update(lock(organisation, None), data, fields=ORGANISATION_FIELDS)


@transaction.atomic
def person_create(*, actor, data: dict) -> Person:
    """Add a person to the directory (the login account is linked in the administration)."""
    require(permissions.can_edit_directory(actor))
    person = Person(**{name: data[name] for name in PERSON_FIELDS if name in data})
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, actor, data: dict, revision: int | None) -> list[str]:
    """Change a person's directory entry; Conflict when someone saved it since `revision`."""
    require(permissions.can_edit_person(actor, person))
    return model_update(lock(person, revision, PERSON_FIELDS), data, fields=PERSON_FIELDS)


@transaction.atomic
def membership_add(
    *,
    group,
    actor,
    person: Person | None = None,
    new_person: dict | None = None,
    role: str = MembershipRole.MEMBER,
    organisation: Organisation | None = None,
    start_date: datetime.date | None = None,
) -> Membership:
    """Put a person on a group's stakeholder list, creating the person first when `new_person` is given.

    "On behalf of" defaults to the person's own organisation: that is who they speak for unless told.
    """
    require(permissions.can_manage_stakeholders(actor, group))
    if person is None:
        if not new_person:
            raise ValidationError(_("Choose a person or describe a new one."))
        # A group's secretariat adds new people to its own list (can_edit_directory holds for it).
        person = person_create(actor=actor, data=new_person)
    require(
        not Membership.objects.current().filter(person=person, group=group).exists(),
        _("This person is already on the stakeholder list."),
        code="already_member",
    )
    membership = Membership(
        person=person,
        group=group,
        role=role,
        organisation=organisation or person.organisation,
        start_date=start_date or timezone.localdate(),
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, actor, data: dict, revision: int | None) -> list[str]:
    """Change a place on a stakeholder list (role, on behalf of, dates); Conflict when someone saved it
    since `revision` (None: no check, for the import, which re-checks its rows itself)."""
    require(permissions.can_manage_stakeholders(actor, membership.group))
    return model_update(lock(membership, revision, MEMBERSHIP_FIELDS), data, fields=MEMBERSHIP_FIELDS)


@transaction.atomic
def membership_end(
    *, membership: Membership, actor, on: datetime.date | None = None, revision: int | None = None
) -> Membership:
    """End a membership today (or on `on`). It is never deleted: the list keeps who was in it, and when."""
    require(permissions.can_manage_stakeholders(actor, membership.group))
    current = lock(membership, revision, MEMBERSHIP_FIELDS)
    on = on or timezone.localdate()
    require(
        current.end_date is None or current.end_date > on,
        _("This membership has already ended."),
        code="already_ended",
    )
    require(
        current.start_date is None or current.start_date <= on,
        _("This membership has not started yet: change its dates instead."),
        code="not_started",
    )
    model_update(current, {"end_date": on}, fields=["end_date"])
    return current


class ImportRejected(Exception):
    """The rows are not (or no longer) all valid; nothing (more) was written. Its text names the rows."""

    def __init__(self, plan: importing.Plan, message=None):
        self.message = message or _("The import has errors; nothing was written.")
        lines = [
            f"{_('Line %(line)s') % {'line': row.line}}: {'; '.join(row.errors)}"
            for row in plan.error_rows[:10]
        ]
        super().__init__(" ".join([str(self.message), *lines]))
        self.plan = plan


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    memberships_added: int = 0
    memberships_updated: int = 0

    def summary(self, into_group: bool) -> str:
        """What the person who imported is told."""
        text = _("Import done: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if into_group:
            text += " " + _("%(added)d added to the stakeholder list.") % {"added": self.memberships_added}
        return text


def _require_may_import(actor, group) -> None:
    require(
        permissions.can_manage_stakeholders(actor, group)
        if group is not None
        else permissions.can_edit_directory(actor)
    )


def _write_row(row: importing.PlannedRow, *, group, actor, result: ImportResult) -> None:
    """Write one checked row (its entry, and its place on the group's list when importing into one)."""
    instance = row.instance
    if row.action == "create":
        instance.full_clean(exclude=["user"])
        instance.save()
        result.created += 1
    elif row.action == "update":
        instance.full_clean(exclude=["user"])
        if hasattr(instance, "revision"):  # a form opened before the import is now stale
            instance.revision += 1
        instance.save()
        result.updated += 1
    else:
        result.unchanged += 1
    if group is None:
        return
    role = row.values.get("role") or MembershipRole.MEMBER
    if row.membership == "add":
        start = row.values.get("start_date")
        membership_add(
            group=group,
            actor=actor,
            person=instance,
            role=role,
            organisation=row.on_behalf_of,
            start_date=datetime.date.fromisoformat(start) if start else None,
        )
        result.memberships_added += 1
    elif row.membership == "update":
        membership = Membership.objects.current().get(person=instance, group=group)
        membership_update(membership=membership, actor=actor, data={"role": role}, revision=None)
        result.memberships_updated += 1


@transaction.atomic
def directory_import(*, kind: str, source: list[dict], actor, group=None) -> ImportResult:
    """Write the rows of a confirmed import, all or nothing.

    The rows are checked again against the directory as it is now (someone may have changed it
    since the preview); any error rejects the whole import. Rows may change only the people the
    actor may change (see importing.plan_people); into a group's list only for its managers.
    """
    _require_may_import(actor, group)
    plan = importing.plan(kind, importing.rows_from_source(source), group=group, user=actor)
    if plan.has_errors:
        raise ImportRejected(plan)
    result = ImportResult()
    for row in plan.rows:
        _write_row(row, group=group, actor=actor, result=result)
    return result


# Rows written per transaction by a background import: few enough that SQLite's other writers never wait
# long (about 1.5 s of writing) and that the job's page sees the progress move; enough that checking each
# chunk again (a read of the whole directory) stays a small part of the work.
IMPORT_CHUNK_ROWS = 250


def directory_import_start(*, kind: str, source: list[dict], actor, group=None, filename: str = "") -> Job:
    """Queue a confirmed import as a background job (for the large ones: see importing.background_rows).

    The job's page (/<lang>/jobs/<id>/) follows it; `tasks.import_directory_rows` does the work, through
    `directory_import_in_steps`.
    """
    _require_may_import(actor, group)
    return_path = (
        reverse("directory:stakeholders", args=[group.code])
        if group is not None
        else reverse("directory:organisations" if kind == importing.ORGANISATIONS else "directory:people")
    )
    return job_start(
        tasks.import_directory_rows,
        kind="directory.import",
        title=lambda: _("Import of “%(file)s”") % {"file": filename or "—"},
        total=len(source),
        return_path=return_path,
        started_by=actor,
        import_kind=kind,
        source=source,
        group_id=group.pk if group is not None else None,
        actor_id=actor.pk,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


def directory_import_in_steps(*, kind: str, source: list[dict], actor, group, run: JobRun) -> ImportResult:
    """The background form of directory_import: the same checks, then the rows written a chunk at a time.

    The whole file is checked first, as on confirmation: a row with an error rejects the import and nothing
    is written. Then each chunk of IMPORT_CHUNK_ROWS rows is checked again and written in its own
    transaction, with the rows it finished recorded in the job (JobItem "line:N") in the same transaction: a
    run that stops half-way (the directory changed under a chunk, the worker went away) keeps what it
    wrote, and running the job again writes only the rest.
    """
    _require_may_import(actor, group)
    pending = [item for item in source if f"line:{item['line']}" not in run.done_keys]
    run.set_total(len(source))
    plan = importing.plan(kind, importing.rows_from_source(pending), group=group, user=actor)
    if plan.has_errors:
        raise ImportRejected(plan, _("The directory has changed since the preview; nothing was written."))
    result = ImportResult()
    for start in range(0, len(pending), IMPORT_CHUNK_ROWS):
        chunk = pending[start : start + IMPORT_CHUNK_ROWS]
        with transaction.atomic():
            chunk_plan = importing.plan(kind, importing.rows_from_source(chunk), group=group, user=actor)
            if chunk_plan.has_errors:
                raise ImportRejected(
                    chunk_plan, _("The directory changed while the import was being written.")
                )
            for row in chunk_plan.rows:
                _write_row(row, group=group, actor=actor, result=result)
                run.item_done(f"line:{row.line}")
    return result
