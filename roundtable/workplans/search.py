"""What the work plans add to the site-wide search: each plan (strategy, context) and each of its priorities.

Visibility is the plan page's (`permissions.can_view_workplan`), for the plan and for its priorities alike:
published to everyone; before, to whom `can_view_unpublished_of` lets know the group's unpublished plans
(the grant "workplans.unpublished").
"""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from roundtable.core.search import ANONYMOUS, Document, SearchProvider, join, register_provider, urls

from . import permissions
from .models import Priority, WorkPlan


def _plan_titles(plan: WorkPlan) -> tuple[str, str]:
    titles = []
    for lang in ("lo", "en"):
        with translation.override(lang):
            group = (
                (plan.group.name_lo or plan.group.name_en)
                if lang == "lo"
                else (plan.group.name_en or plan.group.name_lo)
            )
            titles.append(
                gettext("Annual work plan %(year)s: %(group)s") % {"year": plan.year, "group": group}
            )
    return titles[0], titles[1]


class WorkPlanProvider(SearchProvider):
    name = "workplans.workplan"
    label = _("Work plan")
    model = WorkPlan
    order = 40
    grants = {"workplans.unpublished": permissions.can_view_unpublished_of}

    def records(self):
        return WorkPlan.objects.select_related("group")

    def documents(self, plan: WorkPlan) -> list[Document]:
        url_lo, url_en = urls("workplans:detail", plan.group.code, plan.year)
        title_lo, title_en = _plan_titles(plan)
        return [
            Document(
                title_lo=title_lo,
                title_en=title_en,
                body_lo=join(plan.sector_strategy_lo, plan.context_lo),
                body_en=join(plan.sector_strategy_en, plan.context_en),
                group_id=plan.group_id,
                date=date(plan.year, 1, 1),
                url_lo=url_lo,
                url_en=url_en,
                public=permissions.can_view_workplan(ANONYMOUS, plan),
                access="workplans.unpublished",
            )
        ]


class PriorityProvider(SearchProvider):
    name = "workplans.priority"
    label = _("Priority")
    model = Priority
    order = 50
    grants = {"workplans.unpublished": permissions.can_view_unpublished_of}
    watches = {WorkPlan: lambda plan: plan.priorities.values_list("pk", flat=True)}

    def records(self):
        return Priority.objects.select_related("workplan", "workplan__group", "lead_organisation")

    def documents(self, priority: Priority) -> list[Document]:
        plan = priority.workplan
        url_lo, url_en = urls(
            "workplans:detail", plan.group.code, plan.year, fragment=f"priority-{priority.pk}"
        )
        lead = priority.lead_organisation
        return [
            Document(
                title_lo=priority.title_lo or priority.title_en,
                title_en=priority.title_en or priority.title_lo,
                body_lo=join(
                    priority.description_lo,
                    priority.expected_results_lo,
                    priority.funding_source_lo,
                    lead and lead.name_lo,
                ),
                body_en=join(
                    priority.description_en,
                    priority.expected_results_en,
                    priority.funding_source_en,
                    lead and lead.name_en,
                ),
                group_id=plan.group_id,
                date=date(plan.year, 1, 1),
                url_lo=url_lo,
                url_en=url_en,
                public=permissions.can_view_workplan(ANONYMOUS, plan),
                access="workplans.unpublished",
            )
        ]


register_provider(WorkPlanProvider())
register_provider(PriorityProvider())
