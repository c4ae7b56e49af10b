"""A group's progress report shows the indicators the group owns (frameworks.indicators.indicators_for_group,
included in the report page): the published values for everyone, the unpublished ones for their owner."""

from decimal import Decimal

import pytest
from django.urls import reverse

from roundtable.frameworks.indicator_models import ValueState
from roundtable.frameworks.indicators import indicators_for_group

# The reports' own fixtures (a cycle open for 2026, a report moved by the services), asked for by name.
from roundtable.reports.tests.conftest import make_report, reporting  # noqa: F401

from .indicator_world import YEARS

pytestmark = pytest.mark.django_db


def test_a_group_has_the_indicators_it_owns_with_the_values_a_reader_may_see(world, values):
    public = indicators_for_group(world.health, YEARS[ValueState.PUBLISHED])
    assert [row.indicator.item.code for row in public] == ["1b"]
    assert [v.year for v in public[0].values] == [YEARS[ValueState.PUBLISHED]]
    assert public[0].value_of_year.value == Decimal("60")
    owner = indicators_for_group(world.health, 2019, user=world.user("secretariat"))
    assert len(owner[0].values) == len(YEARS)
    outsider = indicators_for_group(world.health, 2019, user=world.user("other_secretariat"))
    assert [v.year for v in outsider[0].values] == [YEARS[ValueState.PUBLISHED]]
    assert indicators_for_group(world.education, 2019) == []


def test_the_progress_report_page_shows_the_groups_indicators(world, values, client_for, request):
    start_report = request.getfixturevalue("make_report")
    report = start_report()
    path = reverse("reports:report", args=[report.cycle.code, report.group.code])
    body = client_for(world.user("secretariat")).get(path).content.decode()
    assert 'id="indicators"' in body
    assert "/frameworks/vd-2016/indicators/1b/" in body
    assert f"{YEARS[ValueState.DRAFT]}: 64" in body  # its own draft, labelled as such
    other = start_report(group=world.education)
    path = reverse("reports:report", args=[other.cycle.code, other.group.code])
    assert 'id="indicators"' not in client_for(world.user("other_secretariat")).get(path).content.decode()


def test_the_group_page_shows_the_indicators_the_group_owns(world, values, client_for):
    page = world.health.get_absolute_url()
    public = client_for(None).get(page)
    assert public.status_code == 200
    body = public.content.decode()
    assert 'id="indicators"' in body and "/frameworks/vd-2016/indicators/1b/" in body
    assert f"{YEARS[ValueState.DRAFT]}: 64" not in body
    own = client_for(world.user("secretariat")).get(page).content.decode()
    assert f"{YEARS[ValueState.DRAFT]}: 64" in own
    assert 'id="indicators"' not in client_for(None).get(world.education.get_absolute_url()).content.decode()
