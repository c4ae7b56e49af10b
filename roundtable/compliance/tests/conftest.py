"""Fixtures of the compliance tests: the guideline's templates on top of the shared world, and helpers that
write the records a checklist reads (meetings, minutes, work plans, cycles) at the dates a test needs."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from roundtable.compliance.defaults import load_defaults
from roundtable.compliance.models import Obligation
from roundtable.groups.models import Group


def aware(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@pytest.fixture
def templates(db):
    load_defaults()


@pytest.fixture
def checklist_world(world, templates):
    """The world, with its groups existing since 2020 (the fixture creates them today)."""
    Group.objects.filter(pk__in=[world.health.pk, world.health_sub.pk, world.education.pk]).update(
        created_at=aware(date(2020, 1, 1))
    )
    return world


def obligation(kind: str, code: str) -> Obligation:
    return Obligation.objects.select_related("template").get(template__kind=kind, code=code)


def meeting(group, day: date, state: str = "held", is_public: bool = True):
    from roundtable.meetings.models import Meeting

    return Meeting.objects.create(
        group=group,
        kind="swg" if group.kind == "swg" else "subswg",
        title_en=f"{group.code} meeting {day}",
        start=aware(day),
        end=aware(day, 12),
        state=state,
        is_public=is_public,
    )


def minutes_version(meeting_obj, *, sent: date | None = None, published: date | None = None, language="lo"):
    from roundtable.minutes.models import Minutes, MinutesVersion

    minutes, _created = Minutes.objects.get_or_create(meeting=meeting_obj)
    status = "published" if published else ("sent" if sent else "draft")
    return MinutesVersion.objects.create(
        minutes=minutes,
        language=language,
        status=status,
        sent_to_rtp_at=aware(sent) if sent else None,
        published_at=aware(published) if published else None,
    )


def workplan(group, year: int, *, submitted: date | None = None, published: date | None = None):
    from roundtable.workplans.models import WorkPlan

    status = "published" if published else ("submitted" if submitted else "draft")
    return WorkPlan.objects.create(
        group=group,
        year=year,
        status=status,
        submitted_at=aware(submitted) if submitted else None,
        published_at=aware(published) if published else None,
    )
