"""Who may do what with a work plan, built on `roundtable.core.permissions`.

The ladder of a plan's life:
- the group's secretariat (a secretariat of an SWG is also secretariat of its sub-SWGs) creates and edits
  the plan while it is a draft or returned, sends it to the chair, and submits it once the chair approved;
- the group's chair **or co-chair** approves it or returns it with comments. The guideline has the
  "chairs/co-chairs" approve a group's work plan, and development-partner co-chairs are part of that
  leadership, so either may take the chair's step (one approval is enough);
- the RTP Secretariat approves or returns a submitted plan, and publishes an approved one. It reads every
  plan but does not write a group's plan itself: the plan is the group's own (ownership, in the guideline).
A published plan is public; an unpublished one is seen only by the group's members (any role, chairs
included) and the RTP Secretariat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roundtable.core import permissions as core
from roundtable.groups import roles

from .models import EDITABLE_STATUSES, WorkPlanStatus

if TYPE_CHECKING:
    from roundtable.groups.models import Group

    from .models import WorkPlan

PLANNED_KINDS = {"swg", "subswg"}


def is_chair_or_cochair(user, group: Group) -> bool:
    return roles.is_group_chair(user, group) or roles.is_group_cochair(user, group)


def can_view_workplan(user, plan: WorkPlan) -> bool:
    """The plan's page and exports: everyone once published; before, the group and the RTP Secretariat."""
    return plan.status == WorkPlanStatus.PUBLISHED or can_view_unpublished_of(user, plan.group)


def can_view_unpublished_of(user, group: Group) -> bool:
    """Whether the user may know about the group's plans that are not published yet."""
    return core.is_rtp_secretariat(user) or roles.is_group_member(user, group)


def can_create_workplan(user, group: Group) -> bool:
    return group.kind in PLANNED_KINDS and roles.is_group_secretariat(user, group)


def can_edit_workplan(user, plan: WorkPlan) -> bool:
    return plan.status in EDITABLE_STATUSES and may_edit_group_plans(user, plan.group)


def may_edit_group_plans(user, group: Group) -> bool:
    """The role half of editing (whatever the status): to tell 'not yours' (403) from 'not now' (message)."""
    return roles.is_group_secretariat(user, group)


def can_view_steps(user, plan: WorkPlan) -> bool:
    """The history of steps with their comments: the group's secretariat, chair and co-chairs, and the RTP
    Secretariat (who reads the comments to follow up)."""
    group = plan.group
    return (
        core.is_rtp_secretariat(user)
        or roles.is_group_secretariat(user, group)
        or is_chair_or_cochair(user, group)
    )


def can_view_deadline(user, group: Group) -> bool:
    return core.is_rtp_secretariat(user) or roles.is_group_secretariat(user, group)


def can_compare_versions(user, plan: WorkPlan) -> bool:
    return core.is_rtp_secretariat(user)


def can_view_overview(user) -> bool:
    return core.is_rtp_secretariat(user)


# --- the steps: who may take each (the role); services.ACTIONS says from which statuses -----------------


def role_may_send(user, group: Group) -> bool:
    return roles.is_group_secretariat(user, group)


def role_may_decide_as_chair(user, group: Group) -> bool:
    return is_chair_or_cochair(user, group)


def role_may_decide_as_rtp(user, group: Group) -> bool:
    return core.is_rtp_secretariat(user)
