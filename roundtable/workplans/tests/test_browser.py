"""The journey of a plan in a real browser: the Health secretariat starts the year's plan from last year's,
adds a priority linked to an NSEDP output and sends it; the chair approves; the RTP Secretariat approves and
publishes; an anonymous visitor reads it on the Health SWG's page in Lao and in English."""

import pytest
import time_machine

from roundtable.conftest import browser_login
from roundtable.workplans.models import WorkPlan, WorkPlanStatus

pytestmark = pytest.mark.browser

NEW_LO = "ສ້າງຄວາມເຂັ້ມແຂງໃຫ້ລະບົບຂໍ້ມູນຂ່າວສານສາທາລະນະສຸກ"
NEW_EN = "Strengthen the health information system"


def _logout(page) -> None:
    page.context.clear_cookies()


@time_machine.travel("2026-01-20 09:00 +07:00", tick=True)
def test_a_plan_goes_from_the_secretariat_to_the_public_page(world, frameworks, make_plan, browser_page):
    make_plan(status=WorkPlanStatus.PUBLISHED, year=2025)
    page = browser_page

    browser_login(page, "health-secretariat")
    page.goto("/lo/workplans/health/")
    page.click("a[href$='/workplans/health/2026/new/']")
    page.check("input[name=start][value=previous]")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/workplans/health/2026/")
    # Last year's priority came over, but its link to the 9th NSEDP did not: link it to the 10th.
    assert "ແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ" in page.locator("#problems").inner_text()
    page.click("#priorities a[href*='/priorities/']:not([href$='/add/'])")
    page.click("#picker-nsedp_outputs summary")
    page.check(f"input[name=nsedp_outputs][value='{frameworks.output.pk}']")
    page.click("#save")
    page.wait_for_url("**/workplans/health/2026/#priorities")
    page.click("a[href$='/priorities/add/']")
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
    added = WorkPlan.objects.get(year=2026).priorities.get(title_lo=NEW_LO)
    assert list(added.sdg_targets.all()) == [frameworks.target]
    assert list(added.nsedp_outputs.all()) == [frameworks.output2]
    page.click("button[formaction$='/step/send/']")
    page.wait_for_load_state()
    assert WorkPlan.objects.get(year=2026).status == WorkPlanStatus.WITH_CHAIR

    _logout(page)
    browser_login(page, "health-chair")
    page.goto("/lo/workplans/health/2026/")
    page.click("button[formaction$='/step/chair_approve/']")
    page.wait_for_load_state()
    _logout(page)
    browser_login(page, "health-secretariat")
    page.goto("/lo/workplans/health/2026/")
    page.click("button[formaction$='/step/submit/']")
    page.wait_for_load_state()
    _logout(page)
    browser_login(page, "rtp")
    page.goto("/lo/workplans/health/2026/")
    page.click("button[formaction$='/step/approve/']")
    page.wait_for_load_state()
    page.click("button[formaction$='/step/publish/']")
    page.wait_for_load_state()
    assert WorkPlan.objects.get(year=2026).status == WorkPlanStatus.PUBLISHED

    _logout(page)
    for lang, title, heading in [("lo", NEW_LO, "ແຜນວຽກປະຈຳປີ 2026"), ("en", NEW_EN, "Annual work plan 2026")]:
        page.goto(f"/{lang}/groups/health/")
        page.click(f"#workplans a[href='/{lang}/workplans/health/2026/']")
        page.wait_for_url(f"**/{lang}/workplans/health/2026/")
        assert heading in page.locator("h1").inner_text()
        assert page.get_by_text(title).count() == 1
    page.screenshot(path="/tmp/workplan-public-360.png", full_page=True)
