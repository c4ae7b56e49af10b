"""Who holds which role in which group: read from current memberships (directory) and chair terms (groups).

The identity questions (logged in, RTP Secretariat, the user's directory entry) are core's
(`roundtable.core.permissions`); the role of a person in a group lives here, in the domain layer, because
it reads both apps' records. Every permission module that asks "is this user the secretariat, a member,
the chair of this group?" asks these functions.

- Group secretariat, member: a current Membership of the user's Person in a group. A secretariat of
  an SWG is also secretariat of its sub-SWGs.
- Chair, co-chair: a current ChairTerm whose representative is the user's Person.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from roundtable.core.permissions import is_logged_in

if TYPE_CHECKING:
    from roundtable.directory.models import Person

    from .models import Group

MEMBER = "member"
SECRETARIAT = "secretariat"
CHAIR = "chair"
COCHAIR = "cochair"
ANY_ROLE = {MEMBER, SECRETARIAT, CHAIR, COCHAIR}

_CACHE_ATTR = "_roundtable_roles"


def roles_by_group(user) -> dict[int, set[str]]:
    """{group id: {roles}} for the user's current memberships and chair terms (cached on the user)."""
    if not is_logged_in(user):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from roundtable.directory.models import Membership

    from .models import ChairTerm, Group

    roles: dict[int, set[str]] = defaultdict(set)
    for group_id, role in (
        Membership.objects.current().filter(person__user=user).values_list("group_id", "role")
    ):
        roles[group_id].add(role)
    for group_id, role in (
        ChairTerm.objects.current().filter(person__user=user).values_list("group_id", "role")
    ):
        roles[group_id].add(role)
    secretariat_of = [gid for gid, r in roles.items() if SECRETARIAT in r]
    if secretariat_of:
        for child_id in Group.objects.filter(parent_id__in=secretariat_of).values_list("id", flat=True):
            roles[child_id].add(SECRETARIAT)
    result = dict(roles)
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_roles(user) -> None:
    """Drop the cached roles (after a membership change within the same request or test)."""
    for attr in (_CACHE_ATTR, "_roundtable_is_rtp"):
        if hasattr(user, attr):
            delattr(user, attr)


def group_roles(user, group: Group) -> set[str]:
    return roles_by_group(user).get(group.pk, set())


def is_group_member(user, group: Group) -> bool:
    """Any role in the group: member, secretariat, chair or co-chair."""
    return bool(group_roles(user, group) & ANY_ROLE)


def is_group_secretariat(user, group: Group) -> bool:
    return SECRETARIAT in group_roles(user, group)


def is_group_chair(user, group: Group) -> bool:
    return CHAIR in group_roles(user, group)


def is_group_cochair(user, group: Group) -> bool:
    return COCHAIR in group_roles(user, group)


def is_any_secretariat(user) -> bool:
    return any(SECRETARIAT in r for r in roles_by_group(user).values())


def managed_group_ids(user) -> set[int]:
    """Groups whose secretariat work the user may do (all groups for the RTP Secretariat: None means all)."""
    return {gid for gid, r in roles_by_group(user).items() if SECRETARIAT in r}


def person_group_ids(person: Person) -> set[int]:
    cached = getattr(person, "_roundtable_group_ids", None)
    if cached is None:
        from roundtable.directory.models import Membership

        cached = set(Membership.objects.current().filter(person=person).values_list("group_id", flat=True))
        person._roundtable_group_ids = cached
    return cached
