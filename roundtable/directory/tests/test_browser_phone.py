"""On a 360-pixel phone, a long email or web address wraps instead of widening the page."""

import pytest

from roundtable.conftest import browser_login
from roundtable.directory.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_EMAIL = "phetsamone.souvannasy.department.of.planning@example.la"
LONG_WEBSITE = "https://www.who.int/laos/about/country-office/programmes-and-partnerships"


def test_person_and_organisation_pages_fit_a_phone_in_both_languages(world, browser_page):
    Person.objects.filter(pk=world.people["stakeholder"].pk).update(email=LONG_EMAIL)
    world.who.website = LONG_WEBSITE
    world.who.save()
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    browser_login(page, "health-secretariat")
    for lang in ("lo", "en"):
        for path in (world.people["stakeholder"].get_absolute_url(), world.who.get_absolute_url()):
            page.goto(path.replace("/lo/", f"/{lang}/"))
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.goto(world.people["stakeholder"].get_absolute_url())
    assert LONG_EMAIL in page.locator("dl.facts").inner_text()  # shown (wrapped), not cut off
