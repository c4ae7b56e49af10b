"""A framework too large for one page (the SDGs' 417 items made 296 KB) is shown one top-level part a page."""

import pytest

from roundtable.frameworks.models import Framework, FrameworkItem, make_sort_key
from roundtable.frameworks.views import BRANCH_PAGE_ITEMS

pytestmark = pytest.mark.django_db


def _item(framework, parent, level, code, title):
    return FrameworkItem(
        framework=framework,
        parent=parent,
        level=level,
        code=code,
        sort_key=make_sort_key(code),
        title_en=title,
        title_lo=title,
    )


@pytest.fixture
def sdgs():
    framework = Framework.objects.create(kind="sdg", code="sdg", name_en="SDGs", name_lo="SDGs")
    goals = FrameworkItem.objects.bulk_create(
        [_item(framework, None, "goal", str(g), f"Goal number {g}") for g in range(1, 18)]
    )
    targets = FrameworkItem.objects.bulk_create(
        [
            _item(framework, goal, "target", f"{goal.code}.{t}", f"Target {goal.code}.{t}")
            for goal in goals
            for t in (1, 2, 3, 4, 5)
        ]
    )
    FrameworkItem.objects.bulk_create(
        [
            _item(framework, target, "indicator", f"{target.code}.1", f"Indicator {target.code}.1")
            for target in targets
        ]
    )
    assert FrameworkItem.objects.count() > BRANCH_PAGE_ITEMS
    return framework


def test_a_large_framework_lists_its_parts_with_their_sizes(world, client, sdgs):
    body = client.get("/en/frameworks/sdg/").content.decode()
    assert "Goal number 17" in body and "10 items" in body and 'href="?part=17"' in body
    assert "Target 3.1" not in body and "Indicator 3.1.1" not in body


def test_a_part_shows_its_whole_branch_and_nothing_else(world, client, sdgs):
    body = client.get("/en/frameworks/sdg/?part=3").content.decode()
    assert "Target 3.1" in body and "Indicator 3.5.1" in body and 'id="item-3.2.1"' in body
    assert "Target 4.1" not in body and "Indicator 17.1.1" not in body
    assert '<strong aria-current="page">3</strong>' in body


def test_an_unknown_part_shows_the_list_of_parts(world, client, sdgs):
    response = client.get("/en/frameworks/sdg/?part=99")
    assert response.status_code == 200 and "Goal number 1" in response.content.decode()


def test_a_small_framework_is_still_one_page(world, client):
    framework = Framework.objects.create(kind="nsedp", code="small", name_en="Small plan")
    outcome = FrameworkItem.objects.create(framework=framework, level="outcome", code="1", title_en="Growth")
    FrameworkItem.objects.create(
        framework=framework, parent=outcome, level="output", code="1.1", title_en="Jobs"
    )
    body = client.get("/en/frameworks/small/").content.decode()
    assert "Growth" in body and "Jobs" in body and "?part=" not in body
