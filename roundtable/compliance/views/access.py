"""Loading what a page works on, with the permissions applied."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from ..checklists import checklist_groups
from ..models import Obligation


def checklist_group(code: str):
    """An active SWG or sub-SWG (with its `established` day), or 404."""
    groups = checklist_groups(codes=[code])
    if not groups:
        raise Http404
    return groups[0]


def group_obligation(group, code: str, *, public: bool = False) -> Obligation:
    """The obligation of the group's template with this code (a public one for the public pages), or 404."""
    obligations = Obligation.objects.select_related("template").filter(template__kind=group.kind, code=code)
    if public:
        obligations = obligations.public()
    obligation = obligations.first()
    if obligation is None:
        raise Http404
    return obligation


def require(allowed: bool, request: HttpRequest | None = None) -> None:
    if not allowed:
        raise PermissionDenied
