from pathlib import Path

import pytest
from playwright.sync_api import expect

from roundtable.conftest import browser_login
from roundtable.directory.models import Membership, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def test_health_secretariat_adds_a_person_finds_them_and_reads_the_list_in_english(world, browser_page):
    page = browser_page
    browser_login(page, "health-secretariat")
    page.goto("/lo/groups/health/")
    page.click("a[href='/lo/directory/groups/health/stakeholders/']")
    assert page.locator("h1").inner_text() == "ລາຍຊື່ພາກສ່ວນກ່ຽວຂ້ອງ"

    page.click("a[href='/lo/directory/groups/health/stakeholders/add/']")
    # htmx (a deferred script) must have taken the page before typing: on a loaded machine the text could
    # arrive first, and then no search is made.
    page.wait_for_load_state("load")
    # Typing in the picker's search box brings matching people in as choices (htmx, no page load).
    page.fill("#id_find", "ຄຳຫຼ້າ")
    page.wait_for_selector("#person-choices input[name=person]:not([value=''])")
    assert "ຄຳຫຼ້າ ອິນທະວົງ" in page.locator("#person-choices").inner_text()
    assert "find=" in page.url
    page.click("summary")  # "Or a new person"
    page.fill("#id_name_lo", "ແສງເດືອນ ພົມມະວົງ")
    page.fill("#id_name_en", "Sengdeuane Phommavong")
    page.fill("#id_position", "Technical officer")
    page.select_option("#id_person_organisation", label="ອົງການອະນາໄມໂລກ")
    page.fill("#id_email", "sengdeuane@example.la")
    page.fill("#id_phone", "+856 20 5555 7777")
    page.click("#add-person button[type=submit]")
    page.wait_for_url("**/lo/directory/groups/health/stakeholders/")
    person = Person.objects.get(email="sengdeuane@example.la")
    assert Membership.objects.current().filter(person=person, group=world.health).exists()

    # Typing in the search box filters the list in place (htmx; without JavaScript the form GETs the page).
    page.fill("#id_q", "ແສງເດືອນ")
    # A locator, not wait_for_function: that evaluates a string, which the Content-Security-Policy forbids.
    expect(page.locator("#results tbody tr")).to_have_count(1)
    results = page.locator("#results tbody tr")
    assert "q=" in page.url  # the filtered list has its own address, to share or reload
    assert "ແສງເດືອນ ພົມມະວົງ" in results.first.inner_text()
    assert "sengdeuane@example.la" in results.first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "stakeholders-lo.png"), full_page=True)

    # The header's language switcher keeps the person on the same page, now in English.
    page.click("nav.lang a[hreflang=en]")
    page.wait_for_url("**/en/directory/groups/health/stakeholders/**")
    assert page.locator("h1").inner_text() == "Stakeholder list"
    assert "Sengdeuane Phommavong" in page.locator("#results").inner_text()
    page.screenshot(path=str(ARTIFACTS / "stakeholders-en.png"), full_page=True)
