"""The database keeps the plan's status within its choices and its publication date exactly on published
plans, whatever writes (a queryset update, another app, a script)."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction

from roundtable.workplans.models import WorkPlan, WorkPlanStatus

S = WorkPlanStatus


def _refused(**changes) -> bool:
    try:
        with transaction.atomic():
            WorkPlan.objects.filter(pk=WorkPlan.objects.get().pk).update(**changes)
    except IntegrityError:
        return True
    return False


def test_a_status_outside_the_choices_is_refused_by_the_database(world, make_plan):
    make_plan()
    assert _refused(status="lost")
    assert WorkPlan.objects.get().status == S.DRAFT


@pytest.mark.parametrize("status", [s for s in S.values if s != S.PUBLISHED])
def test_only_a_published_plan_has_a_publication_date(world, make_plan, status):
    make_plan(status=status)
    assert _refused(published_at=datetime(2026, 3, 1, tzinfo=UTC))
    assert WorkPlan.objects.get().published_at is None


def test_a_published_plan_always_has_its_publication_date(world, make_plan):
    plan = make_plan(status=S.PUBLISHED)
    assert plan.published_at is not None  # dated when written as published
    assert _refused(published_at=None)
    assert not _refused(status=S.PUBLISHED, published_at=datetime(2026, 3, 1, tzinfo=UTC))
