"""Loading what an aid page works on, with the permissions applied (404 for what the visitor may not know
about, 403 for an officer's page), and the helpers the views share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from roundtable.groups import permissions as group_permissions
from roundtable.groups.models import Group

from .. import permissions
from ..figures import currency_of
from ..models import Activity


def get_group(request: HttpRequest, code: str) -> Group:
    """A sector group (SWG or sub-SWG) the visitor may see."""
    group = get_object_or_404(
        Group.objects.select_related("parent", "lead_ministry"), code=code, kind__in=permissions.FUNDED_KINDS
    )
    if not group_permissions.can_view_group(request.user, group):
        raise Http404
    return group


def get_activity(request: HttpRequest, pk: int) -> Activity:
    """An activity the visitor may see: a project of the ODA database is unknown to the public."""
    return get_object_or_404(Activity.objects.visible_to(request.user).select_related("organisation"), pk=pk)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def chosen_currency(request: HttpRequest) -> str:
    return currency_of(request.GET.get("currency"))


def chosen_year(request: HttpRequest) -> int | None:
    value = request.GET.get("year") or ""
    return int(value) if value.isdigit() and 1900 <= int(value) <= 2200 else None


def officer_links(user) -> dict:
    """What the aid pages' navigation shows an officer (nothing for the others)."""
    return {
        "can_import": permissions.can_import(user),
        "can_edit_mapping": permissions.can_edit_mapping(user),
        "can_review": permissions.can_review_partners(user),
        "can_manage_rates": permissions.can_manage_rates(user),
        "sees_oda": permissions.can_view_oda_projects(user),
    }
