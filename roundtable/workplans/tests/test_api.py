"""The work-plan API's filters: group and year, with a 400 naming the parameter for a value it cannot use."""

import pytest

from roundtable.workplans.models import WorkPlanStatus

S = WorkPlanStatus

pytestmark = pytest.mark.urls("roundtable.workplans.tests.api_urls")


def _plans(client, **params) -> list[tuple[str, int]]:
    response = client.get("/test-api/v1/workplans/", params)
    assert response.status_code == 200, response.content
    return [(row["group"], row["year"]) for row in response.json()["results"]]


def test_the_api_filters_published_plans_by_group_and_year(world, make_plan, client_for):
    make_plan(status=S.PUBLISHED, year=2025)
    make_plan(status=S.PUBLISHED, year=2026)
    make_plan(status=S.PUBLISHED, year=2026, group=world.education)
    make_plan(status=S.DRAFT, year=2027)
    client = client_for(None)
    assert _plans(client, group="health") == [("health", 2026), ("health", 2025)]
    assert sorted(_plans(client, year=2026)) == [("education", 2026), ("health", 2026)]
    assert _plans(client, group="education", year=2025) == []
    assert _plans(client, year=2027) == []


@pytest.mark.parametrize(
    ("param", "value"),
    [("year", "0"), ("year", "10000"), ("year", "abc"), ("group", "nothing"), ("page_size", "abc")],
)
def test_a_bad_value_is_a_400_naming_it(world, make_plan, client_for, param, value):
    make_plan(status=S.PUBLISHED, year=2025)
    response = client_for(None).get("/test-api/v1/workplans/", {param: value})
    assert response.status_code == 400
    assert list(response.json()) == [param]


def test_plans_come_fifty_a_page_like_every_list_of_the_api(world, make_plan, client_for):
    from roundtable.core.api import PublicPagination
    from roundtable.workplans.api import WorkPlanViewSet

    assert WorkPlanViewSet.pagination_class is PublicPagination
    make_plan(status=S.PUBLISHED, year=2025)
    body = client_for(None).get("/test-api/v1/workplans/", {"page_size": 1000}).json()
    assert body["count"] == 1 and body["next"] is None
