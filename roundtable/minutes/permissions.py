"""Who may do what with minutes and action points, on top of roundtable.core.permissions.

Choices made here (the guideline leaves them open):
- The minutes are kept by the group's secretariat (a secretariat of an SWG also keeps its sub-SWGs'
  minutes, see core.permissions). For the Round Table forums (RTIM, High-Level RTM, chairs' meeting)
  the RTP Secretariat is the secretariat. The RTP Secretariat does not edit an SWG's minutes: it
  receives them, and publishes or returns them.
- "Approved by the chair": the Government chair OR any development-partner co-chair of the group may
  approve a language version. The guideline names the chair; co-chairs co-lead the group and are often
  the ones who approve the English version, so either one suffices and the step records who it was.
- Drafts, circulated and returned versions are seen by every member of the group (any role) and by the
  RTP Secretariat; the public sees published versions only.
- The guideline circulates the minutes "to the attendees for comments": an attendee of the meeting who
  has a login (a Participant ticked as attended whose directory entry has a user) reads and comments on
  the CIRCULATED versions of that meeting's minutes, even without a membership of the group. They see
  no other status of them (a draft is the secretariat's work; after the chair's approval the text waits
  for publication), no other meeting's minutes, and of the comments only their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from roundtable.core import permissions as core
from roundtable.groups import roles

from .models import ActionPoint, MinutesStatus

if TYPE_CHECKING:
    from roundtable.groups.models import Group
    from roundtable.meetings.models import Meeting

    from .models import MinutesVersion

EDITABLE_STATUSES = {MinutesStatus.DRAFT, MinutesStatus.CIRCULATED, MinutesStatus.RETURNED}
SIGNED_PDF_STATUSES = {MinutesStatus.CHAIR_APPROVED, MinutesStatus.SENT, MinutesStatus.PUBLISHED}


def is_minutes_secretariat(user, group: Group) -> bool:
    """Keeps this group's minutes: its secretariat, or the RTP Secretariat for a Round Table forum."""
    if roles.is_group_secretariat(user, group):
        return True
    return group.kind == "forum" and core.is_rtp_secretariat(user)


def is_minutes_approver(user, group: Group) -> bool:
    """The chair or a co-chair of the group (either suffices; see the module docstring)."""
    return roles.is_group_chair(user, group) or roles.is_group_cochair(user, group)


def can_view_unpublished(user, group: Group) -> bool:
    """Drafts, circulated, approved, sent and returned versions of this group's minutes."""
    return core.is_rtp_secretariat(user) or roles.is_group_member(user, group)


def attendee_user_ids(meeting: Meeting) -> set[int]:
    """Logins of the meeting's attendees (reads the `attendees` prefetched by minutes_queryset when there)."""
    attendees = getattr(meeting, "attendees", None)
    if attendees is not None:
        return {p.person.user_id for p in attendees if p.person_id and p.person and p.person.user_id}
    return set(
        meeting.participants.filter(attended=True, person__user__isnull=False).values_list(
            "person__user_id", flat=True
        )
    )


def is_attendee(user, meeting: Meeting) -> bool:
    """Ticked as attended on the meeting's participant list, with the user's own directory entry."""
    if not core.is_logged_in(user):
        return False
    return user.pk in attendee_user_ids(meeting)


def can_view_version(user, version: MinutesVersion, group: Group, *, attendee: bool = False) -> bool:
    """Published: everyone. Otherwise members and the RTP Secretariat; circulated: also the attendees.

    `attendee`: whether the user attended this version's meeting (is_attendee), asked once by the caller.
    """
    if version.status == MinutesStatus.PUBLISHED or can_view_unpublished(user, group):
        return True
    return attendee and version.status == MinutesStatus.CIRCULATED


def can_start_minutes(user, group: Group) -> bool:
    return is_minutes_secretariat(user, group)


def can_edit_minutes(user, group: Group) -> bool:
    return is_minutes_secretariat(user, group)


def is_language_editable(version: MinutesVersion | None) -> bool:
    """A language's text may change only before the chair has approved it (or after a return)."""
    return version is not None and version.status in EDITABLE_STATUSES


def can_circulate(user, version: MinutesVersion, group: Group) -> bool:
    return is_minutes_secretariat(user, group)


def can_approve(user, version: MinutesVersion, group: Group) -> bool:
    return is_minutes_approver(user, group)


def can_send(user, version: MinutesVersion, group: Group) -> bool:
    return is_minutes_secretariat(user, group)


def can_publish(user, version: MinutesVersion, group: Group) -> bool:
    return core.is_rtp_secretariat(user)


def can_return(user, version: MinutesVersion, group: Group) -> bool:
    return core.is_rtp_secretariat(user)


def can_comment(
    user, version: MinutesVersion, group: Group, attendee_user_ids: set[int] | None = None
) -> bool:
    """Members of the group and logged-in attendees, while the version is circulated and the date not past."""
    if version.status != MinutesStatus.CIRCULATED:
        return False
    if version.comments_until and version.comments_until < timezone.localdate():
        return False
    if roles.is_group_member(user, group):
        return True
    return bool(attendee_user_ids and getattr(user, "pk", None) in attendee_user_ids)


def can_read_comments(user, group: Group) -> bool:
    return can_view_unpublished(user, group)


def can_upload_signed_pdf(user, version: MinutesVersion, group: Group) -> bool:
    return is_minutes_secretariat(user, group) and version.status in SIGNED_PDF_STATUSES


# --- action points -------------------------------------------------------------------------------


def can_view_action_points(user, group: Group) -> bool:
    return core.is_rtp_secretariat(user) or roles.is_group_member(user, group)


def can_view_action_point(user, action_point: ActionPoint) -> bool:
    """The group's list readers, and the responsible person (who may be outside the group)."""
    return can_view_action_points(user, action_point.group) or _is_responsible(user, action_point)


def _is_responsible(user, action_point: ActionPoint) -> bool:
    person = action_point.responsible_person
    return bool(
        core.is_logged_in(user)
        and person is not None
        and person.user_id
        and person.user_id == getattr(user, "pk", None)
    )


def can_view_all_action_points(user) -> bool:
    return core.is_rtp_secretariat(user)


def can_update_action_point(user, action_point: ActionPoint) -> bool:
    """The group's secretariat, and the responsible person when they have an account."""
    return is_minutes_secretariat(user, action_point.group) or _is_responsible(user, action_point)
