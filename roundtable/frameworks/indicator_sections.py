"""What the indicators' monitoring adds to other pages (imported by FrameworksConfig.ready()):
- a group's page: the indicators it owns with their published values (its secretariat sees the others too);
- "My work": for an indicator's owner, the values to finish (drafts and returned ones) and the years to enter;
- the RTP Secretariat's overview: how many values wait for review, with a link to the queue.
Each is a fixed number of queries and says nothing to a visitor who may see nothing of it.
"""

from __future__ import annotations

from django.http import HttpRequest

from roundtable.core.sections import dashboard_sections, group_sections, secretariat_sections

from . import permissions
from .indicator_models import Indicator, IndicatorValue, ValueState
from .indicators import indicators_for_group
from .owners import owner_directory


@group_sections.register(order=80)
def group_indicators(request: HttpRequest, group) -> dict | None:
    rows = indicators_for_group(group, user=request.user)
    if not rows:
        return None
    return {"template": "frameworks/indicators/_group_section.html", "context": {"rows": rows}}


@dashboard_sections.register(order=80)
def owner_work(request: HttpRequest) -> dict | None:
    user = request.user
    owners = set(owner_directory().secretariat_codes(user))
    if permissions.can_review_values(user):
        owners.add("")
    if not owners:
        return None
    indicators = list(
        Indicator.objects.filter(owner_code__in=owners)
        .select_related("item__framework")
        .order_by("item__framework__code", "item__sort_key")
    )
    if not indicators:
        return None
    open_values = list(
        IndicatorValue.objects.filter(
            indicator__in=indicators, state__in=[ValueState.DRAFT, ValueState.RETURNED]
        )
        .select_related("indicator__item__framework")
        .order_by("state", "year")
    )
    return {
        "template": "frameworks/indicators/_dashboard_section.html",
        "context": {"indicators": indicators, "open_values": open_values},
    }


@secretariat_sections.register(order=80)
def values_to_review(request: HttpRequest) -> dict | None:
    if not permissions.can_review_values(request.user):
        return None
    waiting = IndicatorValue.objects.filter(state__in=[ValueState.SUBMITTED, ValueState.ACCEPTED])
    return {
        "template": "frameworks/indicators/_secretariat_section.html",
        "context": {
            "submitted": waiting.filter(state=ValueState.SUBMITTED).count(),
            "accepted": waiting.filter(state=ValueState.ACCEPTED).count(),
        },
    }
