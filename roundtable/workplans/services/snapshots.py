"""Versions of a plan: a frozen JSON copy taken when it is submitted, approved or published, which the
RTP Secretariat compares (see `workplans.versions`)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from roundtable.core.i18n import localized
from roundtable.frameworks.models import FrameworkItem

from ..models import WorkPlan, WorkPlanVersion
from .common import HEADER_FIELDS, PRIORITY_FIELDS


def _item(item: FrameworkItem) -> dict:
    return {
        "framework": item.framework.code,
        "code": item.code,
        "title_lo": item.title_lo,
        "title_en": item.title_en,
    }


def _names(obj) -> dict | None:
    if obj is None:
        return None
    return {"lo": localized(obj, "name", "lo"), "en": localized(obj, "name", "en")}


def workplan_snapshot(plan: WorkPlan) -> dict:
    """The plan as plain JSON: what a version keeps."""
    priorities = plan.priorities.select_related("lead_organisation").prefetch_related(
        "partners", "nsedp_outputs__framework", "sdg_targets__framework"
    )
    return {
        "status": plan.status,
        "revision": plan.revision,
        "header": {field: getattr(plan, field) for field in HEADER_FIELDS},
        "priorities": [
            {
                "id": p.pk,
                "order": p.order,
                **{
                    f: getattr(p, f)
                    for f in PRIORITY_FIELDS
                    if f not in {"lead_organisation", "start_date", "end_date", "budget"}
                },
                "lead_organisation": _names(p.lead_organisation),
                "partners": [_names(o) for o in p.partners.all()],
                "nsedp_outputs": [_item(i) for i in p.nsedp_outputs.all()],
                "sdg_targets": [_item(i) for i in p.sdg_targets.all()],
                "start_date": p.start_date.isoformat() if p.start_date else None,
                "end_date": p.end_date.isoformat() if p.end_date else None,
                "budget": str(p.budget) if p.budget is not None else None,
            }
            for p in priorities
        ],
        "meetings": [
            {
                "group": m.group.code,
                "date": m.date.isoformat(),
                "title_lo": m.title_lo,
                "title_en": m.title_en,
            }
            for m in plan.planned_meetings.select_related("group")
        ],
        "stakeholders": [
            # The role's code, not its words: a version reads in whichever language it is shown.
            {
                "organisation": _names(s.organisation),
                "name": s.name,
                "role": s.role_code,
                "role_note": s.role_note,
            }
            for s in plan.stakeholders.select_related("organisation")
        ],
    }


@transaction.atomic
def version_create(*, plan: WorkPlan, actor) -> WorkPlanVersion:
    """Keep the plan as it is now as its next numbered version."""
    last = plan.versions.aggregate(m=Max("number"))["m"] or 0
    return WorkPlanVersion.objects.create(
        workplan=plan, number=last + 1, status=plan.status, snapshot=workplan_snapshot(plan), created_by=actor
    )
