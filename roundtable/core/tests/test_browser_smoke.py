import pytest

from roundtable.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_logs_in_through_the_browser_and_lands_on_their_work(world, browser_page):
    browser_login(browser_page, "health-secretariat")
    assert "/lo/me/" in browser_page.url
