"""Demo meetings: last year's and this year's meetings across the groups, and a few upcoming ones.

Runs after the structure and work-plan demos, before the minutes demo (which writes minutes and action
points for these meetings). Idempotent: each demo meeting has a fixed iCalendar UID
(`demo-<group code>-<n>@roundtable`); a meeting that exists is left as it is.

Planned by calendar quarter from today (`timezone.localdate()`), so that both years' checklists read like a
real record on any day: most SWGs met every quarter of last year and of this year's quarters so far, one
skipped a quarter last year, one had its meeting cancelled, and one (Illicit Drug Control) met only twice
this year; Health met a week ago; sub-SWGs met about twice a year; the forums met on their own rhythm.
Past meetings are held (a few cancelled), with answers, substitutes, attendance and a few walk-ins; the
upcoming ones (the next HORIZON_DAYS days) are scheduled, a few postponed, with invitations sent and some
answers in.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.directory.models import Membership
from roundtable.groups.models import Group, GroupKind
from roundtable.workplans.models import Priority, WorkPlanStatus

from . import services
from .models import Meeting, MeetingState, ParticipantSource, Response

VENUES = [
    ("Ministry of Planning and Investment, Vientiane", "ກະຊວງແຜນການ ແລະ ການລົງທຶນ"),
    ("Lao Plaza Hotel, Vientiane", "ໂຮງແຮມລາວພລາຊາ, ນະຄອນຫຼວງວຽງຈັນ"),
    ("Don Chan Palace, Vientiane", "ໂຮງແຮມດອນຈັນພາເລດ, ນະຄອນຫຼວງວຽງຈັນ"),
    ("Crowne Plaza, Vientiane", "ໂຮງແຮມຄຣາວພລາຊາ, ນະຄອນຫຼວງວຽງຈັນ"),
]
TOPICS = [
    ("Progress on the annual work plan", "ຄວາມຄືບໜ້າຂອງການຈັດຕັ້ງປະຕິບັດແຜນວຽກປະຈຳປີ"),
    ("Preparation of the Round Table Implementation Meeting", "ການກະກຽມກອງປະຊຸມໂຕະມົນ"),
    ("Mid-term review of the NSEDP", "ການທົບທວນກາງສະໄໝແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ"),
    ("Development partners' updates", "ການລາຍງານຂອງຄູ່ຮ່ວມພັດທະນາ"),
    ("Any other business", "ເລື່ອງອື່ນໆ"),
]
WALK_INS = [
    ("Khamphet Sisouk", "f", "Village Development Association"),
    ("Anousone Vongsa", "m", "Lao Youth Union"),
]


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _weekday(day):
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


# Each SWG's record, fixed by code so that the scorecard tells the same story on any day: the quarters it
# did not meet (year offset from the current year, quarter) and the ones whose meeting was cancelled.
SWG_MISSED = {
    "agriculture": {(-1, 2)},  # no meeting in the second quarter of last year
    "drugs": {(0, 2), (0, 4)},  # met only twice this year (first and third quarters)
}
SWG_CANCELLED = {
    "uxo": {(-1, 3)},  # last year's third-quarter meeting was cancelled (no quorum)
}
# The group the demo accounts belong to met a week ago: its minutes are on their way (the minutes demo).
SHOWCASE = "health"
HORIZON_DAYS = 60  # meetings planned further ahead than this are not in the demo yet


def _quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * quarter - 2, 1)


def _plan(group: Group, rng: random.Random, today: date) -> list[tuple[date, bool]]:
    """The group's meetings as (day, cancelled), over last year, this year and the next weeks.

    SWGs meet once a quarter (a weekday in its middle weeks), except the quarters of SWG_MISSED; sub-SWGs
    about twice a year (once in each half; a quarter of them only once in a year); the forums on their own
    rhythm. The days are drawn in a fixed order, so a day later in the year keeps the earlier meetings'
    days; only the meetings up to HORIZON_DAYS ahead are planned."""
    year = today.year
    horizon = today + timedelta(days=HORIZON_DAYS)
    plan: list[tuple[date, bool]] = []
    if group.kind == GroupKind.SWG:
        missed = SWG_MISSED.get(group.code, set())
        cancelled = SWG_CANCELLED.get(group.code, set())
        for offset, quarter in [(y, q) for y in (-1, 0) for q in range(1, 5)] + [(1, 1)]:
            day = _weekday(_quarter_start(year + offset, quarter) + timedelta(days=rng.randint(14, 75)))
            if (offset, quarter) not in missed:
                plan.append((day, (offset, quarter) in cancelled))
        if group.code == SHOWCASE:
            plan = _recent(plan, today)
            if not any(day > today for day, _ in plan):  # and its next meeting is planned
                plan.append((_weekday(today + timedelta(days=rng.randint(12, 40))), False))
    elif group.kind == GroupKind.SUBSWG:
        for y in (year - 1, year, year + 1):
            days = [
                date(y, rng.randint(2, 6), rng.randint(1, 28)),
                date(y, rng.randint(8, 11), rng.randint(1, 28)),
            ]
            if rng.random() < 0.25:  # some sub-SWGs met only once in a year
                days.pop(rng.randrange(2))
            plan += [(_weekday(day), rng.random() < 0.05) for day in days]
    else:
        days = [
            today + timedelta(days=-280 + rng.randint(-10, 10)),
            today + timedelta(days=rng.randint(20, 80)),
        ]
        plan = [(_weekday(day), False) for day in days]
    return sorted((day, cancelled and day < today) for day, cancelled in plan if day <= horizon)


def _recent(plan: list[tuple[date, bool]], today: date) -> list[tuple[date, bool]]:
    """The meeting of the quarter of a week ago moved to a week ago (a weekday of that quarter)."""
    day = today - timedelta(days=8)
    quarter = (day.month - 1) // 3
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    if (day.month - 1) // 3 != quarter:  # the quarter began on that weekend
        day = _weekday(day + timedelta(days=1))
    kept = [(d, c) for d, c in plan if not (d.year == day.year and (d.month - 1) // 3 == quarter)]
    return [*kept, (day, False)]


def _kind(group: Group) -> str:
    if group.kind == GroupKind.SWG:
        return "swg"
    if group.kind == GroupKind.SUBSWG:
        return "subswg"
    return group.forum_kind if group.forum_kind in ("rtim", "hlrtm", "chairs", "consultation") else "other"


def _titles(group: Group, number: int, day) -> tuple[str, str]:
    quarter = (day.month - 1) // 3 + 1
    en = f"{group.name_en or group.code} meeting, Q{quarter} {day.year}"
    lo = f"ກອງປະຊຸມ {group.name_lo or group.name_en} ໄຕມາດ {quarter} ປີ {day.year}"
    return lo, en


def _officer():
    """The demo's RTP Secretariat account (made by the directory demo): it manages every group's meetings."""
    User = get_user_model()
    rtp = User.objects.filter(groups__name=RTP_SECRETARIAT_GROUP).order_by("pk").first()
    return rtp or User.objects.filter(is_superuser=True).order_by("pk").first()


def load(stdout) -> None:
    officer = _officer()
    if officer is None:
        stdout.write("Meetings: no RTP Secretariat account yet, skipped.")
        return
    created = 0
    today = timezone.localdate()
    groups = list(Group.objects.active().select_related("parent").order_by("order", "code"))
    existing = set(Meeting.objects.filter(ical_uid__startswith="demo-").values_list("ical_uid", flat=True))
    # Everything goes through the real services, as the RTP Secretariat, with notify=False: a demo sends
    # no email. Past invitations and answers are recorded at their dates (the services take `at`).
    for group in groups:
        rng = random.Random(f"meetings-{group.code}")
        for number, (day, cancelled) in enumerate(_plan(group, rng, today), start=1):
            uid = f"demo-{group.code}-{number}@roundtable"
            if uid in existing:
                continue
            _meeting(officer, group, number, day, uid, rng, cancelled=cancelled)
            created += 1
    total = Meeting.objects.filter(ical_uid__startswith="demo-").count()
    stdout.write(f"Meetings: {created} created, {total} in the demo.")


def _meeting(
    officer, group: Group, number: int, day, uid: str, rng: random.Random, *, cancelled: bool = False
) -> Meeting:
    lo, en = _titles(group, number, day)
    venue_en, venue_lo = rng.choice(VENUES)
    chair = group.chair_terms.current().select_related("person").first()
    kind = _kind(group)
    # The Round Table meetings themselves last two whole days; the others a morning.
    two_days = kind in ("rtim", "hlrtm")
    meeting = services.meeting_create(
        actor=officer,
        group=group,
        ical_uid=uid,
        data={
            "kind": kind,
            "title_lo": lo,
            "title_en": en,
            "start": _at(day, 0) if two_days else _at(day, 9),
            "end": _at(day + timedelta(days=1), 23) + timedelta(minutes=59) if two_days else _at(day, 12),
            "all_day": two_days,
            "venue_en": venue_en,
            "venue_lo": venue_lo,
            "online_link": "https://meet.example.la/" + group.code if rng.random() < 0.4 else "",
            "chair_person": chair.person if chair else None,
            # SWG and forum meetings are usually announced on the website; sub-SWG meetings mostly not.
            "is_public": rng.random() < (0.3 if group.kind == GroupKind.SUBSWG else 0.8),
        },
    )
    _agenda(officer, meeting, day.year, rng)
    past = day < timezone.localdate()
    members = Membership.objects.current().filter(group=group).exists()
    if members:
        invited_at = min(meeting.start - timedelta(days=14), timezone.now())
        services.participants_invite(
            actor=officer, meeting=meeting, stakeholders=True, notify=False, at=invited_at
        )
    if past and cancelled:
        _answers_and_attendance(officer, meeting, rng, attendance=False)
        services.meeting_set_state(
            actor=officer,
            meeting=meeting,
            state=MeetingState.CANCELLED,
            reason="No quorum: the chair was travelling.",
            notify=False,
        )
    elif past:
        _answers_and_attendance(officer, meeting, rng)
        services.meeting_set_state(actor=officer, meeting=meeting, state=MeetingState.HELD, notify=False)
    else:
        _early_answers(meeting, rng)
        if rng.random() < 0.1:
            services.meeting_set_state(
                actor=officer,
                meeting=meeting,
                state=MeetingState.POSTPONED,
                reason="Moved to align with the RTIM preparations.",
                notify=False,
            )
    return meeting


def _agenda(officer, meeting: Meeting, year: int, rng: random.Random) -> None:
    priorities = list(
        Priority.objects.filter(workplan__group=meeting.group, workplan__year=year)
        .select_related("lead_organisation", "workplan")
        .order_by("order")[:3]
    )
    items = [
        {
            **_priority_item_titles(priority),
            "priority": priority,
            "presenter": priority.lead_organisation.short_name if priority.lead_organisation_id else "",
            "duration_minutes": 30,
        }
        for priority in priorities[:2]
    ]
    for en, lo in rng.sample(TOPICS[:4], 2 if not priorities else 1) + [TOPICS[4]]:
        items.append({"title_lo": lo, "title_en": en, "duration_minutes": 20})
    for data in items:
        services.agenda_item_save(actor=officer, meeting=meeting, data=data)


def _priority_item_titles(priority: Priority) -> dict:
    """An agenda item about a priority is titled after it only once the plan is published: the agenda of a
    public meeting (and the minutes, which make the meeting public) must not quote a draft plan."""
    if priority.workplan.status == WorkPlanStatus.PUBLISHED:
        return {"title_lo": priority.title_lo, "title_en": priority.title_en}
    return {
        "title_lo": f"ແຜນງານບຸລິມະສິດທີ {priority.order} ຂອງແຜນວຽກປະຈຳປີ",
        "title_en": f"Priority programme {priority.order} of the annual work plan",
    }


def _answers_and_attendance(officer, meeting: Meeting, rng: random.Random, attendance: bool = True) -> None:
    answered_at = meeting.start - timedelta(days=3)
    attended = []
    for participant in meeting.participants.filter(source=ParticipantSource.INVITED):
        roll = rng.random()
        if roll < 0.65:
            services.participant_answer(participant=participant, response=Response.ATTEND, at=answered_at)
            if rng.random() < 0.92:
                attended.append(participant.pk)
        elif roll < 0.8:
            services.participant_answer(participant=participant, response=Response.DECLINE, at=answered_at)
        elif roll < 0.9:
            substitute = services.participant_answer(
                participant=participant,
                response=Response.SUBSTITUTE,
                substitute={
                    "name": f"Deputy of {participant.name}",
                    "position": "Deputy Director",
                    "gender": rng.choice("fm"),
                },
                at=answered_at,
                notify=False,
            )
            attended.append(substitute.pk)
        # else: never answered
    if not attendance:  # the meeting was called off
        return
    services.attendance_record(actor=officer, meeting=meeting, attended_ids=attended)
    if rng.random() < 0.3:
        name, gender, org = rng.choice(WALK_INS)
        services.walk_in_add(actor=officer, meeting=meeting, name=name, gender=gender, organisation_name=org)


def _early_answers(meeting: Meeting, rng: random.Random) -> None:
    for participant in meeting.participants.filter(source=ParticipantSource.INVITED):
        if rng.random() < 0.4:
            response = Response.ATTEND if rng.random() < 0.8 else Response.DECLINE
            services.participant_answer(participant=participant, response=response)
