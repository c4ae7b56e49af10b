"""In a phone-sized browser: the secretariat writes a decision, the chair approves, the RTP Secretariat
publishes, and an anonymous visitor reads the minutes; no page scrolls sideways at 360 px."""

import os

import pytest

from roundtable.conftest import browser_login
from roundtable.minutes.models import MinutesStatus

from .conftest import make_minutes, set_status, version_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("MINUTES_SCREENSHOTS")  # a folder to keep PNGs of each page, when set


def fits_phone(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{name} scrolls sideways by {overflow}px"


def test_the_minutes_cycle_on_a_phone(world, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    minutes = make_minutes(world)
    mid = minutes.meeting_id
    item = minutes.items.get(order=3)

    browser_login(page, "health-secretariat")
    page.goto(f"/lo/minutes/{mid}/edit/")
    fits_phone(page, "edit-lo")
    page.goto(f"/en/minutes/{mid}/items/{item.pk}/")
    page.fill("#id_d-1-text_en", "The sector budget plan is endorsed.")
    page.fill("#id_d-1-text_lo", "ທີ່ປະຊຸມຮັບຮອງແຜນງົບປະມານຂະແໜງການ")
    fits_phone(page, "item-edit-en")
    page.click(f"form[action$='/items/{item.pk}/'] button[type=submit]")
    page.wait_for_load_state()
    assert f"/en/minutes/{mid}/edit/" in page.url

    page.goto(f"/en/minutes/{mid}/?version=lo")
    fits_phone(page, "detail-secretariat-en")
    # Circulated from the editor, both languages at once (the English one held back here).
    page.goto(f"/en/minutes/{mid}/edit/")
    page.check("#circulate input[name=hold_back][value=en]")
    page.click("#circulate button[type=submit]")
    page.wait_for_load_state()
    assert version_of(minutes, "lo").status == MinutesStatus.CIRCULATED
    assert version_of(minutes, "en").status == MinutesStatus.DRAFT

    browser_login(page, "health-chair")
    page.goto(f"/lo/minutes/{mid}/?version=lo")
    page.click(f"main a[href='/lo/minutes/{mid}/step/approve/']")
    page.wait_for_load_state()
    fits_phone(page, "step-approve-lo")
    page.check("#step-form input[name=early]")  # the comments are welcome for a week yet
    page.click("#step-form button[type=submit]")
    page.wait_for_load_state()
    assert version_of(minutes, "lo").status == MinutesStatus.CHAIR_APPROVED
    set_status(version_of(minutes, "lo"), MinutesStatus.SENT)

    browser_login(page, "rtp")
    page.goto(f"/lo/minutes/{mid}/step/publish/")
    page.click("#step-form button[type=submit]")
    page.wait_for_load_state()
    assert version_of(minutes, "lo").status == MinutesStatus.PUBLISHED
    page.goto("/lo/minutes/actions/health/")
    fits_phone(page, "actions-lo")

    page.context.clear_cookies()
    page.goto("/lo/minutes/")
    fits_phone(page, "public-list-lo")
    page.click(f"a[href='/lo/minutes/{mid}/']")
    page.wait_for_load_state()
    assert "ທີ່ປະຊຸມຮັບຮອງແຜນງົບປະມານຂະແໜງການ" in page.content()
    fits_phone(page, "public-detail-lo")
    page.goto(f"/en/minutes/{mid}/")
    fits_phone(page, "public-detail-en")
