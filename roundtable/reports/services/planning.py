"""The RTP Secretariat's records of a Round Table meeting: its recommendations and the road map to it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from roundtable.core.services import Conflict, changes_since, lock, model_update

from ..models import Cycle, Milestone, Recommendation
from .common import require_rtp

RECOMMENDATION_FIELDS = ["number", "text_lo", "text_en", "groups", "status"]
MILESTONE_FIELDS = [
    "due_on",
    "title_lo",
    "title_en",
    "description_lo",
    "description_en",
    "owner",
    "status",
    "meeting",
]


@transaction.atomic
def recommendation_create(*, cycle: Cycle, actor, data: dict) -> Recommendation:
    require_rtp(actor)
    number = data.get("number") or (cycle.recommendations.aggregate(m=Max("number"))["m"] or 0) + 1
    recommendation = Recommendation(
        cycle=cycle,
        number=number,
        **{k: data[k] for k in ("text_lo", "text_en", "status") if k in data},
    )
    recommendation.full_clean()
    recommendation.save()
    recommendation.groups.set(data.get("groups") or [])
    return recommendation


@transaction.atomic
def recommendation_update(
    *, recommendation: Recommendation, actor, data: dict, revision: int
) -> Recommendation:
    require_rtp(actor)
    current = lock(recommendation, None)
    if current.revision != revision:
        raise Conflict(changes_since(current, revision, RECOMMENDATION_FIELDS))
    model_update(current, data, fields=RECOMMENDATION_FIELDS)
    return current


@transaction.atomic
def milestone_create(*, cycle: Cycle, actor, data: dict) -> Milestone:
    require_rtp(actor)
    milestone = Milestone(cycle=cycle, **{k: v for k, v in data.items() if k in MILESTONE_FIELDS})
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, actor, data: dict, revision: int) -> Milestone:
    require_rtp(actor)
    current = lock(milestone, None)
    if current.revision != revision:
        raise Conflict(changes_since(current, revision, MILESTONE_FIELDS))
    model_update(current, data, fields=MILESTONE_FIELDS)
    return current


@transaction.atomic
def milestone_delete(*, milestone: Milestone, actor) -> None:
    require_rtp(actor)
    milestone.delete()
