"""The public home page: what is happening (next meetings, latest minutes and work plans, the groups), in a
fixed number of queries and under the page-weight budget, in both languages; and the human site map."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from roundtable.groups.models import Group
from roundtable.meetings.models import Meeting
from roundtable.minutes.models import Minutes, MinutesStatus, MinutesVersion
from roundtable.workplans.models import WorkPlan, WorkPlanStatus

pytestmark = pytest.mark.django_db

PAGE_WEIGHT_BUDGET = 100_000  # bytes of HTML


def meeting(group, days: int, *, public: bool = True, n: int = 0) -> Meeting:
    start = timezone.now() + timedelta(days=days)
    return Meeting.objects.create(
        group=group,
        kind="swg",
        title_lo=f"ກອງປະຊຸມ {n}",
        title_en=f"Meeting {n}",
        start=start,
        end=start + timedelta(hours=2),
        is_public=public,
    )


def published_minutes(group, n: int, days_ago: int = 10) -> Minutes:
    minutes = Minutes.objects.create(meeting=meeting(group, -days_ago, n=n))
    MinutesVersion.objects.create(
        minutes=minutes,
        language="lo",
        status=MinutesStatus.PUBLISHED,
        published_at=timezone.now() - timedelta(days=days_ago - 1),
    )
    return minutes


def grow(world, n: int, start: int = 0) -> None:
    """n more public meetings ahead, published minutes, published plans and groups."""
    for i in range(start, start + n):
        group = Group.objects.create(kind="swg", code=f"g{i}", name_en=f"Group {i}", name_lo=f"ກຸ່ມ {i}")
        meeting(group, days=i + 1, n=i)
        published_minutes(group, n=1000 + i)
        WorkPlan.objects.create(
            group=group, year=2026, status=WorkPlanStatus.PUBLISHED, published_at=timezone.now()
        )


def test_the_home_page_shows_the_next_public_meetings_soonest_first_and_no_private_one(world, client):
    later = meeting(world.health, days=20, n=2)
    sooner = meeting(world.education, days=3, n=1)
    private = meeting(world.health, days=5, public=False, n=3)
    past = meeting(world.health, days=-5, n=4)
    body = client.get("/en/").content.decode()
    section = body[body.index('id="next-meetings"') : body.index('id="latest-minutes"')]
    assert section.index(sooner.get_absolute_url()) < section.index(later.get_absolute_url())
    assert private.get_absolute_url() not in section and past.get_absolute_url() not in section
    assert "Meeting 1" in section and "Education" in section


def test_the_home_page_shows_the_latest_published_minutes_and_work_plans_newest_first(world, client):
    old = published_minutes(world.health, n=1, days_ago=30)
    new = published_minutes(world.education, n=2, days_ago=5)
    unpublished = Minutes.objects.create(meeting=meeting(world.health, -3, n=3))
    MinutesVersion.objects.create(minutes=unpublished, language="lo", status=MinutesStatus.SENT)
    now = timezone.now()
    plan_old = WorkPlan.objects.create(
        group=world.health, year=2025, status=WorkPlanStatus.PUBLISHED, published_at=now - timedelta(days=300)
    )
    plan_new = WorkPlan.objects.create(
        group=world.education, year=2026, status=WorkPlanStatus.PUBLISHED, published_at=now
    )
    draft = WorkPlan.objects.create(group=world.health, year=2026, status=WorkPlanStatus.SUBMITTED)
    body = client.get("/en/").content.decode()
    minutes = body[body.index('id="latest-minutes"') : body.index('id="latest-workplans"')]
    assert minutes.index(f"/en/minutes/{new.meeting_id}/") < minutes.index(f"/en/minutes/{old.meeting_id}/")
    assert f"/minutes/{unpublished.meeting_id}/" not in minutes
    plans = body[body.index('id="latest-workplans"') : body.index('id="swgs"')]
    assert plans.index('href="/en/workplans/education/2026/"') < plans.index(
        'href="/en/workplans/health/2025/"'
    )
    assert "Annual work plan 2026: Education" in plans
    assert draft.get_absolute_url().replace("/lo/", "/en/") not in plans
    assert plan_old.pk and plan_new.pk


def test_an_empty_site_says_so_in_each_block_in_both_languages(world, client):
    english = client.get("/en/").content.decode()
    for text in (
        "No public meeting is scheduled yet.",
        "No minutes are published yet.",
        "No work plan is published yet.",
    ):
        assert text in english
    lao = client.get("/lo/").content.decode()
    # Each block is there, empty, in Lao too (its words are translated with the others' at the end).
    assert lao.count('<p class="muted">') >= 3 and 'class="news"' not in lao


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_the_home_page_takes_the_same_few_queries_however_much_there_is(world, client, lang):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/{lang}/").status_code == 200
        return len(queries)

    grow(world, 2)
    few = count()
    grow(world, 20, start=2)
    assert count() == few <= 6


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_the_home_page_stays_under_the_page_weight_budget_with_much_data(world, client, lang):
    grow(world, 40)
    response = client.get(f"/{lang}/")
    assert len(response.content) < PAGE_WEIGHT_BUDGET
    body = response.content.decode()
    # Each list shows a few, and links to all.
    for block, everything in (
        ("next-meetings", f"/{lang}/meetings/calendar/"),
        ("latest-minutes", f"/{lang}/minutes/"),
        ("latest-workplans", f"/{lang}/workplans/"),
    ):
        start = body.index(f'id="{block}"')
        part = body[start : body.index("</section>", start)]
        assert part.count("<li>") == 5 and f'href="{everything}"' in part


def test_the_home_page_names_groups_and_meetings_in_the_pages_language(world, client):
    meeting(world.health, days=2, n=7)
    lao = client.get("/lo/").content.decode()
    section = lao[lao.index('id="next-meetings"') : lao.index('id="latest-minutes"')]
    assert "ກອງປະຊຸມ 7" in section and "ສາທາລະນະສຸກ" in section and "Meeting 7" not in section


def test_the_footer_links_to_the_site_map_page_which_lists_sections_and_groups(world, client):
    home = client.get("/en/").content.decode()
    assert 'href="/en/site-map/"' in home
    for lang in ("en", "lo"):
        response = client.get(f"/{lang}/site-map/")
        assert response.status_code == 200
        body = response.content.decode()
        for url in (
            f"/{lang}/groups/",
            f"/{lang}/minutes/",
            f"/{lang}/workplans/",
            f"/{lang}/groups/health/",
            f"/{lang}/groups/health-hpf/",
            f"/{lang}/workplans/health/",
            f"/{lang}/meetings/?group=health",
            f"/{lang}/data/",  # the open data page (it was the API's documentation)
            "/sitemap.xml",
        ):
            assert f'href="{url}"' in body, url
    assert "<h1>Site map</h1>" in client.get("/en/site-map/").content.decode()
    lao = client.get("/lo/site-map/").content.decode()
    assert "ສາທາລະນະສຸກ" in lao and ">Health<" not in lao


def test_the_site_map_lists_a_sub_swg_under_its_swg_and_no_inactive_group(world, client):
    Group.objects.create(kind="swg", code="closed", name_en="Closed", is_active=False)
    body = client.get("/en/site-map/").content.decode()
    assert "/en/groups/closed/" not in body
    health = body.index('href="/en/groups/health/"')
    assert health < body.index('href="/en/groups/health-hpf/"') < body.index("</ul>", health)
