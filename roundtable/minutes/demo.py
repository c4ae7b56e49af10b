"""Demo minutes for the held meetings of the meetings demo (runs after it). Re-runnable: a meeting
that has minutes already is left alone.

Older meetings' minutes (last year's and this year's) are published (a few in Lao only), most on time, a
few sent or published some days after the guideline's deadlines (14 days to send, 30 to publish); the
latest of five groups (Health first) are at the other steps: draft, circulated, approved by the chair,
sent to the RTP Secretariat, returned with comments. A meeting held in the last days has its minutes only
as far as the days of their steps have come.
Action points: most of the older ones done, some still open and overdue; the recent ones open.

Everything the minutes go through is done by the minutes services, as the person whose step it is (the
group's secretariat starts, circulates and sends them; its chair approves; the RTP Secretariat publishes
or returns; an attendee comments; the secretariat reports on the action points), each under a clock
stopped at its date (time-machine), with `notify=False`: a demo sends no email. A group without the login
a step needs keeps its minutes where they got to, and the summary says so.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.directory.models import Membership
from roundtable.groups.models import ChairTerm
from roundtable.meetings.models import AgendaItemKind, Meeting, MeetingState

from .models import ActionPoint, ActionStatus, Decision, Minutes, MinutesItem, MinutesStatus
from .services import (
    action_point_update_status,
    minutes_comment_add,
    minutes_start,
    minutes_take_steps,
)

PATH = {
    MinutesStatus.DRAFT: [],
    MinutesStatus.CIRCULATED: [MinutesStatus.CIRCULATED],
    MinutesStatus.CHAIR_APPROVED: [MinutesStatus.CIRCULATED, MinutesStatus.CHAIR_APPROVED],
    MinutesStatus.SENT: [MinutesStatus.CIRCULATED, MinutesStatus.CHAIR_APPROVED, MinutesStatus.SENT],
    MinutesStatus.RETURNED: [
        MinutesStatus.CIRCULATED,
        MinutesStatus.CHAIR_APPROVED,
        MinutesStatus.SENT,
        MinutesStatus.RETURNED,
    ],
    MinutesStatus.PUBLISHED: [
        MinutesStatus.CIRCULATED,
        MinutesStatus.CHAIR_APPROVED,
        MinutesStatus.SENT,
        MinutesStatus.PUBLISHED,
    ],
}

ACTIONS = [
    (
        "ກອງເລຂາສັງລວມຄຳເຫັນ ແລະ ສົ່ງສະບັບປັບປຸງໃຫ້ບັນດາສະມາຊິກ",
        "The secretariat consolidates the comments and circulates the revised version to the members",
    ),
    (
        "ບັນດາຄູ່ຮ່ວມພັດທະນາສົ່ງຂໍ້ມູນການສະໜອງທຶນປີນີ້ໃຫ້ກອງເລຂາ",
        "Development partners send this year's funding data to the secretariat",
    ),
    (
        "ກະຊວງນຳພາກະກຽມບົດລາຍງານຄວາມຄືບໜ້າຂອງແຜນງານບຸລິມະສິດ",
        "The lead ministry prepares the progress report on the priority programmes",
    ),
]


# The step that leads to each status, and whose step it is.
STEP_TO = {
    MinutesStatus.CIRCULATED: ("circulate", "secretariat"),
    MinutesStatus.CHAIR_APPROVED: ("approve", "chair"),
    MinutesStatus.SENT: ("send", "secretariat"),
    MinutesStatus.PUBLISHED: ("publish", "rtp"),
    MinutesStatus.RETURNED: ("return", "rtp"),
}
RETURN_COMMENT = "Please add the figures of the health budget under item 3."


def _rtp_user():
    return get_user_model().objects.filter(groups__name=RTP_SECRETARIAT_GROUP).order_by("pk").first()


def _group_users(group, rtp) -> dict:
    """The logins that take the group's steps: its secretariat (a sub-SWG's own before its SWG's, the
    first appointed first; the RTP Secretariat keeps the forums' minutes), its Government chair (else a
    co-chair) and the RTP Secretariat. None where the group has nobody with a login in that role."""
    secretariat = (
        Membership.objects.current()
        .filter(
            group__in=[group, *([group.parent] if group.parent_id else [])],
            role="secretariat",
            person__user__isnull=False,
        )
        .select_related("person__user")
        .order_by("-group_id" if group.parent_id else "group_id", "pk")
        .first()
    )
    chair = (
        ChairTerm.objects.current()
        .filter(group=group, person__user__isnull=False)
        .select_related("person__user")
        .order_by("role", "start_date", "pk")
        .first()
    )
    return {
        "secretariat": secretariat.person.user if secretariat else (rtp if group.kind == "forum" else None),
        "chair": chair.person.user if chair else None,
        "rtp": rtp,
    }


def _on(day: date, now: datetime) -> time_machine.travel:
    """The clock stopped at 10:00 (Vientiane) of the day, never later than the real now."""
    return time_machine.travel(min(timezone.make_aware(datetime.combine(day, time(10, 0))), now), tick=False)


def load(stdout) -> None:
    rtp = _rtp_user()
    if rtp is None:
        stdout.write("minutes demo: no RTP Secretariat account yet, skipped")
        return
    held = list(
        Meeting.objects.filter(state=MeetingState.HELD, start__lt=timezone.now())
        .select_related("group", "group__parent", "group__lead_ministry")
        .order_by("start", "pk")
    )
    if not held:
        stdout.write("minutes demo: no held meetings, skipped")
        return
    counts: Counter = Counter()
    stopped: list[str] = []
    now = timezone.now()
    recent = _recent_states(held)
    existing = set(Minutes.objects.filter(meeting__in=held).values_list("meeting_id", flat=True))
    for index, meeting in enumerate(held):
        if meeting.pk in existing:
            continue
        state = recent.get(meeting.pk, MinutesStatus.PUBLISHED)
        missing = _minutes_for(meeting, index, state, _group_users(meeting.group, rtp), counts, now)
        if missing is not None:
            stopped.append(f"{meeting.group.code} {timezone.localdate(meeting.start)} (no {missing} login)")
    summary = "minutes demo: {minutes} minutes, {versions} language versions, {actions} action points".format(
        minutes=counts["minutes"], versions=counts["versions"], actions=counts["actions"]
    )
    if stopped:
        summary += "; left short of their state: " + ", ".join(stopped)
    stdout.write(summary)


def _recent_states(held: list[Meeting]) -> dict[int, str]:
    """The latest held meeting of five groups gets minutes still on their way; Health comes first so that
    the demo accounts (health-chair, rtp) find something waiting for them."""
    latest: dict[int, Meeting] = {}
    for meeting in held:
        latest[meeting.group_id] = meeting
    ordered = sorted(latest.values(), key=lambda m: (m.group.code != "health", -m.start.timestamp()))
    states = [
        MinutesStatus.CIRCULATED,
        MinutesStatus.SENT,
        MinutesStatus.DRAFT,
        MinutesStatus.CHAIR_APPROVED,
        MinutesStatus.RETURNED,
    ]
    return {m.pk: state for m, state in zip(ordered, states, strict=False)}


def _minutes_for(meeting: Meeting, index: int, state: str, users: dict, counts: Counter, now) -> str | None:
    """Write one meeting's minutes and take their steps; the role that has no login, if a step needs one."""
    secretariat = users["secretariat"]
    if secretariat is None:
        return "secretariat"
    day = timezone.localdate(meeting.start)
    state = _reached(state, _dates(day, index), timezone.localdate(now))
    languages = ["lo", "en"]
    if state == MinutesStatus.PUBLISHED and index % 5 == 3:
        languages = ["lo"]  # some groups write their minutes in Lao only
    with _on(day + timedelta(days=1), now):
        minutes = minutes_start(meeting=meeting, languages=languages, actor=secretariat)
        actions = _content(minutes, meeting, index, state, counts, timezone.localdate(now))
    counts["minutes"] += 1
    counts["versions"] += minutes.versions.count()
    missing = _steps(minutes, state, day, index, users, meeting, now)
    # The secretariat reports on the older actions (due long ago): most done, some still open.
    for action, status in actions:
        report = max(action.due_date - timedelta(days=3), day + timedelta(days=1))
        with _on(report, now):
            action_point_update_status(
                action_point=action,
                actor=secretariat,
                status=status,
                note={
                    ActionStatus.DONE: "Done; reported at the next meeting.",
                    ActionStatus.IN_PROGRESS: "Started; data from two partners still missing.",
                    ActionStatus.DROPPED: "No longer needed after the ministry's decision.",
                }[status],
            )
    return missing


def _content(minutes, meeting: Meeting, index: int, state: str, counts: Counter, today: date) -> list:
    """The discussion, decisions and action points of each item (minutes_start made one per agenda item).

    Returns the action points with the status the secretariat reports later."""
    group = meeting.group
    day = timezone.localdate(meeting.start)
    attendees = list(meeting.participants.filter(attended=True).select_related("organisation"))
    orgs = [p.organisation for p in attendees if p.organisation_id] or (
        [group.lead_ministry] if group.lead_ministry_id else []
    )
    items = list(minutes.items.select_related("agenda_item").order_by("order", "id"))
    if not items:
        items = [
            MinutesItem.objects.create(
                minutes=minutes, order=1, title_lo="ການປຶກສາຫາລືທົ່ວໄປ", title_en="General discussion"
            )
        ]
    reports = []
    for item in items:
        order, agenda_item = item.order, item.agenda_item
        title_lo, title_en = item.title_lo, item.title_en
        kind = agenda_item.kind if agenda_item is not None else None
        # The review of action points keeps the list of the open ones that minutes_start wrote.
        if not (kind == AgendaItemKind.ACTION_REVIEW and item.discussion_en):
            item.discussion_lo = (
                f"ທີ່ປະຊຸມໄດ້ປຶກສາຫາລືກ່ຽວກັບ «{title_lo or title_en}». ບັນດາຄູ່ຮ່ວມພັດທະນາໄດ້ໃຫ້ຄຳເຫັນ ແລະ ຂໍ້ສະເໜີແນະ."
            )
            item.discussion_en = (
                f"The meeting discussed “{title_en or title_lo}”. "
                "Development partners gave comments and suggestions."
            )
            item.save()
        if kind == AgendaItemKind.PREVIOUS_MINUTES:
            Decision.objects.create(
                item=item,
                order=1,
                text_lo="ທີ່ປະຊຸມໄດ້ຮັບຮອງບົດບັນທຶກກອງປະຊຸມຄັ້ງກ່ອນ.",
                text_en="The meeting adopted the minutes of the previous meeting.",
            )
            continue
        if kind == AgendaItemKind.ACTION_REVIEW:
            continue
        Decision.objects.create(
            item=item,
            order=1,
            text_lo=f"ທີ່ປະຊຸມໄດ້ຕົກລົງເຫັນດີ ແລະ ຮັບຮອງ «{title_lo or title_en}» ໂດຍມີການປັບປຸງຕາມຄຳເຫັນ.",
            text_en=f"The meeting agreed on “{title_en or title_lo}”, with the changes proposed.",
        )
        what_lo, what_en = ACTIONS[(index + order) % len(ACTIONS)]
        due = day + timedelta(days=30 * (1 + (index + order) % 3))
        action = ActionPoint.objects.create(
            item=item,
            group=group,
            what_lo=what_lo,
            what_en=what_en,
            responsible_organisation=orgs[(index + order) % len(orgs)] if orgs else None,
            due_date=due,
            status=ActionStatus.OPEN,
        )
        counts["actions"] += 1
        if state == MinutesStatus.PUBLISHED and due < today:
            # Most older actions are done; one in four stays open (and so overdue), one in six in progress.
            status = ActionStatus.DONE
            if (index + order) % 4 == 0:
                status = ActionStatus.OPEN
            elif (index + order) % 6 == 1:
                status = ActionStatus.IN_PROGRESS
            elif (index + order) % 11 == 5:
                status = ActionStatus.DROPPED
            if status != ActionStatus.OPEN:
                reports.append((action, status))
    return reports


def _dates(day: date, index: int) -> dict[str, date]:
    """The day of each step of the minutes of a meeting held on `day`.

    Most are on time; a few are late, by a few days: one meeting's minutes in eleven reach the RTP
    Secretariat after the deadline (14 days after the meeting), one in thirteen are published after theirs
    (30 days)."""
    send_after = 17 + index % 4 if index % 11 == 2 else 9
    publish_after = 32 + index % 3 if index % 13 == 7 else send_after + 8
    return {
        MinutesStatus.CIRCULATED: day + timedelta(days=2),
        MinutesStatus.CHAIR_APPROVED: day + timedelta(days=send_after - 2),
        MinutesStatus.SENT: day + timedelta(days=send_after),
        MinutesStatus.PUBLISHED: day + timedelta(days=publish_after),
        MinutesStatus.RETURNED: day + timedelta(days=send_after + 5),
    }


def _reached(state: str, when: dict[str, date], today: date) -> str:
    """The furthest status on the way to `state` whose step's day has come: the minutes of a meeting held
    last week are not published yet."""
    reached = MinutesStatus.DRAFT
    for status in PATH[state]:
        if when[status] > today:
            break
        reached = status
    return reached


def _steps(minutes, state: str, day: date, index: int, users: dict, meeting: Meeting, now) -> str | None:
    """Take the steps of the minutes' language versions to `state` (all versions together, as the page's
    buttons do), each as its role on its day; the missing role, if any."""
    when = _dates(day, index)
    for status in PATH[state]:
        step, role = STEP_TO[status]
        actor = users[role]
        if actor is None:
            return role
        until = None
        if status == MinutesStatus.CIRCULATED:
            # Still open for comments when the demo leaves the minutes circulated.
            until = when[status] + timedelta(days=4)  # past when the chair approves (day + 7)
            if state == status:
                until = max(until, timezone.localdate(now))
        with _on(when[status], now):
            minutes_take_steps(
                minutes=minutes,
                actor=actor,
                step=step,
                comment=RETURN_COMMENT if status == MinutesStatus.RETURNED else "",
                comments_until=until,
                notify=False,
            )
    if state == MinutesStatus.CIRCULATED:
        for version in minutes.versions.order_by("language"):
            _comment(version, meeting, when[MinutesStatus.CIRCULATED] + timedelta(days=1), now)
    return None


def _comment(version, meeting: Meeting, day: date, now) -> None:
    """An attendee with a login comments on the circulated minutes."""
    attendee = (
        meeting.participants.filter(attended=True, person__user__isnull=False)
        .select_related("person__user")
        .order_by("pk")
        .first()
    )
    if attendee is None:
        return
    with _on(day, now):
        minutes_comment_add(
            version=version,
            actor=attendee.person.user,
            text="ຂໍເພີ່ມຕົວເລກງົບປະມານໃນວາລະທີ 3."
            if version.language == "lo"
            else "Please add the budget figures under item 3.",
        )
