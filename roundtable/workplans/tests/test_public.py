"""What the public sees: published plans on their page, in the list, the exports, the API, the sitemap and the
group page, in Lao and English; drafts nowhere."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.core.tests.sitemaps import sitemap_text
from roundtable.workplans.models import WorkPlanStatus

from .conftest import PRIORITY_LO

S = WorkPlanStatus
UNPUBLISHED = [S.DRAFT, S.WITH_CHAIR, S.CHAIR_APPROVED, S.SUBMITTED, S.RETURNED, S.APPROVED]


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_a_published_plan_is_on_its_public_page_in_both_languages(world, make_plan, client_for, lang):
    make_plan(status=S.PUBLISHED)
    page = client_for(None).get(f"/{lang}/workplans/health/2026/").content.decode()
    assert (PRIORITY_LO if lang == "lo" else "Better primary health care") in page
    assert ("ສາທາລະນະສຸກ" if lang == "lo" else "Health") in page
    assert "dara.private@example.la" not in page


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("role", ["anonymous", "outsider", "other_member", "other_secretariat"])
def test_an_unpublished_plan_is_not_shown_outside_the_group(world, make_plan, client_for, status, role):
    make_plan(status=status)
    client = client_for(world.user(role))
    assert client.get("/lo/workplans/health/2026/").status_code == 404
    for fmt in ("docx", "xlsx", "pdf"):
        assert client.get(f"/lo/workplans/health/2026/export.{fmt}").status_code == 404
    assert PRIORITY_LO not in client.get("/lo/workplans/").content.decode()
    assert "/workplans/health/2026/" not in client.get("/lo/groups/health/").content.decode()


@pytest.mark.parametrize("role", ["member", "secretariat", "chair", "cochair", "rtp"])
def test_the_group_and_the_rtp_secretariat_see_the_draft(world, make_plan, client_for, role):
    make_plan()
    response = client_for(world.user(role)).get("/en/workplans/health/2026/")
    assert response.status_code == 200
    assert "This plan is not published" in response.content.decode()


def test_drafts_are_not_in_the_sitemap(world, make_plan, client_for):
    make_plan(status=S.PUBLISHED, year=2025)
    make_plan(status=S.APPROVED, year=2026)
    xml = sitemap_text(client_for(None))
    assert "/lo/workplans/health/2025/" in xml and "/en/workplans/health/2025/" in xml
    assert "/workplans/health/2026/" not in xml


@pytest.mark.urls("roundtable.workplans.tests.api_urls")
def test_the_api_lists_published_plans_only_with_links_and_exports(world, make_plan, frameworks, client_for):
    make_plan(status=S.PUBLISHED, year=2025)
    make_plan(status=S.SUBMITTED, year=2026)
    data = client_for(None).get("/test-api/v1/workplans/").json()
    assert data["count"] == 1
    plan = data["results"][0]
    assert (plan["group"], plan["year"], plan["status"]) == ("health", 2025, "published")
    assert plan["priorities"][0]["title_lo"] == PRIORITY_LO
    link = plan["priorities"][0]["nsedp_outputs"][0]
    assert (link["framework"], link["code"], link["title_en"]) == ("nsedp-9", "2.3", "Health services")
    assert plan["url"] == "http://testserver/lo/workplans/health/2025/"
    assert plan["url_en"] == "http://testserver/en/workplans/health/2025/"
    assert plan["exports"]["pdf"] == "http://testserver/lo/workplans/health/2025/export.pdf"
    assert client_for(None).get(plan["exports"]["docx"]).status_code == 200
    assert client_for(None).get("/test-api/v1/workplans/?year=2026").json()["count"] == 0


@pytest.mark.urls("roundtable.workplans.tests.api_urls")
def test_the_api_does_not_give_an_unpublished_plan_by_id(world, make_plan, client_for):
    plan = make_plan(status=S.APPROVED)
    assert client_for(world.user("rtp")).get(f"/test-api/v1/workplans/{plan.pk}/").status_code == 404


def _many_plans(world, frameworks, make_plan, n: int):
    from roundtable.groups.models import Group

    for i in range(n):
        group = Group.objects.create(kind="swg", code=f"g{i}-{n}", name_en=f"Group {i}", name_lo=f"ກຸ່ມ {i}")
        plan = make_plan(status=S.PUBLISHED, group=group)
        plan.priorities.get().sdg_targets.add(frameworks.target)
        plan.planned_meetings.create(group=group, date="2026-03-03")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.urls("roundtable.workplans.tests.api_urls")
def test_lists_take_the_same_number_of_queries_for_3_and_30_plans(world, frameworks, make_plan, client_for):
    client = client_for(None)
    _many_plans(world, frameworks, make_plan, 3)
    few = [
        _count(client, url)
        for url in ("/lo/workplans/", "/test-api/v1/workplans/", "/lo/workplans/?year=2026")
    ]
    _many_plans(world, frameworks, make_plan, 27)
    many = [
        _count(client, url)
        for url in ("/lo/workplans/", "/test-api/v1/workplans/", "/lo/workplans/?year=2026")
    ]
    assert few == many


def test_the_group_page_shows_published_plans_and_the_draft_only_to_the_group(world, make_plan, client_for):
    make_plan(status=S.PUBLISHED, year=2025)
    make_plan(status=S.RETURNED, year=2026)
    public = client_for(None).get("/en/groups/health/").content.decode()
    assert "/en/workplans/health/2025/" in public and "/en/workplans/health/2026/" not in public
    member = client_for(world.user("secretariat")).get("/en/groups/health/").content.decode()
    assert "/en/workplans/health/2026/" in member and "Returned with comments" in member
