"""Permission questions of the directory: who sees contacts, who edits people, organisations and
stakeholder lists. Built on core's identity predicates and the groups' role resolution
(`roundtable.groups.roles`).

Each single-object predicate (can_view_contact, can_edit_person, ...) has its list-level equivalent
(contact_visible_person_ids, editable_person_ids), so that a list or an export asks one query, not one
per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from roundtable.core import permissions
from roundtable.groups import roles

if TYPE_CHECKING:
    from roundtable.groups.models import Group

    from .models import Organisation, Person


def can_manage_stakeholders(user, group: Group) -> bool:
    """Add, edit and end memberships of a group's stakeholder list."""
    return permissions.is_rtp_secretariat(user) or roles.is_group_secretariat(user, group)


def can_view_stakeholders(user, group: Group) -> bool:
    """See a group's stakeholder list with contact details."""
    return permissions.is_rtp_secretariat(user) or roles.is_group_member(user, group)


def can_edit_directory(user) -> bool:
    """Create organisations and people, import files: the RTP Secretariat and every group secretariat."""
    return permissions.is_rtp_secretariat(user) or roles.is_any_secretariat(user)


def can_edit_organisation(user, organisation: Organisation) -> bool:
    return can_edit_directory(user)


def can_edit_person(user, person: Person) -> bool:
    """The RTP Secretariat, a secretariat of one of the person's groups, or the person themself."""
    if permissions.is_rtp_secretariat(user):
        return True
    if not permissions.is_logged_in(user):
        return False
    if person.user_id and person.user_id == user.pk:
        return True
    managed = roles.managed_group_ids(user)
    return bool(managed & roles.person_group_ids(person))


def can_view_contact(user, person: Person) -> bool:
    """Email and phone: only the person, people who share a group with them, and the RTP Secretariat."""
    if permissions.is_rtp_secretariat(user):
        return True
    if not permissions.is_logged_in(user):
        return False
    if person.user_id and person.user_id == user.pk:
        return True
    return bool(set(roles.roles_by_group(user)) & roles.person_group_ids(person))


def contact_visible_group_ids(user) -> set[int] | None:
    """Groups whose members' contact details the user sees (None: all of them)."""
    if permissions.is_rtp_secretariat(user):
        return None
    return set(roles.roles_by_group(user))


def can_view_people(user) -> bool:
    """People's pages (names, positions, memberships, never contacts by themselves): logged-in users."""
    return permissions.is_logged_in(user)


def contact_visible_person_ids(user, person_ids: Iterable[int]) -> set[int]:
    """Of these people, those whose email and phone the user may see (same rule as can_view_contact).

    One query whatever the number of people: the list-level form of permissions.can_view_contact.
    """
    from roundtable.directory.models import Membership, Person

    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return set()
    groups = contact_visible_group_ids(user)
    if groups is None:
        return ids
    if not permissions.is_logged_in(user):
        return set()
    visible: set[int] = set()
    if groups:
        visible |= set(
            Membership.objects.current()
            .filter(person_id__in=ids, group_id__in=groups)
            .values_list("person_id", flat=True)
        )
    # A person always sees their own details.
    own = Person.objects.filter(pk__in=ids, user=user).values_list("pk", flat=True)
    visible |= set(own)
    return visible


def contact_visible_people(user) -> set[int] | None:
    """Every person whose email and phone the user may see (None: everyone), in one query.

    The directory-wide form of contact_visible_person_ids, for a check whose candidates are not known
    in advance (an import matches its rows by email against the whole directory).
    """
    from roundtable.directory.models import Membership, Person

    groups = contact_visible_group_ids(user)
    if groups is None:
        return None
    if not permissions.is_logged_in(user):
        return set()
    visible = set(Person.objects.filter(user=user).values_list("pk", flat=True))
    if groups:
        visible |= set(
            Membership.objects.current().filter(group_id__in=groups).values_list("person_id", flat=True)
        )
    return visible


def editable_person_ids(user) -> set[int] | None:
    """The people whose directory entry the user may change (None: everyone), in one query.

    The list-level form of permissions.can_edit_person, for imports that match many people at once.
    """
    from roundtable.directory.models import Membership, Person

    if permissions.is_rtp_secretariat(user):
        return None
    if not permissions.is_logged_in(user):
        return set()
    managed = roles.managed_group_ids(user)
    own = set(Person.objects.filter(user=user).values_list("pk", flat=True))
    if not managed:
        return own
    return own | set(
        Membership.objects.current().filter(group_id__in=managed).values_list("person_id", flat=True)
    )
