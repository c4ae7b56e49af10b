"""Every permission question of the platform, answered in one place.

Views, htmx fragments, exports, the API, feeds and tests all ask these predicates;
templates only see their answers through the view's context.

Roles:
- RTP Secretariat: members of the Django auth group named RTP_SECRETARIAT_GROUP (and superusers,
  the administrators); acts on all groups.
- Group secretariat, member: a current Membership of the user's Person in a group. A secretariat of
  an SWG is also secretariat of its sub-SWGs.
- Chair, co-chair: a current ChairTerm whose representative is the user's Person.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roundtable.directory.models import Organisation, Person
    from roundtable.groups.models import Group

RTP_SECRETARIAT_GROUP = "RTP Secretariat"

MEMBER = "member"
SECRETARIAT = "secretariat"
CHAIR = "chair"
COCHAIR = "cochair"
ANY_ROLE = {MEMBER, SECRETARIAT, CHAIR, COCHAIR}

_CACHE_ATTR = "_roundtable_roles"


def is_logged_in(user) -> bool:
    """A logged-in, active account (anonymous visitors and deactivated accounts are not)."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_administrator(user) -> bool:
    return is_logged_in(user) and user.is_superuser


def is_rtp_secretariat(user) -> bool:
    if not is_logged_in(user):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_roundtable_is_rtp", None)
    if cached is None:
        cached = user.groups.filter(name=RTP_SECRETARIAT_GROUP).exists()
        user._roundtable_is_rtp = cached
    return cached


def person_of(user) -> Person | None:
    if not is_logged_in(user):
        return None
    try:
        return user.person
    except Exception:  # RelatedObjectDoesNotExist: a login without a directory entry
        return None


def roles_by_group(user) -> dict[int, set[str]]:
    """{group id: {roles}} for the user's current memberships and chair terms (cached on the user)."""
    if not is_logged_in(user):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from roundtable.directory.models import Membership
    from roundtable.groups.models import ChairTerm, Group

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


# --- Structure: groups, chairs, frameworks -------------------------------------------------------


def can_manage_structure(user) -> bool:
    """Create groups, change chairs and co-chairs, edit frameworks: the RTP Secretariat."""
    return is_rtp_secretariat(user)


def can_edit_group_profile(user, group: Group) -> bool:
    """Mandate, ToR documents, framework links: the RTP Secretariat and the group's secretariat."""
    return is_rtp_secretariat(user) or is_group_secretariat(user, group)


def can_see_rotation_flags(user) -> bool:
    return is_rtp_secretariat(user)


def can_view_history(user) -> bool:
    """The audit history of a record (who changed what, when)."""
    return is_rtp_secretariat(user)


# --- Directory -----------------------------------------------------------------------------------


def can_manage_stakeholders(user, group: Group) -> bool:
    """Add, edit and end memberships of a group's stakeholder list."""
    return is_rtp_secretariat(user) or is_group_secretariat(user, group)


def can_view_stakeholders(user, group: Group) -> bool:
    """See a group's stakeholder list with contact details."""
    return is_rtp_secretariat(user) or is_group_member(user, group)


def can_edit_directory(user) -> bool:
    """Create organisations and people, import files: the RTP Secretariat and every group secretariat."""
    return is_rtp_secretariat(user) or is_any_secretariat(user)


def can_edit_organisation(user, organisation: Organisation) -> bool:
    return can_edit_directory(user)


def can_edit_person(user, person: Person) -> bool:
    """The RTP Secretariat, a secretariat of one of the person's groups, or the person themself."""
    if is_rtp_secretariat(user):
        return True
    if not is_logged_in(user):
        return False
    if person.user_id and person.user_id == user.pk:
        return True
    managed = managed_group_ids(user)
    return bool(managed & person_group_ids(person))


def person_group_ids(person: Person) -> set[int]:
    cached = getattr(person, "_roundtable_group_ids", None)
    if cached is None:
        from roundtable.directory.models import Membership

        cached = set(Membership.objects.current().filter(person=person).values_list("group_id", flat=True))
        person._roundtable_group_ids = cached
    return cached


def can_view_contact(user, person: Person) -> bool:
    """Email and phone: only the person, people who share a group with them, and the RTP Secretariat."""
    if is_rtp_secretariat(user):
        return True
    if not is_logged_in(user):
        return False
    if person.user_id and person.user_id == user.pk:
        return True
    return bool(set(roles_by_group(user)) & person_group_ids(person))


def contact_visible_group_ids(user) -> set[int] | None:
    """Groups whose members' contact details the user sees (None: all of them)."""
    if is_rtp_secretariat(user):
        return None
    return set(roles_by_group(user))
