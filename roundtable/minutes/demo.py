"""Demo minutes for the held meetings of the meetings demo (runs after it). Re-runnable: a meeting
that has minutes already is left alone.

Older meetings' minutes are published (a few in Lao only); the latest of five groups (Health first)
are at the other steps: draft, circulated, approved by the chair, sent to the RTP Secretariat,
returned with comments.
Action points: most of the older ones done, some still open and overdue; the recent ones open.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.core.services import model_update
from roundtable.directory.models import Membership
from roundtable.meetings.models import AgendaItemKind, Meeting, MeetingState

from .models import (
    ActionPoint,
    ActionPointUpdate,
    ActionStatus,
    Decision,
    Minutes,
    MinutesComment,
    MinutesItem,
    MinutesStatus,
    MinutesStep,
    MinutesVersion,
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


def _users():
    User = get_user_model()
    rtp = User.objects.filter(groups__name=RTP_SECRETARIAT_GROUP).order_by("pk").first()
    return rtp or User.objects.filter(is_superuser=True).order_by("pk").first()


def _group_users(group):
    """(secretariat user, chair user) of the group, falling back to the RTP Secretariat's user."""
    fallback = _users()
    secretariat = (
        Membership.objects.current()
        .filter(
            group__in=[group, *([group.parent] if group.parent_id else [])],
            role="secretariat",
            person__user__isnull=False,
        )
        .select_related("person__user")
        .first()
    )
    terms = group.current_chair_terms()
    chair = next((t.person.user for t in terms if t.person_id and t.person.user_id), None)
    return (secretariat.person.user if secretariat else fallback), (chair or fallback)


def load(stdout) -> None:
    actor = _users()
    if actor is None:
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
    recent = _recent_states(held)
    existing = set(Minutes.objects.filter(meeting__in=held).values_list("meeting_id", flat=True))
    for index, meeting in enumerate(held):
        if meeting.pk in existing:
            continue
        state = recent.get(meeting.pk, MinutesStatus.PUBLISHED)
        _minutes_for(meeting, index, state, actor, counts)
    stdout.write(
        "minutes demo: {minutes} minutes, {versions} language versions, {actions} action points".format(
            minutes=counts["minutes"], versions=counts["versions"], actions=counts["actions"]
        )
    )


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


def _minutes_for(meeting: Meeting, index: int, state: str, rtp_user, counts: Counter) -> None:
    group = meeting.group
    secretariat, chair = _group_users(group)
    day = timezone.localdate(meeting.start)
    minutes = Minutes.objects.create(meeting=meeting)
    counts["minutes"] += 1
    attendees = list(meeting.participants.filter(attended=True).select_related("organisation", "person"))
    orgs = [p.organisation for p in attendees if p.organisation_id] or (
        [group.lead_ministry] if group.lead_ministry_id else []
    )
    agenda = list(meeting.agenda_items.order_by("order", "id"))
    if not agenda:
        agenda = [None]
    for order, agenda_item in enumerate(agenda, start=1):
        title_lo = agenda_item.title_lo if agenda_item else "ການປຶກສາຫາລືທົ່ວໄປ"
        title_en = agenda_item.title_en if agenda_item else "General discussion"
        item = MinutesItem.objects.create(
            minutes=minutes,
            agenda_item=agenda_item,
            order=order,
            title_lo=title_lo,
            title_en=title_en,
            discussion_lo=f"ທີ່ປະຊຸມໄດ້ປຶກສາຫາລືກ່ຽວກັບ «{title_lo or title_en}». "
            "ບັນດາຄູ່ຮ່ວມພັດທະນາໄດ້ໃຫ້ຄຳເຫັນ ແລະ ຂໍ້ສະເໜີແນະ.",
            discussion_en=f"The meeting discussed “{title_en or title_lo}”. "
            "Development partners gave comments and suggestions.",
        )
        if agenda_item is not None and agenda_item.kind == AgendaItemKind.PREVIOUS_MINUTES:
            Decision.objects.create(
                item=item,
                order=1,
                text_lo="ທີ່ປະຊຸມໄດ້ຮັບຮອງບົດບັນທຶກກອງປະຊຸມຄັ້ງກ່ອນ.",
                text_en="The meeting adopted the minutes of the previous meeting.",
            )
            continue
        if agenda_item is not None and agenda_item.kind == AgendaItemKind.ACTION_REVIEW:
            continue
        Decision.objects.create(
            item=item,
            order=1,
            text_lo=f"ທີ່ປະຊຸມໄດ້ຕົກລົງເຫັນດີ ແລະ ຮັບຮອງ «{title_lo or title_en}» ໂດຍມີການປັບປຸງຕາມຄຳເຫັນ.",
            text_en=f"The meeting agreed on “{title_en or title_lo}”, with the changes proposed.",
        )
        what_lo, what_en = ACTIONS[(index + order) % len(ACTIONS)]
        due = day + timedelta(days=30 * (1 + (index + order) % 3))
        status = ActionStatus.OPEN
        if state == MinutesStatus.PUBLISHED and due < timezone.localdate():
            # Most older actions are done; one in four stays open (and so overdue), one in six in progress.
            status = ActionStatus.DONE
            if (index + order) % 4 == 0:
                status = ActionStatus.OPEN
            elif (index + order) % 6 == 1:
                status = ActionStatus.IN_PROGRESS
            elif (index + order) % 11 == 5:
                status = ActionStatus.DROPPED
        action = ActionPoint.objects.create(
            item=item,
            group=group,
            what_lo=what_lo,
            what_en=what_en,
            responsible_organisation=orgs[(index + order) % len(orgs)] if orgs else None,
            due_date=due,
            status=status,
        )
        counts["actions"] += 1
        if status != ActionStatus.OPEN:
            ActionPointUpdate.objects.create(
                action_point=action,
                status=status,
                by=secretariat,
                note={
                    ActionStatus.DONE: "Done; reported at the next meeting.",
                    ActionStatus.IN_PROGRESS: "Started; data from two partners still missing.",
                    ActionStatus.DROPPED: "No longer needed after the ministry's decision.",
                }[status],
            )

    languages = ["lo", "en"]
    if state == MinutesStatus.PUBLISHED and index % 5 == 3:
        languages = ["lo"]  # some groups write their minutes in Lao only
    for lang in languages:
        _version(minutes, lang, state, day, index, secretariat, chair, rtp_user, attendees, counts)


def _version(minutes, lang, state, day, index, secretariat, chair, rtp_user, attendees, counts) -> None:
    # A few groups send late: every seventh meeting's minutes reach the RTP Secretariat after the deadline.
    send_after = 20 if index % 7 == 2 else 9
    when = {
        MinutesStatus.CIRCULATED: day + timedelta(days=2),
        MinutesStatus.CHAIR_APPROVED: day + timedelta(days=send_after - 2),
        MinutesStatus.SENT: day + timedelta(days=send_after),
        MinutesStatus.PUBLISHED: day + timedelta(days=send_after + 8),
        MinutesStatus.RETURNED: day + timedelta(days=send_after + 5),
    }
    actors = {
        MinutesStatus.CIRCULATED: secretariat,
        MinutesStatus.CHAIR_APPROVED: chair,
        MinutesStatus.SENT: secretariat,
        MinutesStatus.PUBLISHED: rtp_user,
        MinutesStatus.RETURNED: rtp_user,
    }
    tz = timezone.get_current_timezone()
    version = MinutesVersion.objects.create(minutes=minutes, language=lang)
    counts["versions"] += 1
    previous = MinutesStatus.DRAFT
    now = timezone.now()
    for status in PATH[state]:
        at = min(datetime.combine(when[status], time(10, 0), tzinfo=tz), now)
        MinutesStep.objects.create(
            version=version,
            from_status=previous,
            to_status=status,
            actor=actors[status],
            at=at,
            comment="Please add the figures of the health budget under item 3."
            if status == MinutesStatus.RETURNED
            else "",
        )
        if status == MinutesStatus.CIRCULATED:
            version.comments_until = max(
                when[status] + timedelta(days=7), timezone.localdate() if state == status else day
            )
        elif status == MinutesStatus.CHAIR_APPROVED:
            version.chair_approved_at = at
        elif status == MinutesStatus.SENT:
            version.sent_to_rtp_at = at
        elif status == MinutesStatus.PUBLISHED:
            version.published_at = at
        elif status == MinutesStatus.RETURNED:
            version.chair_approved_at = None
        previous = status
    version.status = state
    version.save()
    if state == MinutesStatus.PUBLISHED:
        # As services.minutes_publish does: published minutes make the meeting's information public.
        model_update(minutes.meeting, {"is_public": True}, fields=["is_public"])
    if state == MinutesStatus.CIRCULATED and attendees:
        commenter = next((p.person.user for p in attendees if p.person_id and p.person.user_id), None)
        if commenter is not None:
            MinutesComment.objects.create(
                version=version,
                author=commenter,
                text="ຂໍເພີ່ມຕົວເລກງົບປະມານໃນວາລະທີ 3."
                if lang == "lo"
                else "Please add the budget figures under item 3.",
            )
