"""The journey of a plan in a real browser, counting its page actions (`page_actions`): the Health secretariat
starts the year's plan from last year's on "My work", lands on the priority to link to the NSEDP, links it
and adds another in one submit, and sends the plan to the chair from its page; the chair approves from the
link in their notification; the secretariat submits from its own; the RTP Secretariat approves and
publishes in one action from its notification; an anonymous visitor reads the plan on the Health SWG's page
in Lao and in English."""

import pytest
import time_machine

from roundtable.conftest import browser_login
from roundtable.workplans.models import WorkPlan, WorkPlanStatus

from .page_actions import PageActions, link_in_last_email_to

pytestmark = pytest.mark.browser

NEW_LO = "ສ້າງຄວາມເຂັ້ມແຂງໃຫ້ລະບົບຂໍ້ມູນຂ່າວສານສາທາລະນະສຸກ"
NEW_EN = "Strengthen the health information system"
PLAN = "/workplans/health/2026/"
MOST_PAGE_ACTIONS = 12  # issue 9: the journey took 22


def _log_in_as(page, actions: PageActions, username: str) -> None:
    with actions.paused():
        page.context.clear_cookies()
        browser_login(page, username)


@time_machine.travel("2026-01-20 09:00 +07:00", tick=True)
def test_a_plan_goes_from_the_secretariat_to_the_public_page_in_few_page_actions(
    world, frameworks, make_plan, browser_page
):
    make_plan(status=WorkPlanStatus.PUBLISHED, year=2025)
    page = browser_page
    actions = PageActions(page)

    _log_in_as(page, actions, "health-secretariat")
    assert page.url.endswith("/lo/me/")  # after log-in: "My work"
    page.click(f"#my-workplans a[href$='{PLAN}new/']")
    page.check("input[name=start][value=previous]")
    page.click("form.card button[type=submit]")
    # Last year's priority came over without its link to the 9th NSEDP: the next step is to link it.
    page.wait_for_url("**/workplans/health/2026/priorities/*/")
    page.click("#picker-nsedp_outputs summary")
    page.check(f"input[name=nsedp_outputs][value='{frameworks.output.pk}']")
    page.click("#save-another")
    page.wait_for_url("**/workplans/health/2026/priorities/add/")
    page.fill("#id_title_lo", NEW_LO)
    page.fill("#id_title_en", NEW_EN)
    page.click("#picker-nsedp_outputs summary")
    page.check(f"input[name=nsedp_outputs][value='{frameworks.output2.pk}']")
    # The SDG filter narrows the list as one types (htmx); Enter in it filters and does not save.
    page.fill("#id_sdg_targets_q", "universal health")
    page.press("#id_sdg_targets_q", "Enter")
    page.wait_for_selector("#picker-sdg_targets-list p.muted")
    assert "/priorities/add/" in page.url
    page.check(f"input[name=sdg_targets][value='{frameworks.target.pk}']")
    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path="/tmp/workplan-priority-form-360.png", full_page=True)
    page.click("#save")
    page.wait_for_url("**/workplans/health/2026/#priorities")
    assert page.locator("#priorities").get_by_text(NEW_LO).count() == 1
    plan = WorkPlan.objects.get(year=2026)
    added = plan.priorities.get(title_lo=NEW_LO)
    assert list(added.sdg_targets.all()) == [frameworks.target]
    assert list(added.nsedp_outputs.all()) == [frameworks.output2]
    assert not plan.priorities.filter(nsedp_outputs__isnull=True).exists()
    page.click("button[formaction$='/step/send/']")
    page.wait_for_load_state()
    assert WorkPlan.objects.get(year=2026).status == WorkPlanStatus.WITH_CHAIR

    _log_in_as(page, actions, "health-chair")
    page.goto(link_in_last_email_to("health-chair@example.la", PLAN))
    page.click("button[formaction$='/step/chair_approve/']")
    page.wait_for_load_state()
    assert WorkPlan.objects.get(year=2026).status == WorkPlanStatus.CHAIR_APPROVED

    _log_in_as(page, actions, "health-secretariat")
    page.goto(link_in_last_email_to("health-secretariat@example.la", PLAN))
    page.click("button[formaction$='/step/submit/']")
    page.wait_for_load_state()
    assert WorkPlan.objects.get(year=2026).status == WorkPlanStatus.SUBMITTED

    _log_in_as(page, actions, "rtp")
    page.goto(link_in_last_email_to("rtp@example.la", PLAN))
    page.click("button[formaction$='/step/approve_publish/']")
    page.wait_for_load_state()
    plan = WorkPlan.objects.get(year=2026)
    assert plan.status == WorkPlanStatus.PUBLISHED
    assert [s.to_status for s in plan.steps.all()][-2:] == [WorkPlanStatus.APPROVED, WorkPlanStatus.PUBLISHED]

    assert actions.count <= MOST_PAGE_ACTIONS, "\n".join(actions.loads)
    print(f"work-plan journey: {actions.count} page actions")

    page.context.clear_cookies()
    for lang, title, heading in [("lo", NEW_LO, "ແຜນວຽກປະຈຳປີ 2026"), ("en", NEW_EN, "Annual work plan 2026")]:
        page.goto(f"/{lang}/groups/health/")
        page.click(f"#workplans a[href='/{lang}/workplans/health/2026/']")
        page.wait_for_url(f"**/{lang}/workplans/health/2026/")
        assert heading in page.locator("h1").inner_text()
        assert page.get_by_text(title).count() == 1
    page.screenshot(path="/tmp/workplan-public-360.png", full_page=True)
