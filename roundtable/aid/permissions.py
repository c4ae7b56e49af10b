"""Who may do what with the aid data, built on `roundtable.core.permissions` and `roundtable.groups.roles`.

Decisions kept here:
- Everything that comes from IATI is public (partners publish it openly): the aid pages of every group and
  partner, the activities, the funding figures, the API and the open-data exports.
- The projects of the national ODA database (a CSV export the RTP Secretariat imports) are the Government's
  records, not published data: the RTP Secretariat and the members of the Round Table groups see them in
  the figures and lists; the public, the API and the open data do not.
- Only the RTP Secretariat imports (IATI files, exchange rates, the ODA export), edits the sector-to-group
  mapping and decides which directory organisation a partner name is.
- A group's secretariat (and the RTP Secretariat) links the group's work-plan priorities to the activities
  that fund them: the plan is the group's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roundtable.core import permissions as core
from roundtable.groups import roles

if TYPE_CHECKING:
    from roundtable.groups.models import Group

# The groups that have an aid page: the sectors (forums are not).
FUNDED_KINDS = {"swg", "subswg"}


def can_view_oda_projects(user) -> bool:
    """The national ODA database's projects: the RTP Secretariat and any member of a group."""
    return core.is_rtp_secretariat(user) or bool(roles.roles_by_group(user))


def can_import(user) -> bool:
    """Upload IATI files, exchange rates and the ODA database export, and follow those imports."""
    return core.is_rtp_secretariat(user)


def can_edit_mapping(user) -> bool:
    return core.is_rtp_secretariat(user)


def can_review_partners(user) -> bool:
    """Match the organisation names found in the data to the directory."""
    return core.is_rtp_secretariat(user)


def can_manage_rates(user) -> bool:
    return core.is_rtp_secretariat(user)


def can_link_priorities(user, group: Group) -> bool:
    return group.kind in FUNDED_KINDS and (
        core.is_rtp_secretariat(user) or roles.is_group_secretariat(user, group)
    )


def can_see_data_gaps(user) -> bool:
    """Where the data falls short (unmatched partners, missing rates, refused activities): the officers who
    can fix it."""
    return core.is_rtp_secretariat(user)
