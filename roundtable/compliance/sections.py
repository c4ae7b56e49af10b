"""What the checklists add to other pages (imported by ComplianceConfig.ready()):
- a group's page: for its members and the RTP Secretariat, the year's checklist in figures and what is due
  next, with a link to the whole checklist;
- "My work": for a secretariat, a chair or a co-chair, what is due next and overdue in each of their groups;
- the RTP Secretariat's overview: the year across all groups, the most overdue items, links to the scorecard
  and the templates.
Each builds one scorecard for the groups it shows: a fixed number of queries, whatever their number.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from roundtable.core.sections import dashboard_sections, group_sections, secretariat_sections
from roundtable.groups.roles import CHAIR, COCHAIR, SECRETARIAT, roles_by_group

from . import permissions
from .checklists import (
    CHECKLIST_KINDS,
    build_scorecard,
    checklist_groups,
    checklist_obligations,
    due_next,
    totals,
)
from .items import Status


def _cells_with_previous(card, group, year):
    """The year's cells, and the previous year's that still have something open."""
    cells = card.group_cells(group, year)
    previous = [c for c in card.group_cells(group, year - 1) if any(i.is_open for i in c.items)]
    return cells, previous


def group_checklist(request: HttpRequest, group) -> dict | None:
    if group.kind not in CHECKLIST_KINDS or not permissions.can_view_checklist(request.user, group):
        return None
    year = timezone.localdate().year
    groups = checklist_groups(kinds=(group.kind,), ids=[group.pk])
    if not groups:
        return None
    obligations = checklist_obligations(year - 1, year, kinds=(group.kind,))
    if not obligations:
        return None
    card = build_scorecard(groups=groups, obligations=obligations, first_year=year - 1, last_year=year)
    cells, previous = _cells_with_previous(card, groups[0], year)
    return {
        "template": "compliance/_group_section.html",
        "context": {
            "year": year,
            "totals": totals(cells),
            "due": due_next(cells + previous, limit=4),
            "url": reverse("compliance:group", args=[group.code]),
        },
    }


def my_checklists(request: HttpRequest) -> dict | None:
    user = request.user
    roles = roles_by_group(user)
    ids = [gid for gid, r in roles.items() if r & {SECRETARIAT, CHAIR, COCHAIR}]
    if not ids:
        return None
    year = timezone.localdate().year
    groups = checklist_groups(ids=ids)
    if not groups:
        return None
    obligations = checklist_obligations(year - 1, year)
    card = build_scorecard(groups=groups, obligations=obligations, first_year=year - 1, last_year=year)
    rows = []
    for group in groups:
        cells, previous = _cells_with_previous(card, group, year)
        summary = totals(cells)
        rows.append(
            {
                "group": group,
                "overdue": summary["counts"][Status.OVERDUE],
                "due": due_next(cells + previous, limit=3),
                "url": reverse("compliance:group", args=[group.code]),
            }
        )
    return {"template": "compliance/_dashboard_section.html", "context": {"year": year, "rows": rows}}


def compliance_overview(request: HttpRequest) -> dict | None:
    if not permissions.can_view_scorecard(request.user):
        return None
    year = timezone.localdate().year
    groups = checklist_groups()
    obligations = checklist_obligations(year, year)
    card = build_scorecard(groups=groups, obligations=obligations, first_year=year, last_year=year)
    cells = card.year_cells(year)
    overdue = sorted(
        ((cell, item) for cell in cells for item in cell.items if item.status == Status.OVERDUE),
        key=lambda pair: -pair[1].days_late,
    )
    return {
        "template": "compliance/_secretariat_section.html",
        "context": {
            "year": year,
            "totals": totals(cells),
            "overdue": [
                (cell, item, reverse("compliance:cell", args=[year, cell.group.code, cell.obligation.code]))
                for cell, item in overdue[:10]
            ],
            "overdue_count": len(overdue),
            "groups_overdue": len({cell.group.pk for cell, _item in overdue}),
        },
    }


group_sections.register(group_checklist, order=25)
dashboard_sections.register(my_checklists, order=20)
secretariat_sections.register(compliance_overview, order=20)
