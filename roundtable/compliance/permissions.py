"""Who may see and do what with the checklists, built on `roundtable.core.permissions` and the group roles.

- A group's checklist (every obligation, hand ticks with their notes and evidence, what is due next) is the
  group's working tool: its members (any role, chairs and co-chairs included) and the RTP Secretariat see
  it. Everything it shows about the group they may see already (draft plans, minutes on their way).
- The group's secretariat ticks by hand what no record can prove (and withdraws its tick); the RTP
  Secretariat may too (it knows when it was consulted).
- The scorecard across all groups, its export and the templates' editing: the RTP Secretariat.
- The public scorecard shows only obligations proved by public facts, to everyone, unless the setting
  `ROUNDTABLE["PUBLIC_SCORECARD"]` turns it off (then its pages answer 404 and the API lists nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roundtable.core import permissions as core
from roundtable.groups import roles

from .rules import Proof, rt_setting

if TYPE_CHECKING:
    from roundtable.groups.models import Group

    from .models import HandTick, Obligation


def public_scorecard_enabled() -> bool:
    return bool(rt_setting("PUBLIC_SCORECARD", True))


def can_view_public_scorecard(user) -> bool:
    return public_scorecard_enabled()


def can_view_scorecard(user) -> bool:
    """The scorecard of every group and obligation, its cells' records, its export."""
    return core.is_rtp_secretariat(user)


def can_edit_templates(user) -> bool:
    return core.is_rtp_secretariat(user)


def can_view_checklist(user, group: Group) -> bool:
    return core.is_rtp_secretariat(user) or roles.is_group_member(user, group)


def can_tick(user, group: Group, obligation: Obligation) -> bool:
    """Tick by hand an obligation that only a hand tick proves."""
    if obligation.proof != Proof.HAND_TICK:
        return False
    return core.is_rtp_secretariat(user) or roles.is_group_secretariat(user, group)


def can_withdraw_tick(user, tick: HandTick) -> bool:
    return can_tick(user, tick.group, tick.obligation)


def can_view_evidence(user, tick: HandTick) -> bool:
    return can_view_checklist(user, tick.group)
