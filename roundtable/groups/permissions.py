"""Permission questions of the group structure, built on `roundtable.core.permissions`.

Decisions kept here:
- Active groups, their current chairs, their ToR documents and who chaired when are public: the
  guideline asks for a transparent structure, and stale public pages about "who chairs what" are
  the problem the platform exists to fix. Representatives are shown by name only, never contact.
- Inactive groups are seen only by the RTP Secretariat (it may reactivate them).
- The reasons recorded when a chair or co-chair changes are internal: the RTP Secretariat and the
  group's own secretariat read them.
- "Rotation due" flags are for the RTP Secretariat only (`core.permissions.can_see_rotation_flags`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roundtable.core import permissions

from .roles import is_group_secretariat

if TYPE_CHECKING:
    from .models import Group


def can_edit_group_profile(user, group: Group) -> bool:
    """Mandate, ToR documents, framework links: the RTP Secretariat and the group's secretariat."""
    return permissions.is_rtp_secretariat(user) or is_group_secretariat(user, group)


def can_view_group(user, group: Group) -> bool:
    return group.is_active or permissions.can_manage_structure(user)


def can_manage_chairs(user, group: Group) -> bool:
    """Add, end and change chair and co-chair terms."""
    return permissions.can_manage_structure(user)


def can_create_group(user) -> bool:
    return permissions.can_manage_structure(user)


def can_read_change_reasons(user, group: Group) -> bool:
    return permissions.can_manage_structure(user) or is_group_secretariat(user, group)


def can_manage_tor(user, group: Group) -> bool:
    """Upload and delete Terms of Reference documents."""
    return can_edit_group_profile(user, group)
