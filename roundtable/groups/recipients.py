"""Who is told that it is their turn: the accounts behind a group's roles, for `core.notifications.notify`.

The roles are those of `roles.py` (current memberships and chair terms); a sub-SWG without a secretariat
of its own is served by its SWG's, as its permissions already say. Only active accounts are returned:
a person without a log-in has no page to act on.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from roundtable.core.permissions import RTP_SECRETARIAT_GROUP

from .models import ChairTerm, Group
from .roles import SECRETARIAT

# Who a workflow step tells, as the steps' tables name them (SECRETARIAT is the group's secretariat).
CHAIRS, RTP = "chairs", "rtp"


def for_roles(group: Group, who: tuple[str, ...]) -> list:
    """The accounts of each audience in `who` (CHAIRS, SECRETARIAT, RTP), in that order."""
    people = []
    for role in who:
        if role == CHAIRS:
            people += chairs(group)
        elif role == SECRETARIAT:
            people += secretariat(group)
        elif role == RTP:
            people += rtp_secretariat()
    return people


def _active(users):
    return users.filter(is_active=True).select_related("person").order_by("pk")


def chairs(group: Group) -> list:
    """The chair and the co-chairs of the group now (their accounts)."""
    ids = ChairTerm.objects.current().filter(group=group, person__user__isnull=False)
    return list(_active(get_user_model().objects.filter(person__in=ids.values("person"))))


def secretariat(group: Group) -> list:
    """The group's secretariat; for a sub-SWG without one, its SWG's."""
    from roundtable.directory.models import Membership

    current = Membership.objects.current().filter(role=SECRETARIAT, person__user__isnull=False)
    users = list(
        _active(get_user_model().objects.filter(person__in=current.filter(group=group).values("person")))
    )
    if not users and group.parent_id:
        users = list(
            _active(
                get_user_model().objects.filter(
                    person__in=current.filter(group_id=group.parent_id).values("person")
                )
            )
        )
    return users


def rtp_secretariat() -> list:
    return list(_active(get_user_model().objects.filter(groups__name=RTP_SECRETARIAT_GROUP)))


def secretariat_addresses(group: Group) -> list[str]:
    """Where an answer to the group goes (Reply-To): its secretariat's addresses, for those who have one."""
    from roundtable.directory.models import Membership

    rows = Membership.objects.current().filter(role=SECRETARIAT, group=group).select_related("person")
    addresses = [m.person.email for m in rows if m.person.email]
    if not addresses and group.parent_id:
        rows = (
            Membership.objects.current()
            .filter(role=SECRETARIAT, group_id=group.parent_id)
            .select_related("person")
        )
        addresses = [m.person.email for m in rows if m.person.email]
    return sorted(set(addresses))
