"""On a 360-pixel phone, no page of the meetings app scrolls sideways, in Lao or in English (the
private calendar link, a long unbreakable address, used to widen its page)."""

import pytest
from django.urls import reverse

from roundtable.conftest import browser_login
from roundtable.meetings import services

from .conftest import make_meeting, officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariats_meeting_pages_fit_a_phone_in_both_languages(world, browser_page):
    meeting = make_meeting(world.health, days=3, public=True, title_en="Health SWG, second quarter")
    services.participants_invite(actor=officer(), meeting=meeting, stakeholders=True, notify=False)
    services.walk_in_add(
        actor=officer(),
        meeting=meeting,
        name="A walk-in guest",
        email="a.very.long.address.of.a.guest@example.la",
    )
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    browser_login(page, "health-secretariat")
    paths = [
        reverse("meetings:list"),
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("meetings:edit", args=[meeting.pk]),
        reverse("meetings:state", args=[meeting.pk]),
        reverse("meetings:agenda_add", args=[meeting.pk]),
        reverse("meetings:document_add", args=[meeting.pk]),
        reverse("meetings:invite", args=[meeting.pk]),
        reverse("meetings:participants", args=[meeting.pk]),
        reverse("meetings:calendar"),
        reverse("meetings:calendar_list"),
        reverse("meetings:feed_link"),
        reverse("meetings:answer", args=[meeting.participants.first().token]),
    ]
    for lang in ("lo", "en"):
        for path in paths:
            page.goto(path.replace("/lo/", f"/{lang}/"))
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, (lang, path)
