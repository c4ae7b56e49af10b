"""The RTP Secretariat's overview of a year: every SWG's and sub-SWG's plan, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from roundtable.frameworks.models import FrameworkItem
from roundtable.groups.models import Group

from .models import Priority, WorkPlan, submission_is_late, workplan_deadline
from .permissions import PLANNED_KINDS


def build(year: int) -> dict:
    # SWGs in their order, each followed by its sub-SWGs.
    groups = list(
        Group.objects.active().filter(kind__in=PLANNED_KINDS).select_related("parent").in_tree_order()
    )
    plans = {
        plan.group_id: plan
        for plan in WorkPlan.objects.filter(year=year).annotate(
            priority_count=Count("priorities", distinct=True)
        )
    }
    today = timezone.localdate()
    rows = []
    for group in groups:
        plan = plans.get(group.pk)
        if plan is not None:
            plan.group = group  # avoid a query per row in the template's links
        rows.append(
            {
                "group": group,
                "plan": plan,
                "late": submission_is_late(year, plan.submitted_at if plan else None, today),
                "missing": plan is None,
            }
        )
    # Distinct priorities per NSEDP outcome (the parent of the outputs they link), across the year's plans.
    counts = (
        Priority.objects.filter(workplan__year=year, nsedp_outputs__isnull=False)
        .values("nsedp_outputs__parent")
        .annotate(n=Count("id", distinct=True))
    )
    by_outcome = {row["nsedp_outputs__parent"]: row["n"] for row in counts}
    outcomes = FrameworkItem.objects.filter(pk__in=[k for k in by_outcome if k]).select_related("framework")
    outcome_rows = sorted(
        ({"outcome": o, "count": by_outcome[o.pk]} for o in outcomes),
        key=lambda r: (r["outcome"].framework.code, r["outcome"].sort_key),
    )
    return {
        "rows": rows,
        "deadline": workplan_deadline(year),
        "outcome_rows": outcome_rows,
        "missing_count": sum(1 for r in rows if r["missing"]),
        "late_count": sum(1 for r in rows if r["late"]),
    }
