"""Directory questions that need more than one object at a time, built on core.permissions.

The single-object predicates (can_view_contact, can_edit_person, ...) stay in core.permissions;
here are their list-level equivalents, so that a list or an export asks one query, not one per row.
"""

from __future__ import annotations

from collections.abc import Iterable

from roundtable.core import permissions


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
    groups = permissions.contact_visible_group_ids(user)
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


def editable_person_ids(user) -> set[int] | None:
    """The people whose directory entry the user may change (None: everyone), in one query.

    The list-level form of permissions.can_edit_person, for imports that match many people at once.
    """
    from roundtable.directory.models import Membership, Person

    if permissions.is_rtp_secretariat(user):
        return None
    if not permissions.is_logged_in(user):
        return set()
    managed = permissions.managed_group_ids(user)
    own = set(Person.objects.filter(user=user).values_list("pk", flat=True))
    if not managed:
        return own
    return own | set(
        Membership.objects.current().filter(group_id__in=managed).values_list("person_id", flat=True)
    )
