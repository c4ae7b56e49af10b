"""The journey of a progress report in a real browser, counting its page actions (`PageActions`): the Health
secretariat starts its report from the cycle's page and finds the facts pre-filled, writes its judgement in
Lao (the overview, each priority's progress, the follow-up of the recommendation) and sends it to the chair;
the chair approves; the secretariat submits; the RTP Secretariat accepts, compiles the report and publishes
the cycle; an anonymous visitor downloads the compiled report in Lao and in English from the meeting page."""

import io

import pdfplumber
import pytest
import time_machine

from roundtable.conftest import browser_login
from roundtable.reports.facts import compute_facts
from roundtable.reports.models import CycleStatus, ProgressReport, ReportStatus
from roundtable.workplans.tests.page_actions import PageActions

pytestmark = pytest.mark.browser

OVERVIEW_LO = "ປີນີ້ ຂະແໜງສາທາລະນະສຸກ ໄດ້ຂະຫຍາຍການບໍລິການສາທາລະນະສຸກຂັ້ນພື້ນຖານ ໄປສູ່ທຸກແຂວງ."
PROGRESS_LO = "ສຳເລັດຕາມແຜນ."
FOLLOW_UP_LO = "ງົບປະມານແຫ່ງລັດ ໄດ້ເພີ່ມສ່ວນແບ່ງ ສຳລັບສາທາລະນະສຸກ."
CYCLE = "/round-table/rtim-2026/"
REPORT = CYCLE + "reports/health/"
MOST_PAGE_ACTIONS = 27  # as measured when the journey was written: a step more is a regression


def _log_in_as(page, actions: PageActions, username: str) -> None:
    with actions.paused():
        page.context.clear_cookies()
        browser_login(page, username)


def _take_step(page, name: str) -> None:
    """Click the step's button on the report's page; a step that asks first is confirmed."""
    page.click(f"#steps-form button[value={name}]")
    page.wait_for_load_state()
    if page.locator("input[name=confirmed]").count():
        page.click("form.card button[type=submit]")
        page.wait_for_load_state()


def _pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


@time_machine.travel("2026-12-10 09:00 +07:00", tick=True)
def test_a_report_goes_from_the_secretariat_to_the_public_compiled_report(
    world, reporting, records, browser_page
):
    reporting.cycle.groups.set([world.health])  # the one group of this journey
    page = browser_page
    actions = PageActions(page)

    # The group's secretariat starts its report and finds the facts written from the records.
    _log_in_as(page, actions, "health-secretariat")
    page.goto(f"/lo{CYCLE}")
    page.click("#my-report form button[type=submit]")
    page.wait_for_url(f"**/lo{REPORT}*")
    facts = compute_facts(world.health, 2026)
    held = page.locator("#facts-meetings").inner_text()
    assert facts["meetings"]["held"] > 0
    assert all(str(q) in held for q in facts["meetings"]["quarters"])
    assert page.locator("#facts-attendance").inner_text().count(str(facts["attendance"]["total"])) >= 1

    # Its judgement, in Lao.
    page.click(f"a[href$='{REPORT}edit/']")
    page.fill("#id_overview_lo", OVERVIEW_LO)
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/lo{REPORT}*")
    for number in range(len(reporting.priorities)):
        page.locator("#priorities a[href*='/priorities/']").nth(number).click()
        page.select_option("#id_status", "completed")
        page.fill("#id_narrative_lo", PROGRESS_LO)
        page.click("form.card button[type=submit]")
        page.wait_for_url(f"**/lo{REPORT}*")
    page.click("a[href*='/follow-up/']")
    page.select_option("#id_status", index=1)
    page.fill("#id_text_lo", FOLLOW_UP_LO)
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/lo{REPORT}*")
    assert OVERVIEW_LO in page.locator("#text").inner_text()
    _take_step(page, "send")

    _log_in_as(page, actions, "health-chair")
    page.goto(f"/lo{REPORT}")
    _take_step(page, "chair_approve")

    _log_in_as(page, actions, "health-secretariat")
    page.goto(f"/lo{REPORT}")
    _take_step(page, "submit")
    assert ProgressReport.objects.get(group=world.health).status == ReportStatus.SUBMITTED

    # The RTP Secretariat accepts, compiles and publishes the cycle.
    _log_in_as(page, actions, "rtp")
    page.goto(f"/lo{REPORT}")
    _take_step(page, "accept")
    page.goto(f"/lo{CYCLE}")
    page.click(f"form[action$='{CYCLE}compile/'] button")
    page.wait_for_load_state()
    page.goto(f"/lo{CYCLE}")
    page.click(f"a[href$='{CYCLE}publish/']")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    reporting.cycle.refresh_from_db()
    assert reporting.cycle.status == CycleStatus.PUBLISHED

    # An anonymous visitor downloads the compiled report in Lao and in English.
    with actions.paused():
        page.context.clear_cookies()
    texts = {}
    for lang in ("lo", "en"):
        page.goto(f"/{lang}{CYCLE}")
        with page.expect_download() as download:
            page.click(f"#compiled a[href$='compiled.pdf'][hreflang={lang}]")
        texts[lang] = _pdf_text(open(download.value.path(), "rb").read())  # noqa: SIM115
    assert world.health.name_lo in texts["lo"] and "Compiled report" not in texts["lo"]
    assert world.health.name_en in texts["en"] and "Compiled report of the progress reports" in texts["en"]
    print(f"\nPage actions of the progress report's journey: {actions.count}")
    for load in actions.loads:
        print("  ", load)
    assert actions.count <= MOST_PAGE_ACTIONS, actions.loads
