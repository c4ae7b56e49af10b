"""Who may do what with cycles, progress reports, recommendations and the road map, built on
`roundtable.core.permissions` (identity) and `roundtable.groups.roles` (roles in a group).

The ladder of a report's life (the same as a work plan's):
- the group's secretariat writes the report while it is a draft or returned, sends it to the chair, and
  submits it to the RTP Secretariat once the chair approved it;
- the group's chair **or a co-chair** approves it or returns it with comments (one approval is enough;
  the step records in which role it was taken, and a co-chair's button says co-chair);
- the RTP Secretariat accepts or returns a submitted report, and publishes the accepted ones with the cycle.
  It reads every report but does not write a group's: the report is the group's own.
A published report (of a published cycle) is public; before that, only the group's members (any role,
chairs included) and the RTP Secretariat know it exists. Drafts, returned, submitted and accepted reports
are absent from every public path.

Cycles: the RTP Secretariat prepares (a draft cycle is its alone), opens and publishes them; an open or
published cycle's page, road map, documents and recommendations are public; the compiled report is
public once the cycle is published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roundtable.core import permissions as core
from roundtable.groups import roles

from .models import EDITABLE_STATUSES, ReportStatus

if TYPE_CHECKING:
    from roundtable.groups.models import Group

    from .models import Cycle, ProgressReport

REPORTING_KINDS = {"swg"}


def is_chair_or_cochair(user, group: Group) -> bool:
    return roles.is_group_chair(user, group) or roles.is_group_cochair(user, group)


# --- cycles ----------------------------------------------------------------------------------------------


def can_manage_cycles(user) -> bool:
    """Create, edit, open and publish cycles; their documents, recommendations and road map."""
    return core.is_rtp_secretariat(user)


def can_view_cycle(user, cycle: Cycle) -> bool:
    return cycle.is_public or can_manage_cycles(user)


def can_view_tracker(user) -> bool:
    return core.is_rtp_secretariat(user)


def can_send_reminders(user) -> bool:
    return core.is_rtp_secretariat(user)


def can_compile(user) -> bool:
    return core.is_rtp_secretariat(user)


def can_view_compiled(user, cycle: Cycle) -> bool:
    """The compiled report: public with the published cycle; the RTP Secretariat reads its drafts."""
    return cycle.is_published or can_compile(user)


# --- reports ---------------------------------------------------------------------------------------------


def can_view_unpublished_of(user, group: Group) -> bool:
    """Whether the user may know about the group's reports that are not published."""
    return core.is_rtp_secretariat(user) or roles.is_group_member(user, group)


def can_view_report(user, report: ProgressReport) -> bool:
    if report.status == ReportStatus.PUBLISHED and report.cycle.is_published:
        return True
    return can_view_unpublished_of(user, report.group)


def may_write_reports_of(user, group: Group) -> bool:
    """The role half of writing (whatever the status): to tell 'not yours' (403) from 'not now' (message)."""
    return roles.is_group_secretariat(user, group)


def can_start_report(user, cycle: Cycle, group: Group) -> bool:
    return cycle.is_open and group.kind in REPORTING_KINDS and may_write_reports_of(user, group)


def can_edit_report(user, report: ProgressReport) -> bool:
    return report.status in EDITABLE_STATUSES and may_write_reports_of(user, report.group)


def can_view_steps(user, report: ProgressReport) -> bool:
    """The steps with their comments: the group's secretariat, chair and co-chairs, the RTP Secretariat."""
    group = report.group
    return (
        core.is_rtp_secretariat(user)
        or roles.is_group_secretariat(user, group)
        or is_chair_or_cochair(user, group)
    )


def can_view_versions(user, report: ProgressReport) -> bool:
    return can_view_steps(user, report)


def can_view_deadline(user, group: Group) -> bool:
    return core.is_rtp_secretariat(user) or roles.is_group_member(user, group)


# --- the steps: who may take each (the role); workflow.STEPS says from which statuses --------------------


def role_may_send(user, group: Group) -> bool:
    return roles.is_group_secretariat(user, group)


def role_may_decide_as_chair(user, group: Group) -> bool:
    return is_chair_or_cochair(user, group)


def role_may_decide_as_rtp(user, group: Group) -> bool:
    return core.is_rtp_secretariat(user)


def chair_role_of(user, group: Group) -> str:
    """ "chair" or "cochair" (the chair's role first when a person holds both), "" for neither."""
    if roles.is_group_chair(user, group):
        return "chair"
    if roles.is_group_cochair(user, group):
        return "cochair"
    return ""
