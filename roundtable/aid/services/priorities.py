"""Links from a group's work-plan priorities to the activities that fund them (the group's secretariat and
the RTP Secretariat)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roundtable.core.services import Refused, require
from roundtable.workplans.models import Priority

from .. import permissions
from ..models import Activity, PriorityLink


def _group_of(priority: Priority):
    return priority.workplan.group


@transaction.atomic
def priority_link(*, actor, priority: Priority, activity: Activity) -> PriorityLink:
    """Say that `activity` funds `priority` (once)."""
    group = _group_of(priority)
    require(permissions.can_link_priorities(actor, group))
    if not activity.shares.filter(
        group__in=[group.pk, *group.children.values_list("pk", flat=True)]
    ).exists() and (group.parent_id is None or not activity.shares.filter(group=group.parent_id).exists()):
        raise ValidationError(
            _("The activity is not counted for this group: link an activity of its sector.")
        )
    link, created = PriorityLink.objects.get_or_create(
        priority=priority, activity=activity, defaults={"linked_by": actor}
    )
    if not created:
        raise Refused(_("The activity is already linked to this priority."), code="already_linked")
    return link


@transaction.atomic
def priority_unlink(*, actor, link: PriorityLink) -> None:
    require(permissions.can_link_priorities(actor, _group_of(link.priority)))
    link._history_user = actor
    link.delete()
