"""The directory's sections on other apps' pages (see roundtable.groups.sections)."""

from __future__ import annotations

from django.http import HttpRequest

from roundtable.core import permissions
from roundtable.groups.models import Group
from roundtable.groups.sections import register_section
from roundtable.website.sections import dashboard_sections

from .models import Membership


@register_section(order=40)
def stakeholder_list(request: HttpRequest, group) -> dict | None:
    """On the group page: a link to its stakeholder list, for those who may read it."""
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


@dashboard_sections.register(order=60)
def my_stakeholder_lists(request: HttpRequest) -> dict | None:
    """On "My work": the stakeholder lists of the user's groups (all of them lead to contacts)."""
    roles = permissions.roles_by_group(request.user)
    if not roles:
        return None
    groups = Group.objects.filter(pk__in=roles).order_by("order", "code")
    rows = [(group, permissions.SECRETARIAT in roles[group.pk]) for group in groups]
    return {"template": "directory/_dashboard_section.html", "context": {"rows": rows}}
