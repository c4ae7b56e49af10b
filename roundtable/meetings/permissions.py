"""Who may see and do what with meetings, built on roundtable.core.permissions.

- The public sees public meetings (`is_public`), their agenda and public documents.
- Members of the group (any role, chairs included) see all of the group's meetings and the members' documents.
- The group's secretariat (and the secretariat of the parent SWG) and the RTP Secretariat manage meetings,
  the invitations and the participant list with its contact details; the RTP Secretariat manages the
  Round Table forums' meetings and every group's.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from roundtable.core import permissions
from roundtable.core.permissions import is_logged_in
from roundtable.directory.permissions import contact_visible_person_ids
from roundtable.groups import roles


def can_schedule(user, group) -> bool:
    """Create meetings for this group."""
    return permissions.is_rtp_secretariat(user) or roles.is_group_secretariat(user, group)


def can_manage(user, meeting) -> bool:
    """Edit the meeting, its agenda, documents, invitations, attendance; see the participant list."""
    return can_schedule(user, meeting.group)


def _is_invited(user, meeting) -> bool:
    person = permissions.person_of(user)
    if person is None:
        return False
    return meeting.participants.filter(person=person).exists()


def is_insider(user, meeting) -> bool:
    """A member of the meeting's group, an invitee with a login, or the RTP Secretariat."""
    if permissions.is_rtp_secretariat(user) or roles.is_group_member(user, meeting.group):
        return True
    return _is_invited(user, meeting)


def can_view(user, meeting) -> bool:
    return meeting.is_public or is_insider(user, meeting)


def can_view_participant_list(user, meeting) -> bool:
    """The list with contacts and the sign-in sheets: the secretariat's working tool only."""
    return can_manage(user, meeting)


def contact_visible_participant_ids(user, participants: Iterable) -> set[int]:
    """Of these lines of a participant list, those whose email and phone the user may read (one query).

    Inviting someone must not be a way round the directory's rule: the contacts copied from the directory
    when a person was invited follow that rule (`directory.permissions.contact_visible_person_ids`), as on
    the person's own page. What was given for this meeting itself (a substitute named in the invitee's
    answer, a walk-in written down by the secretariat) the meeting's managers read: the list is theirs.
    A line copied from a directory entry that was deleted since keeps its contacts hidden: there is no
    entry left to ask.
    """
    from .models import ParticipantSource

    participants = list(participants)
    people = {p.person_id for p in participants if p.person_id}
    visible_people = contact_visible_person_ids(user, people)
    visible = set()
    for p in participants:
        if p.person_id:
            if p.person_id in visible_people:
                visible.add(p.pk)
        elif p.source != ParticipantSource.INVITED:
            visible.add(p.pk)
    return visible


def visible_document_levels(user, meeting) -> set[str]:
    from .models import Visibility

    levels = {Visibility.PUBLIC}
    if can_manage(user, meeting):
        return {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.SECRETARIAT}
    if is_insider(user, meeting):
        levels.add(Visibility.MEMBERS)
    return levels


def can_view_document(user, document) -> bool:
    meeting = document.meeting
    return can_view(user, meeting) and document.visibility in visible_document_levels(user, meeting)


def visible_meetings_q(user) -> Q:
    """A filter on Meeting for the meetings the user may see (one query for the roles, none per row)."""
    if permissions.is_rtp_secretariat(user):
        return Q()
    q = Q(is_public=True)
    if not is_logged_in(user):
        return q
    groups = set(roles.roles_by_group(user))
    if groups:
        q |= Q(group_id__in=groups)
    person = permissions.person_of(user)
    if person is not None:
        q |= Q(participants__person=person)
    return q


def visible_meetings(user, queryset=None):
    from .models import Meeting

    queryset = queryset if queryset is not None else Meeting.objects.all()
    q = visible_meetings_q(user)
    if not q:
        return queryset
    # The participants join can repeat a meeting; filter by id to keep the queryset free of duplicates.
    if permissions.person_of(user) is not None:
        ids = Meeting.objects.filter(q).values("pk")
        return queryset.filter(pk__in=ids)
    return queryset.filter(q)


def can_see_planned(user, workplan) -> bool:
    """Planned meetings of a published work plan are public; of any other plan, the group's members only."""
    from roundtable.workplans.models import WorkPlanStatus

    if workplan.status == WorkPlanStatus.PUBLISHED:
        return True
    return permissions.is_rtp_secretariat(user) or roles.is_group_member(user, workplan.group)
