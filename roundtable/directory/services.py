"""Writes to the directory. Views, imports and commands all go through these functions.

Each takes the `actor` and checks its predicate (`directory.permissions`; core.services.Refused when not
allowed); a person or a membership saved from a stale form raises core.services.Conflict, with what changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.core.services import lock, model_update, require

from . import importing, permissions
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
    """The rows are not (or no longer) all valid; nothing was written."""

    def __init__(self, plan: importing.Plan):
        super().__init__(_("The import has errors; nothing was written."))
        self.plan = plan


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    memberships_added: int = 0
    memberships_updated: int = 0


@transaction.atomic
def directory_import(*, kind: str, source: list[dict], actor, group=None) -> ImportResult:
    """Write the rows of a confirmed import, all or nothing.

    The rows are checked again against the directory as it is now (someone may have changed it
    since the preview); any error rejects the whole import. Rows may change only the people the
    actor may change (see importing.plan_people); into a group's list only for its managers.
    """
    require(
        permissions.can_manage_stakeholders(actor, group)
        if group is not None
        else permissions.can_edit_directory(actor)
    )
    plan = importing.plan(kind, importing.rows_from_source(source), group=group, user=actor)
    if plan.has_errors:
        raise ImportRejected(plan)
    result = ImportResult()
    for row in plan.rows:
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
            continue
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
    return result
