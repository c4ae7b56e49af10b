"""The whole meeting cycle of issue 4 in a browser, through the pages only, as the people who do it.

The Health SWG's secretariat schedules a meeting and invites the stakeholder list; an invitee answers
from the link in their email without logging in; after the meeting (the clock moves past it) the
secretariat ticks who attended and writes the minutes, in Lao and English, with a decision and an
action point; each language version is circulated, approved by the chair, sent to the RTP
Secretariat and published by it; an anonymous visitor on a phone finds the minutes in Lao and in
English with the decision and no personal contact details; the next meeting's agenda brings the open
action point back.
"""

import re
from datetime import datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from roundtable.conftest import browser_login
from roundtable.meetings.models import Meeting, MeetingState, Participant, Response
from roundtable.minutes.models import ActionPoint, Minutes, MinutesStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"

TITLE_LO = "ກອງປະຊຸມໜ່ວຍງານຂະແໜງການສາທາລະນະສຸກ ໄຕມາດທີ 3"
TITLE_EN = "Health SWG, third quarter"
ITEM_LO = "ແຜນງົບປະມານຂະແໜງສາທາລະນະສຸກ"
ITEM_EN = "Health sector budget plan"
DECISION_LO = "ທີ່ປະຊຸມຮັບຮອງແຜນງົບປະມານຂະແໜງສາທາລະນະສຸກ"
DECISION_EN = "The meeting endorses the health sector budget plan."
ACTION_LO = "ສົ່ງບົດລາຍງານການເບີກຈ່າຍງົບປະມານໃຫ້ກອງເລຂາ"
ACTION_EN = "Send the budget execution report to the secretariat"

# Contact details of the world's people that must never reach a public page.
PRIVATE = ["@example.la", "dara.private", "+856", "9999 1234", "5555 0000"]


def submit(page, form_selector: str) -> None:
    """Press the submit button of one form of the page's main content (the header has a logout form)."""
    page.click(f"main {form_selector} button[type=submit]")
    page.wait_for_load_state()


def open_as(page, base_url: str, username: str | None, width: int = 1200):
    """A fresh browser context (own cookies) for another person, logged in unless anonymous."""
    context = page.context.browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    context.set_default_timeout(15000)
    other = context.new_page()
    if username:
        browser_login(other, username)
    return other


def take_step(page, meeting_id: int, lang: str, step: str) -> None:
    """On the minutes page of one language version, press the button of one step."""
    page.goto(f"/lo/minutes/{meeting_id}/?version={lang}")
    submit(page, f"form[action='/lo/minutes/{meeting_id}/{lang}/step/{step}/']")
    assert f"?version={lang}" in page.url


def local_input(value: datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_a_meeting_from_invitation_to_published_minutes_and_the_next_agenda(world, browser_page, live_server):
    ARTIFACTS.mkdir(exist_ok=True)
    secretariat = browser_page
    tz = timezone.get_current_timezone()
    meeting_day = timezone.localdate() + timedelta(days=7)
    start = datetime.combine(meeting_day, time(9, 0), tzinfo=tz)
    end = start + timedelta(hours=3)

    # --- The secretariat schedules the meeting from the meetings page.
    browser_login(secretariat, "health-secretariat")
    secretariat.click("nav.main-nav a[href='/lo/meetings/']")
    secretariat.click("main a[href='/lo/meetings/new/']")
    secretariat.click("main a[href='/lo/meetings/new/?group=health']")
    secretariat.fill("input[name=title_lo]", TITLE_LO)
    secretariat.fill("input[name=title_en]", TITLE_EN)
    secretariat.fill("input[name=start]", local_input(start))
    secretariat.fill("input[name=end]", local_input(end))
    secretariat.fill("input[name=venue]", "Ministry of Health, Vientiane")
    secretariat.select_option("select[name=chair_person]", str(world.people["chair"].pk))
    secretariat.check("input[name=is_public]")
    submit(secretariat, "form[method=post]")
    match = re.search(r"/lo/meetings/(\d+)/$", secretariat.url)
    assert match, f"not on the new meeting's page: {secretariat.url}"
    meeting_id = int(match.group(1))
    meeting = Meeting.objects.get(pk=meeting_id)
    assert (meeting.group, meeting.title_en, meeting.start, meeting.state) == (
        world.health,
        TITLE_EN,
        start,
        MeetingState.SCHEDULED,
    )
    # The standing items come first: the previous minutes and the review of open action points.
    assert secretariat.locator("#agenda ol.agenda > li").count() == 2

    # --- An agenda item of substance.
    secretariat.click(f"main a[href='/lo/meetings/{meeting_id}/agenda/add/']")
    secretariat.fill("input[name=title_lo]", ITEM_LO)
    secretariat.fill("input[name=title_en]", ITEM_EN)
    secretariat.fill("input[name=presenter]", "MOH")
    secretariat.fill("input[name=duration_minutes]", "45")
    submit(secretariat, "form[method=post]")
    assert secretariat.locator("#agenda ol.agenda > li").count() == 3
    assert ITEM_LO in secretariat.locator("#agenda").inner_text()

    # --- Invitations to the group's stakeholder list.
    secretariat.click(f"main a[href='/lo/meetings/{meeting_id}/invite/']")
    assert secretariat.is_checked("input[name=stakeholders]")
    submit(secretariat, "form[method=post]")
    assert secretariat.url.endswith(f"/lo/meetings/{meeting_id}/participants/")
    stakeholder = world.people["stakeholder"]
    invitations = [m for m in mail.outbox if m.to == [stakeholder.email]]
    assert len(invitations) == 1, [m.to for m in mail.outbox]
    assert len(mail.outbox) == 5  # secretariat, chair, co-chair, member, stakeholder
    # In the invitee's language (Lao in their directory entry), with the calendar invitation attached.
    assert TITLE_LO in invitations[0].subject
    assert invitations[0].attachments[0][2].startswith("text/calendar")

    # --- The invitee answers from the link in the email, in their own browser, without logging in.
    links = re.findall(r"https?://\S+/meetings/answer/[^/\s]+/", invitations[0].body)
    assert links, invitations[0].body
    invitee = open_as(secretariat, live_server.url, None)
    assert urlparse(links[0]).path.startswith("/lo/meetings/answer/")
    invitee.goto(urlparse(links[0]).path)
    assert TITLE_LO in invitee.locator("main h1").inner_text()
    invitee.check("input[name=response][value=attend]")
    submit(invitee, "form[method=post]")
    assert invitee.locator("main form[method=post]").count() == 0  # the link records one answer
    participant = Participant.objects.get(meeting=meeting, person=stakeholder)
    assert participant.response == Response.ATTEND
    invitee.context.close()

    # --- After the meeting.
    with time_machine.travel(end + timedelta(days=1), tick=True):
        secretariat.goto(f"/lo/meetings/{meeting_id}/")
        secretariat.click(f"main a[href='/lo/meetings/{meeting_id}/state/']")
        secretariat.select_option("select[name=state]", MeetingState.HELD)
        submit(secretariat, "form[method=post]")
        meeting.refresh_from_db()
        assert meeting.state == MeetingState.HELD

        # The secretariat ticks the invitee (and the chair) on the participant list.
        secretariat.click(f"main a[href='/lo/meetings/{meeting_id}/participants/']")
        row = secretariat.locator(f"#attendance-form tr:has-text('{participant.name}')")
        with translation.override("lo"):
            assert str(Response.ATTEND.label) in row.inner_text()  # the answer given through the link
        secretariat.check(f"#attendance-form tr:has-text('{participant.name}') input[name=attended]")
        chair_name = Participant.objects.get(meeting=meeting, person=world.people["chair"]).name
        secretariat.check(f"#attendance-form tr:has-text('{chair_name}') input[name=attended]")
        with secretariat.expect_response(lambda r: r.url.endswith("/participants/attendance/")):
            secretariat.click("#attendance-form button[type=submit]")
        secretariat.wait_for_load_state()
        assert set(meeting.participants.filter(attended=True).values_list("person", flat=True)) == {
            stakeholder.pk,
            world.people["chair"].pk,
        }

        # The minutes, in Lao and English: from the meeting's page, which offers to start them.
        secretariat.goto(f"/lo/meetings/{meeting_id}/")
        secretariat.click(f"#minutes a[href='/lo/minutes/{meeting_id}/']")
        secretariat.check("input[name=languages][value=lo]")
        secretariat.check("input[name=languages][value=en]")
        submit(secretariat, f"form[action='/lo/minutes/{meeting_id}/start/']")
        assert secretariat.url.endswith(f"/lo/minutes/{meeting_id}/edit/")
        secretariat.click(f"main tr:has-text('{ITEM_LO}') a[href*='/items/']")
        secretariat.fill("textarea[name=discussion_lo]", "ກະຊວງສາທາລະນະສຸກນຳສະເໜີແຜນງົບປະມານ.")
        secretariat.fill("textarea[name=discussion_en]", "The Ministry of Health presented the budget plan.")
        secretariat.fill("textarea[name='d-0-text_lo']", DECISION_LO)
        secretariat.fill("textarea[name='d-0-text_en']", DECISION_EN)
        secretariat.fill("textarea[name='a-0-what_lo']", ACTION_LO)
        secretariat.fill("textarea[name='a-0-what_en']", ACTION_EN)
        secretariat.select_option("select[name='a-0-responsible_organisation']", str(world.who.pk))
        due = timezone.localdate() + timedelta(days=30)
        secretariat.fill("input[name='a-0-due_date']", due.isoformat())
        submit(secretariat, "form[method=post]")
        assert secretariat.url.endswith(f"/lo/minutes/{meeting_id}/edit/"), secretariat.locator(
            "main"
        ).inner_text()
        action = ActionPoint.objects.get(item__minutes__meeting=meeting)
        assert (action.what_en, action.responsible_organisation, action.due_date) == (
            ACTION_EN,
            world.who,
            due,
        )

        # Each language version: circulated by the secretariat, approved by the chair, sent to the RTP
        # Secretariat by the secretariat, published by the RTP Secretariat.
        minutes = Minutes.objects.get(meeting=meeting)
        circulated_to = len(mail.outbox)
        for lang in ("lo", "en"):
            take_step(secretariat, meeting_id, lang, "circulate")
        assert {m.to[0] for m in mail.outbox[circulated_to:]} == {
            stakeholder.email,
            world.people["chair"].email,
        }

        chair = open_as(secretariat, live_server.url, "health-chair")
        for lang in ("lo", "en"):
            chair.goto("/lo/me/")
            chair.click("a[href='/lo/minutes/work/']")
            chair.click(f"main a[href='/lo/minutes/{meeting_id}/?version={lang}']")
            submit(chair, f"form[action='/lo/minutes/{meeting_id}/{lang}/step/approve/']")
        chair.context.close()
        assert set(minutes.versions.values_list("status", flat=True)) == {MinutesStatus.CHAIR_APPROVED}

        for lang in ("lo", "en"):
            take_step(secretariat, meeting_id, lang, "send")
        assert all(v.sent_to_rtp_at for v in minutes.versions.all())

        # Sent but not yet published: the public learns nothing of these minutes.
        outsider = open_as(secretariat, live_server.url, None)
        assert outsider.goto(f"/en/minutes/{meeting_id}/").status == 404
        outsider.goto("/lo/minutes/")
        assert TITLE_LO not in outsider.locator("main").inner_text()
        outsider.context.close()

        rtp = open_as(secretariat, live_server.url, "rtp")
        for lang in ("lo", "en"):
            rtp.goto("/lo/secretariat/")
            rtp.click("main a[href='/lo/minutes/work/']")
            rtp.click(f"main a[href='/lo/minutes/{meeting_id}/?version={lang}']")
            submit(rtp, f"form[action='/lo/minutes/{meeting_id}/{lang}/step/publish/']")
        rtp.context.close()
        assert set(minutes.versions.values_list("status", flat=True)) == {MinutesStatus.PUBLISHED}

        # --- An anonymous visitor on a phone finds the minutes, in Lao then in English.
        visitor = open_as(secretariat, live_server.url, None, width=360)
        visitor.goto("/lo/")
        visitor.click("nav.main-nav a[href='/lo/minutes/']")
        visitor.click(f"main a[href='/lo/minutes/{meeting_id}/']:has-text('{TITLE_LO}')")
        assert visitor.url.endswith(f"/lo/minutes/{meeting_id}/")
        text = visitor.locator("main").inner_text()
        assert DECISION_LO in text and ACTION_LO in text
        assert "(WHO)" in visitor.locator("#attendance").inner_text()  # attending organisations, no names
        assert participant.name not in text
        html = visitor.content()
        assert not [p for p in PRIVATE if p in html], "contact details on the public Lao minutes"
        visitor.screenshot(path=str(ARTIFACTS / "journey-minutes-lo-360.png"), full_page=True)

        visitor.click("nav.lang a[hreflang=en]")
        visitor.wait_for_load_state()
        assert visitor.url.endswith(f"/en/minutes/{meeting_id}/")
        text = visitor.locator("main").inner_text()
        assert TITLE_EN in text and DECISION_EN in text and ACTION_EN in text
        html = visitor.content()
        assert not [p for p in PRIVATE if p in html], "contact details on the public English minutes"
        visitor.screenshot(path=str(ARTIFACTS / "journey-minutes-en-360.png"), full_page=True)
        visitor.click("nav.main-nav a[href='/en/minutes/']")
        assert TITLE_EN in visitor.locator("main table").inner_text()
        visitor.context.close()

        # --- The next meeting: its review item shows the open action point.
        secretariat.goto("/lo/meetings/")
        secretariat.click("main a[href='/lo/meetings/new/']")
        secretariat.click("main a[href='/lo/meetings/new/?group=health']")
        next_start = start + timedelta(days=91)
        secretariat.fill("input[name=title_lo]", "ກອງປະຊຸມໜ່ວຍງານຂະແໜງການສາທາລະນະສຸກ ໄຕມາດທີ 4")
        secretariat.fill("input[name=title_en]", "Health SWG, fourth quarter")
        secretariat.fill("input[name=start]", local_input(next_start))
        secretariat.fill("input[name=end]", local_input(next_start + timedelta(hours=3)))
        submit(secretariat, "form[method=post]")
        assert re.search(r"/lo/meetings/\d+/$", secretariat.url), secretariat.url
        agenda = secretariat.locator("#agenda ol.agenda > li")
        assert meeting_day.strftime("%d/%m/%Y") in agenda.nth(0).inner_text()
        review = agenda.nth(1).inner_text()
        assert ACTION_LO in review and "WHO" in review, review
