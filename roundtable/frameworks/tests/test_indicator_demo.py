"""The monitoring demo: the 13 GPEDC indicators with baselines and targets, values in every state of their
review, owners that are the demo's groups (whose secretariat accounts may enter their values), loaded again
without change."""

import io

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import override_settings

from roundtable.directory import demo as directory_demo
from roundtable.frameworks import demo as frameworks_demo
from roundtable.frameworks import permissions
from roundtable.frameworks.indicator_models import Indicator, IndicatorValue, ValueState
from roundtable.frameworks.models import FrameworkItem
from roundtable.frameworks.owners import owner_directory
from roundtable.groups import demo as groups_demo

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

MD5_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


def load() -> str:
    out = io.StringIO()
    frameworks_demo.load(out)
    directory_demo.load(out)
    groups_demo.load(out)
    return out.getvalue()


def counts() -> tuple:
    return (
        Indicator.objects.count(),
        IndicatorValue.objects.count(),
        Indicator.history.count(),
        IndicatorValue.history.count(),
        FrameworkItem.objects.filter(framework__code="vdcap-2016").count(),
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[MD5_HASHER]), transaction.atomic():
        load()
        first = counts()
        output = load()
        yield first, counts(), output
        transaction.set_rollback(True)


def test_the_demo_loads_again_without_change(demo):
    first, second, output = demo
    assert first == second
    assert "indicator values: 0 created" in output


def test_the_demo_has_every_indicator_with_a_baseline_a_target_and_values_in_every_state(demo):
    assert Indicator.objects.count() == 13
    assert not Indicator.objects.filter(baseline_value__isnull=True).exists()
    assert not Indicator.objects.filter(target_value__isnull=True).exists()
    states = set(IndicatorValue.objects.values_list("state", flat=True))
    assert states == set(ValueState.values)
    returned = IndicatorValue.objects.filter(state=ValueState.RETURNED)
    assert all(value.review_comment for value in returned)
    assert not IndicatorValue.objects.filter(state=ValueState.PUBLISHED, published_at__isnull=True).exists()


def test_the_demo_ships_the_vdcap_actions_marked_illustrative(demo):
    actions = FrameworkItem.objects.filter(framework__code="vdcap-2016")
    assert actions.count() == 14 and all(action.illustrative for action in actions)


def test_the_demos_owners_are_its_groups_and_their_secretariats_may_enter_values(demo):
    codes = set(Indicator.objects.exclude(owner_code="").values_list("owner_code", flat=True))
    assert codes == {"macro", "trade", "governance"}
    assert set(owner_directory().groups_by_code(codes)) == codes
    assert Indicator.objects.filter(owner_code="").exists()  # and the RTP Secretariat reports the rest
    indicator = Indicator.objects.get(item__code="3")
    secretariat = User.objects.get(username="trade-secretariat")
    assert permissions.can_enter_values(secretariat, indicator)
    assert not permissions.can_enter_values(User.objects.get(username="health-secretariat"), indicator)
    assert permissions.can_enter_values(
        User.objects.get(username="rtp"), Indicator.objects.get(item__code="4")
    )
