"""What the directory adds to other pages (imported by DirectoryConfig.ready(); see core.sections)."""

from __future__ import annotations

from django.http import HttpRequest

from roundtable.core.sections import dashboard_sections, group_sections
from roundtable.directory import permissions as directory_permissions
from roundtable.groups.models import Group
from roundtable.groups.roles import SECRETARIAT, roles_by_group

from .models import Membership


@group_sections.register(order=40)
def stakeholder_list(request: HttpRequest, group) -> dict | None:
    """On the group page: a link to its stakeholder list, for those who may read it."""
    # Only those who may read the list learn how many are on it.
    if not directory_permissions.can_view_stakeholders(request.user, group):
        return None
    return {
        "template": "directory/_group_section.html",
        "context": {
            "count": Membership.objects.current().filter(group=group).count(),
            "can_manage": directory_permissions.can_manage_stakeholders(request.user, group),
        },
    }


@dashboard_sections.register(order=60)
def my_stakeholder_lists(request: HttpRequest) -> dict | None:
    """On "My work": the stakeholder lists of the user's groups (all of them lead to contacts)."""
    roles = roles_by_group(request.user)
    if not roles:
        return None
    groups = Group.objects.filter(pk__in=roles).order_by("order", "code")
    rows = [(group, SECRETARIAT in roles[group.pk]) for group in groups]
    return {"template": "directory/_dashboard_section.html", "context": {"rows": rows}}
