"""What a work plan holds is shown only where the plan may be shown. A priority of a draft, returned or
approved-but-unpublished plan is on no public surface of the platform (the group's pages, the frameworks its
priorities link to, the lists, the home page, "My work", the sitemap, the API), for a visitor or for a member
of another group; a published plan's are. A retired group's published plans stay public, but not its page."""

import pytest

from roundtable.groups.models import Group
from roundtable.workplans.models import WorkPlanStatus

from .conftest import add_priority

S = WorkPlanStatus
UNPUBLISHED = [S.DRAFT, S.WITH_CHAIR, S.CHAIR_APPROVED, S.SUBMITTED, S.RETURNED, S.APPROVED]
SURFACES = [
    "/en/",
    "/en/me/",
    "/en/groups/",
    "/en/groups/health/",
    "/en/groups/health-hpf/",
    "/en/frameworks/nsedp-10/",
    "/en/frameworks/sdg/",
    "/en/workplans/",
    "/en/workplans/health/",
    "/en/workplans/health-hpf/",
    "/sitemap.xml",
    "/api/v1/workplans/",
    "/api/v1/groups/",
    "/api/v1/groups/health/",
    "/api/v1/framework-items/?framework=nsedp-10",
]


def _everything(client) -> str:
    pages = []
    for url in SURFACES:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return "\n".join(pages)


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "other_member", "other_secretariat"])
def test_no_priority_of_an_unpublished_plan_is_shown_outside_the_group(
    world, make_plan, frameworks, client_for, persona
):
    published = make_plan(status=S.PUBLISHED, year=2025, ready=False)
    add_priority(published, frameworks.old_output, title_en="Published priority", title_lo="ບຸລິມະສິດ ເຜີຍແຜ່")
    published.priorities.get().sdg_targets.add(frameworks.target)
    hidden = []
    for year, status in enumerate(UNPUBLISHED, start=2026):
        for group in (world.health, world.health_sub):
            plan = make_plan(status=status, year=year, group=group, ready=False)
            title = f"Unpublished {status} {group.code}"
            hidden.append(title)
            priority = add_priority(plan, frameworks.output, title_en=title, title_lo=title)
            priority.sdg_targets.add(frameworks.target)
    everything = _everything(client_for(world.user(persona)))
    assert "Published priority" in everything
    assert not [title for title in hidden if title in everything]
    assert "/workplans/health/2026/" not in everything and "/workplans/health-hpf/2026/" not in everything


def test_the_group_sees_its_own_unpublished_plan_there(world, make_plan, frameworks, client_for):
    make_plan(status=S.RETURNED)
    page = client_for(world.user("member")).get("/en/groups/health/").content.decode()
    assert 'href="/en/workplans/health/2026/"' in page


@pytest.mark.parametrize("persona", ["anonymous", "other_member"])
def test_the_plans_page_of_a_retired_group_keeps_its_published_plans_but_does_not_link_its_page(
    world, make_plan, client_for, persona
):
    make_plan(status=S.PUBLISHED, year=2025)
    Group.objects.filter(pk=world.health.pk).update(is_active=False)
    client = client_for(world.user(persona))
    assert client.get("/en/groups/health/").status_code == 404
    page = client.get("/en/workplans/health/").content.decode()
    assert 'href="/en/workplans/health/2025/"' in page
    assert 'href="/en/groups/health/"' not in page


def test_the_rtp_secretariat_is_linked_to_the_retired_groups_page(world, make_plan, client_for):
    Group.objects.filter(pk=world.health.pk).update(is_active=False)
    page = client_for(world.user("rtp")).get("/en/workplans/health/").content.decode()
    assert 'href="/en/groups/health/"' in page


def test_the_public_list_does_not_name_a_retired_parent_swg(world, make_plan, client_for):
    make_plan(status=S.PUBLISHED, year=2025, group=world.health_sub)
    assert "(Health)" in client_for(None).get("/en/workplans/").content.decode()
    # Saved, not a queryset update (which sends no signal): the stored public pages go stale as in the app.
    world.health.is_active = False
    world.health.save(update_fields=["is_active"])
    page = client_for(None).get("/en/workplans/").content.decode()
    assert "Health Planning and Finance" in page and "(Health)" not in page
