"""Writes to the directory. Views, imports and commands all go through these functions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import importing
from .models import Membership, MembershipRole, Organisation, Person


@transaction.atomic
def organisation_save(*, organisation: Organisation) -> Organisation:
    """Create or update an organisation (the form has filled it in)."""
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Create or update a person's directory entry."""
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def membership_add(
    *,
    group,
    person: Person | None = None,
    new_person: dict | None = None,
    role: str = MembershipRole.MEMBER,
    organisation: Organisation | None = None,
    start_date: datetime.date | None = None,
) -> Membership:
    """Put a person on a group's stakeholder list, creating the person first when `new_person` is given.

    "On behalf of" defaults to the person's own organisation: that is who they speak for unless told.
    """
    if person is None:
        if not new_person:
            raise ValidationError(_("Choose a person or describe a new one."))
        person = person_save(person=Person(**new_person))
    if Membership.objects.current().filter(person=person, group=group).exists():
        raise ValidationError(_("This person is already on the stakeholder list."))
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
def membership_update(*, membership: Membership) -> Membership:
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, on: datetime.date | None = None) -> Membership:
    """End a membership today (or on `on`). It is never deleted: the list keeps who was in it, and when."""
    on = on or timezone.localdate()
    if membership.end_date is not None and membership.end_date <= on:
        raise ValidationError(_("This membership has already ended."))
    if membership.start_date is not None and membership.start_date > on:
        raise ValidationError(_("This membership has not started yet: change its dates instead."))
    membership.end_date = on
    membership.full_clean()
    membership.save(update_fields=["end_date"])
    return membership


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
def directory_import(*, kind: str, source: list[dict], group=None, user=None) -> ImportResult:
    """Write the rows of a confirmed import, all or nothing.

    The rows are checked again against the directory as it is now (someone may have changed it
    since the preview); any error rejects the whole import. With `user`, rows may change only the
    people that user may change (see importing.plan_people).
    """
    plan = importing.plan(kind, importing.rows_from_source(source), group=group, user=user)
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
                person=instance,
                role=role,
                organisation=row.on_behalf_of,
                start_date=datetime.date.fromisoformat(start) if start else None,
            )
            result.memberships_added += 1
        elif row.membership == "update":
            membership = Membership.objects.current().get(person=instance, group=group)
            membership.role = role
            membership_update(membership=membership)
            result.memberships_updated += 1
    return result
