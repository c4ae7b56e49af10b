"""The RTP Secretariat's overview of a year: every SWG's and sub-SWG's plan, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from roundtable.frameworks.models import FrameworkItem
from roundtable.groups.models import Group

from .models import Priority, WorkPlan, workplan_deadline


def build(year: int) -> dict:
    groups = list(
        Group.objects.active()
        .filter(kind__in=["swg", "subswg"])
        .select_related("parent")
        .order_by("order", "code")
    )
    plans = {
        plan.group_id: plan
        for plan in WorkPlan.objects.filter(year=year).annotate(
            priority_count=Count("priorities", distinct=True)
        )
    }
    today = timezone.localdate()
    deadline = workplan_deadline(year)
    # SWGs in their order, each followed by its sub-SWGs.
    children: dict[int, list] = {}
    for group in groups:
        if group.parent_id:
            children.setdefault(group.parent_id, []).append(group)
    ordered = []
    for group in groups:
        if group.parent_id is None:
            ordered.append(group)
            ordered.extend(children.pop(group.pk, []))
    for rest in children.values():  # sub-SWGs of an inactive SWG
        ordered.extend(rest)
    rows = []
    for group in ordered:
        plan = plans.get(group.pk)
        if plan is not None:
            plan.group = group  # avoid a query per row in the template's links
        rows.append(
            {
                "group": group,
                "plan": plan,
                "late": plan.is_late(today) if plan is not None else today > deadline,
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
        "deadline": deadline,
        "outcome_rows": outcome_rows,
        "missing_count": sum(1 for r in rows if r["missing"]),
        "late_count": sum(1 for r in rows if r["late"]),
    }
