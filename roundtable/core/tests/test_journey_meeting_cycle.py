"""The Health SWG's quarter in a browser, through the pages only, as the people who do it, COUNTING the
page actions (issue 9: the cycle took 44; it must take 15 at most).

The secretariat schedules a meeting from "My work", adds two agenda items and invites the stakeholder list
from the meeting's page; an invitee answers from the link in their email without logging in; after the
meeting the secretariat saves the attendance (which marks the meeting held) and starts the minutes in Lao
and English, writes the item with a decision and an action point, and circulates both versions from the
editor; the chair approves both from the link in their notification, the secretariat sends both from its
notification, the RTP Secretariat publishes both from its notification; a visitor reads both languages.

A page action is a click that loads a page or a form submit (`Actions`). Log-ins, and the first page of a
person's visit (the link in an email, the page they come back to), are not page actions of the cycle:
they are counted apart (`arrivals`) and asserted too.
"""

import re
from datetime import datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from roundtable.conftest import browser_login
from roundtable.meetings.models import AgendaItem, Meeting, MeetingState, Participant, Response
from roundtable.minutes.models import ActionPoint, Minutes, MinutesStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"

TITLE_LO = "ກອງປະຊຸມໜ່ວຍງານຂະແໜງການສາທາລະນະສຸກ ໄຕມາດທີ 3"
TITLE_EN = "Health SWG, third quarter"
ITEM_LO = "ແຜນງົບປະມານຂະແໜງສາທາລະນະສຸກ"
ITEM_EN = "Health sector budget plan"
ITEM2_LO = "ແຜນວຽກປະຈຳປີ 2027"
ITEM2_EN = "Annual work plan 2027"
DECISION_LO = "ທີ່ປະຊຸມຮັບຮອງແຜນງົບປະມານຂະແໜງສາທາລະນະສຸກ"
DECISION_EN = "The meeting endorses the health sector budget plan."
ACTION_LO = "ສົ່ງບົດລາຍງານການເບີກຈ່າຍງົບປະມານໃຫ້ກອງເລຂາ"
ACTION_EN = "Send the budget execution report to the secretariat"
MAX_ACTIONS = 15

# Contact details of the world's people that must never reach a public page.
PRIVATE = ["@example.la", "dara.private", "+856", "9999 1234", "5555 0000"]


class Actions:
    """Counts the page actions of the journey: clicks that load a page and form submits."""

    def __init__(self):
        self.count = 0
        self.arrivals = 0
        self.log: list[str] = []

    def click(self, page, selector: str) -> None:
        with page.expect_navigation():
            page.click(selector)
        page.wait_for_load_state()
        self._count(f"click {selector}")

    def submit(self, page, form_selector: str) -> None:
        """Press the submit button of one form of the page's main content (the header has a logout form)."""
        with page.expect_navigation():
            page.click(f"main {form_selector} button[type=submit]")
        page.wait_for_load_state()
        self._count(f"submit {form_selector}")

    def arrive(self, page, url: str) -> None:
        """The first page of a visit: a link in an email, the page one comes back to (not an action)."""
        page.goto(url)
        self.arrivals += 1
        self.log.append(f"arrive {url}")

    def _count(self, what: str) -> None:
        self.count += 1
        self.log.append(f"{self.count}. {what}")


def open_as(page, base_url: str, username: str | None, width: int = 1200):
    """A fresh browser context (own cookies) for another person, logged in unless anonymous."""
    context = page.context.browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    context.set_default_timeout(15000)
    other = context.new_page()
    if username:
        browser_login(other, username)
    return other


def local_input(value: datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def link_in(message, pattern: str) -> str:
    """The path of the first link in an email's body that matches `pattern`."""
    links = re.findall(rf"https?://\S+{pattern}", message.body)
    assert links, message.body
    return urlparse(links[0]).path + (f"?{urlparse(links[0]).query}" if urlparse(links[0]).query else "")


def to(address: str, since: int = 0) -> list:
    return [m for m in mail.outbox[since:] if m.to == [address]]


def test_the_quarter_from_scheduling_to_published_minutes_in_at_most_15_page_actions(
    world, browser_page, live_server
):
    ARTIFACTS.mkdir(exist_ok=True)
    act = Actions()
    secretariat = browser_page
    tz = timezone.get_current_timezone()
    meeting_day = timezone.localdate() + timedelta(days=7)
    start = datetime.combine(meeting_day, time(9, 0), tzinfo=tz)
    end = start + timedelta(hours=3)

    # --- The secretariat schedules the meeting from "My work", where log-in lands.
    browser_login(secretariat, "health-secretariat")
    assert urlparse(secretariat.url).path == "/lo/me/", secretariat.url
    act.click(secretariat, "main a[href='/lo/meetings/new/?group=health']")
    # An SWG's meeting is published on the website unless the secretariat says otherwise.
    assert secretariat.is_checked("input[name=is_public]")
    secretariat.fill("input[name=title_lo]", TITLE_LO)
    secretariat.fill("input[name=title_en]", TITLE_EN)
    secretariat.fill("input[name=start]", local_input(start))
    secretariat.fill("input[name=end]", local_input(end))
    secretariat.fill("input[name=venue_lo]", "ກະຊວງສາທາລະນະສຸກ, ນະຄອນຫຼວງວຽງຈັນ")
    secretariat.fill("input[name=venue_en]", "Ministry of Health, Vientiane")
    secretariat.select_option("select[name=chair_person]", str(world.people["chair"].pk))
    act.submit(secretariat, "form[method=post]")
    match = re.search(r"/lo/meetings/(\d+)/$", secretariat.url)
    assert match, f"not on the new meeting's page: {secretariat.url}"
    meeting_id = int(match.group(1))
    meeting = Meeting.objects.get(pk=meeting_id)
    assert (meeting.group, meeting.title_en, meeting.start, meeting.state, meeting.is_public) == (
        world.health,
        TITLE_EN,
        start,
        MeetingState.SCHEDULED,
        True,
    )
    # The standing items come first: the previous minutes and the review of open action points.
    assert secretariat.locator("#agenda ol.agenda > li").count() == 2

    # --- Two agenda items, each added on the meeting's page.
    for title_lo, title_en in ((ITEM_LO, ITEM_EN), (ITEM2_LO, ITEM2_EN)):
        secretariat.fill("#agenda-add input[name=title_lo]", title_lo)
        secretariat.fill("#agenda-add input[name=title_en]", title_en)
        act.submit(secretariat, "#agenda-add")
    assert secretariat.locator("#agenda ol.agenda > li").count() == 4
    assert ITEM2_LO in secretariat.locator("#agenda").inner_text()

    # --- Invitations to the group's stakeholder list, from the meeting's page.
    act.submit(secretariat, "#invite-stakeholders")
    assert secretariat.url.endswith(f"/lo/meetings/{meeting_id}/participants/")
    stakeholder = world.people["stakeholder"]
    invitations = to(stakeholder.email)
    assert len(invitations) == 1, [m.to for m in mail.outbox]
    assert len(mail.outbox) == 5  # secretariat, chair, co-chair, member, stakeholder
    invitation = invitations[0]
    # In the invitee's language (Lao in their directory entry), with the agenda and the calendar invitation;
    # an answer to the email goes to the group's secretariat.
    assert TITLE_LO in invitation.subject and ITEM_LO in invitation.body and ITEM2_LO in invitation.body
    assert invitation.attachments[0][2].startswith("text/calendar")
    assert invitation.reply_to == ["health-secretariat@example.la"]

    # --- The invitee answers from the link in the email, in their own browser, without logging in.
    invitee = open_as(secretariat, live_server.url, None)
    act.arrive(invitee, link_in(invitation, r"/meetings/answer/[^/\s]+/"))
    assert TITLE_LO in invitee.locator("main h1").inner_text()
    assert ITEM_LO in invitee.locator("#agenda").inner_text()  # the answer page shows the agenda too
    invitee.check("input[name=response][value=attend]")
    act.submit(invitee, "form[method=post]")
    assert invitee.locator("main form[method=post]").count() == 0  # the link records one answer
    participant = Participant.objects.get(meeting=meeting, person=stakeholder)
    assert participant.response == Response.ATTEND
    invitee.context.close()

    # --- After the meeting: the secretariat comes back to the meeting's page.
    with time_machine.travel(end + timedelta(hours=2), tick=True):
        act.arrive(secretariat, f"/lo/meetings/{meeting_id}/")
        act.click(secretariat, f"main a[href='/lo/meetings/{meeting_id}/participants/']")
        # On a Lao page, the people of the directory by their Lao names.
        for person in (stakeholder, world.people["chair"]):
            secretariat.check(f"#attendance-form tr:has-text('{person.name_lo}') input[name=attended]")
        assert secretariat.is_checked("#attendance-form input[name=mark_held]")
        act.submit(secretariat, "#attendance-form")
        meeting.refresh_from_db()
        assert meeting.state == MeetingState.HELD
        assert set(meeting.participants.filter(attended=True).values_list("person", flat=True)) == {
            stakeholder.pk,
            world.people["chair"].pk,
        }

        # The minutes, in Lao and English, started from the meeting's page: straight to the first item.
        assert secretariat.url.endswith(f"/lo/meetings/{meeting_id}/")
        assert secretariat.is_checked("#minutes-start input[value=lo]")
        assert secretariat.is_checked("#minutes-start input[value=en]")
        act.submit(secretariat, "#minutes-start")
        item = AgendaItem.objects.get(meeting=meeting, title_en=ITEM_EN)
        assert re.search(rf"/lo/minutes/{meeting_id}/items/\d+/$", secretariat.url), secretariat.url
        assert ITEM_LO in secretariat.locator("main").inner_text(), item
        secretariat.fill("textarea[name=discussion_lo]", "ກະຊວງສາທາລະນະສຸກນຳສະເໜີແຜນງົບປະມານ.")
        secretariat.fill("textarea[name=discussion_en]", "The Ministry of Health presented the budget plan.")
        secretariat.fill("textarea[name='d-0-text_lo']", DECISION_LO)
        secretariat.fill("textarea[name='d-0-text_en']", DECISION_EN)
        secretariat.fill("textarea[name='a-0-what_lo']", ACTION_LO)
        secretariat.fill("textarea[name='a-0-what_en']", ACTION_EN)
        secretariat.select_option("select[name='a-0-responsible_organisation']", str(world.who.pk))
        due = timezone.localdate() + timedelta(days=30)
        secretariat.fill("input[name='a-0-due_date']", due.isoformat())
        act.submit(secretariat, "form[method=post]")
        assert secretariat.url.endswith(f"/lo/minutes/{meeting_id}/edit/"), secretariat.locator(
            "main"
        ).inner_text()
        action = ActionPoint.objects.get(item__minutes__meeting=meeting)
        assert (action.what_en, action.responsible_organisation, action.due_date) == (
            ACTION_EN,
            world.who,
            due,
        )

        # Circulated from the editor: both versions at once, one deadline (after the meeting) for both.
        minutes = Minutes.objects.get(meeting=meeting)
        before = len(mail.outbox)
        # Pre-filled as the page writes dates (day/month/year), after the meeting.
        until = secretariat.input_value("#circulate input[name=comments_until]")
        until = datetime.strptime(until, "%d/%m/%Y").date().isoformat()
        assert until > meeting_day.isoformat()
        act.submit(secretariat, "#circulate")
        assert set(minutes.versions.values_list("status", flat=True)) == {MinutesStatus.CIRCULATED}
        assert {str(d) for d in minutes.versions.values_list("comments_until", flat=True)} == {until}
        # The attendee gets one email with both versions; the chair (an attendee) and the co-chair one
        # notice each, with the link to approve.
        (circulation,) = to(stakeholder.email, before)
        assert f"/lo/minutes/{meeting_id}/?version=lo" in circulation.body
        assert f"/lo/minutes/{meeting_id}/?version=en" in circulation.body
        (notice,) = to(world.people["chair"].email, before)
        assert len(to(world.people["cochair"].email, before)) == 1
        assert len(mail.outbox) == before + 3, [m.to for m in mail.outbox[before:]]

    # --- Once the comments deadline has passed.
    after_comments = datetime.combine(
        datetime.fromisoformat(until).date() + timedelta(days=1), time(9, 0), tzinfo=tz
    )
    with time_machine.travel(after_comments, tick=True):
        # The chair approves both versions from the link in the notice.
        chair = open_as(secretariat, live_server.url, "health-chair")
        act.arrive(chair, link_in(notice, rf"/minutes/{meeting_id}/step/approve/"))
        assert chair.locator("#step-form li").count() == 2  # both languages in one step
        before = len(mail.outbox)
        act.submit(chair, "#step-form")
        chair.context.close()
        assert set(minutes.versions.values_list("status", flat=True)) == {MinutesStatus.CHAIR_APPROVED}

        # The secretariat sends both from its notice (two weeks on, its session has ended: it logs in).
        (approved,) = to(world.people["secretariat"].email, before)
        browser_login(secretariat, "health-secretariat")
        act.arrive(secretariat, link_in(approved, rf"/minutes/{meeting_id}/step/send/"))
        before = len(mail.outbox)
        act.submit(secretariat, "#step-form")
        assert all(v.sent_to_rtp_at for v in minutes.versions.all())

        # Sent but not yet published: the public learns nothing of these minutes.
        outsider = open_as(secretariat, live_server.url, None)
        assert outsider.goto(f"/en/minutes/{meeting_id}/").status == 404
        outsider.context.close()

        # The RTP Secretariat publishes both from its notice, in one action.
        (sent,) = to(world.people["rtp"].email, before)
        assert sent.reply_to == ["health-secretariat@example.la"]
        rtp = open_as(secretariat, live_server.url, "rtp")
        act.arrive(rtp, link_in(sent, rf"/minutes/{meeting_id}/step/publish/"))
        act.submit(rtp, "#step-form")
        rtp.context.close()
        assert set(minutes.versions.values_list("status", flat=True)) == {MinutesStatus.PUBLISHED}

        # --- A visitor on a phone reads the minutes in Lao, then in English.
        visitor = open_as(secretariat, live_server.url, None, width=360)
        act.arrive(visitor, f"/lo/minutes/{meeting_id}/")
        text = visitor.locator("main").inner_text()
        assert DECISION_LO in text and ACTION_LO in text
        assert "(WHO)" in visitor.locator("#attendance").inner_text()  # attending organisations, no names
        assert participant.name not in text
        assert not [p for p in PRIVATE if p in visitor.content()], "contact details on the public Lao minutes"
        visitor.screenshot(path=str(ARTIFACTS / "journey-minutes-lo-360.png"), full_page=True)
        act.click(visitor, "nav.lang a[hreflang=en]")
        assert visitor.url.endswith(f"/en/minutes/{meeting_id}/")
        text = visitor.locator("main").inner_text()
        assert TITLE_EN in text and DECISION_EN in text and ACTION_EN in text
        assert not [p for p in PRIVATE if p in visitor.content()], (
            "contact details on the public English minutes"
        )
        visitor.screenshot(path=str(ARTIFACTS / "journey-minutes-en-360.png"), full_page=True)
        visitor.context.close()

    assert act.count <= MAX_ACTIONS, "\n".join(act.log)
    # Each person's visit starts somewhere: the invitee's, chair's, secretariat's and RTP's email links,
    # the secretariat coming back after the meeting, the visitor's first page.
    assert act.arrivals == 6, "\n".join(act.log)
