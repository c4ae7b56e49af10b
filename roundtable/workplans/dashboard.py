"""The work plans' section of "My work" (registered from WorkplansConfig.ready()).

What waits for the user, by role: the secretariat sees this year's plan of each of its groups (or that it
is not started yet) with the deadline; a chair or co-chair sees the plans sent for their approval; the
RTP Secretariat sees how many submitted plans wait for its decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone

from roundtable.groups.models import Group
from roundtable.groups.roles import CHAIR, COCHAIR, managed_group_ids, roles_by_group

from . import permissions
from .models import WorkPlan, planning_years, submission_is_late, workplan_deadline
from .services.lifecycle import ACTIONS


@dataclass
class SecretariatRow:
    group: Group
    plan: WorkPlan | None
    late: bool
    can_start: bool


@dataclass
class YearRows:
    year: int
    deadline: object
    rows: list


def my_workplans(request: HttpRequest) -> dict | None:
    """At most four queries (the roles are cached on the user by the dashboard itself). In December the
    next year's plans come first (`planning_years`), with their deadline and state."""
    user = request.user
    today = timezone.localdate()
    years = planning_years(today)
    roles = roles_by_group(user)

    secretariat_ids = managed_group_ids(user)
    by_year: list[YearRows] = []
    if secretariat_ids:
        # An inactive group is being wound down: it plans nothing.
        groups = list(
            Group.objects.active()
            .filter(pk__in=secretariat_ids, kind__in=permissions.PLANNED_KINDS)
            .select_related("parent")
            .in_tree_order()
        )
        plans = {
            (plan.group_id, plan.year): plan
            for plan in WorkPlan.objects.filter(group__in=groups, year__in=years).only(
                "id", "group_id", "year", "status", "submitted_at"
            )
        }
        for year in years:
            rows = []
            for group in groups:
                plan = plans.get((group.pk, year))
                if plan is not None:
                    plan.group = group  # the link needs the group's code: no query per row
                rows.append(
                    SecretariatRow(
                        group=group,
                        plan=plan,
                        late=submission_is_late(year, plan.submitted_at if plan else None, today),
                        can_start=plan is None and permissions.can_create_workplan(user, group),
                    )
                )
            if rows:
                by_year.append(YearRows(year=year, deadline=workplan_deadline(year), rows=rows))

    chair_ids = [gid for gid, r in roles.items() if r & {CHAIR, COCHAIR}]
    to_approve: list[WorkPlan] = []
    if chair_ids:
        chair_step = ACTIONS["chair_approve"]
        to_approve = [
            plan
            for plan in WorkPlan.objects.filter(group_id__in=chair_ids, status__in=chair_step.sources)
            .select_related("group", "group__parent")
            .order_by("year", "group__order", "group__code")
            if chair_step.role(user, plan.group)
        ]

    submitted_count = None
    if permissions.can_view_overview(user):
        submitted_count = WorkPlan.objects.filter(status__in=ACTIONS["approve"].sources).count()

    if not by_year and not to_approve and not submitted_count:
        return None
    return {
        "template": "workplans/_dashboard_section.html",
        "context": {
            "year": years[0],
            "deadline": workplan_deadline(years[0]),
            "years": by_year,
            "rows": by_year[0].rows if by_year else [],
            "to_approve": to_approve,
            "submitted_count": submitted_count,
        },
    }
