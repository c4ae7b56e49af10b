"""The stakeholder list's section on the group page (see roundtable.groups.sections)."""

from __future__ import annotations

from django.http import HttpRequest

from roundtable.core import permissions
from roundtable.groups.sections import register_section

from .models import Membership


@register_section(order=40)
def stakeholder_list(request: HttpRequest, group) -> dict | None:
    # Only those who may read the list learn how many are on it.
    if not permissions.can_view_stakeholders(request.user, group):
        return None
    return {
        "template": "directory/_group_section.html",
        "context": {
            "count": Membership.objects.current().filter(group=group).count(),
            "can_manage": permissions.can_manage_stakeholders(request.user, group),
        },
    }
