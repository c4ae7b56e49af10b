"""The records a checklist reads, fetched for many groups and years at once.

`collect()` reads each kind of record in one query, whatever the number of groups and years (a scorecard of
ten years of every group costs the same number of queries as one group's checklist for one year), and only
the kinds of record the obligations in play need. Values only, no model instances: a scorecard reads
thousands of rows.

What is public, for the public scorecard (`public=True`): the meetings published on the website (the
meetings API), minutes with a published language version (the minutes API), published work plans (the
work plans API), and the progress reports published with their cycle (the reports API, which publishes
their submission date). Nothing else is read then.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Exists, Min, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django.utils import timezone

from roundtable.directory.models import Membership
from roundtable.groups.models import ChairRole, ChairTerm, TermsOfReference
from roundtable.meetings.models import Meeting, MeetingState
from roundtable.minutes.models import MinutesVersion
from roundtable.reports.models import Cycle, CycleStatus, ProgressReport, ReportStatus, SubgroupNote
from roundtable.workplans.models import PlanStakeholder, WorkPlan

from .rules import Event, Proof, Rule


@dataclass
class PlanFact:
    id: int
    submitted: date | None
    published: date | None
    has_stakeholders: bool


@dataclass
class MeetingFact:
    id: int
    day: date
    state: str
    is_public: bool
    title_lo: str
    title_en: str
    sent: date | None = None
    minutes_published: date | None = None

    @property
    def held(self) -> bool:
        return self.state == MeetingState.HELD


@dataclass
class CycleFact:
    id: int
    code: str
    kind: str
    number: int | None
    year: int
    held_on: date
    deadline: date
    status: str
    group_ids: set[int] = field(default_factory=set)

    @property
    def title(self) -> str:
        # The cycle's own naming rule (RTIM on a year, HL-RTM by number), without loading the record.
        return Cycle(kind=self.kind, number=self.number, year=self.year, held_on=self.held_on).title


@dataclass
class ReportFact:
    submitted: date | None
    published: bool


@dataclass
class TermFact:
    id: int
    role: str
    start: date
    planned_end: date | None
    ended_on: date | None
    replaces_id: int | None
    organisation: str


@dataclass
class Facts:
    public: bool
    plans: dict[tuple[int, int], PlanFact] = field(default_factory=dict)
    meetings: dict[int, list[MeetingFact]] = field(default_factory=lambda: defaultdict(list))
    cycles: list[CycleFact] = field(default_factory=list)
    reports: dict[tuple[int, int], ReportFact] = field(default_factory=dict)
    subgroup_parts: dict[tuple[int, int], date | None] = field(default_factory=dict)
    terms: dict[int, list[TermFact]] = field(default_factory=lambda: defaultdict(list))
    tor: dict[int, list[tuple[date, int]]] = field(default_factory=lambda: defaultdict(list))
    stakeholder_changes: dict[tuple[int, int], date] = field(default_factory=dict)
    ticks: dict[tuple[int, int, str], object] = field(default_factory=dict)


def year_start(year: int) -> datetime:
    return timezone.make_aware(datetime(year, 1, 1))


def _day(value) -> date | None:
    return timezone.localdate(value) if value is not None else None


def needed_proofs(obligations) -> set[str]:
    """The proofs and events the obligations read (the events of after-event rules count as proofs)."""
    needed = set()
    for obligation in obligations:
        needed.add(obligation.proof)
        if obligation.rule == Rule.AFTER_EVENT:
            needed.add(Event.MEETING_HELD if obligation.event == Event.MEETING_HELD else "cochair_change")
        if obligation.rule == Rule.CONDITION:
            needed.add("cochair_change")
    return needed


def collect(groups, obligations, first_year: int, last_year: int, *, public: bool = False) -> Facts:
    """Every record the obligations need for these groups in [first_year, last_year]: one query per kind."""
    facts = Facts(public=public)
    ids = [g.pk for g in groups]
    if not ids:
        return facts
    needed = needed_proofs(obligations)
    start, end = year_start(first_year), year_start(last_year + 1)

    if needed & {Proof.WORKPLAN_SUBMITTED, Proof.WORKPLAN_PUBLISHED, Proof.STAKEHOLDERS_REVIEWED}:
        plans = WorkPlan.objects.filter(group_id__in=ids, year__gte=first_year, year__lte=last_year)
        if public:
            plans = plans.published()
        stakeholders = PlanStakeholder.objects.filter(workplan=OuterRef("pk"))
        for row in plans.annotate(has_stakeholders=Exists(stakeholders)).values(
            "id", "group_id", "year", "submitted_at", "published_at", "has_stakeholders"
        ):
            facts.plans[(row["group_id"], row["year"])] = PlanFact(
                id=row["id"],
                # The submission date is not public: the public scorecard reads only publication.
                submitted=None if public else _day(row["submitted_at"]),
                published=_day(row["published_at"]),
                has_stakeholders=row["has_stakeholders"],
            )

    if needed & {Proof.MEETING_HELD, Event.MEETING_HELD, Proof.MINUTES_SENT, Proof.MINUTES_PUBLISHED}:
        meetings = Meeting.objects.filter(
            group_id__in=ids,
            start__gte=start,
            start__lt=end,
            state__in=[MeetingState.HELD, MeetingState.CANCELLED],
        )
        by_id: dict[int, MeetingFact] = {}
        for row in meetings.values(
            "id", "group_id", "start", "state", "is_public", "title_lo", "title_en"
        ).order_by("start", "id"):
            fact = MeetingFact(
                id=row["id"],
                day=timezone.localdate(row["start"]),
                state=row["state"],
                is_public=row["is_public"],
                title_lo=row["title_lo"],
                title_en=row["title_en"],
            )
            by_id[fact.id] = fact
            facts.meetings[row["group_id"]].append(fact)
        if needed & {Event.MEETING_HELD, Proof.MINUTES_SENT, Proof.MINUTES_PUBLISHED}:
            versions = MinutesVersion.objects.filter(
                minutes__meeting__group_id__in=ids,
                minutes__meeting__start__gte=start,
                minutes__meeting__start__lt=end,
            ).values("minutes__meeting_id", "sent_to_rtp_at", "published_at")
            for row in versions:
                fact = by_id.get(row["minutes__meeting_id"])
                if fact is None:
                    continue
                # The first language version to reach each step decides (as the progress report's facts do).
                sent, published = _day(row["sent_to_rtp_at"]), _day(row["published_at"])
                if sent and not public and (fact.sent is None or sent < fact.sent):
                    fact.sent = sent
                if published and (fact.minutes_published is None or published < fact.minutes_published):
                    fact.minutes_published = published
        if public:
            # A meeting the website does not show is known publicly only through its published minutes.
            for group_id, rows in facts.meetings.items():
                facts.meetings[group_id] = [m for m in rows if m.is_public or m.minutes_published]

    if needed & {Proof.REPORT_SUBMITTED, Proof.SUBGROUP_PART}:
        cycles = Cycle.groups.through.objects.filter(
            cycle__year__gte=first_year, cycle__year__lte=last_year
        ).exclude(cycle__status=CycleStatus.DRAFT)
        if public:
            cycles = cycles.filter(cycle__status=CycleStatus.PUBLISHED)
        # Each reporting group's report of the cycle, in the same query (a report may not exist yet).
        report = ProgressReport.objects.filter(cycle_id=OuterRef("cycle_id"), group_id=OuterRef("group_id"))
        cycles = cycles.annotate(
            report_status=Subquery(report.values("status")[:1]),
            report_submitted=Subquery(report.values("submitted_at")[:1]),
        )
        by_cycle: dict[int, CycleFact] = {}
        for row in cycles.values(
            "group_id",
            "cycle_id",
            "cycle__code",
            "cycle__kind",
            "cycle__number",
            "cycle__year",
            "cycle__held_on",
            "cycle__deadline",
            "cycle__status",
            "report_status",
            "report_submitted",
        ).order_by("cycle__held_on", "cycle__code"):
            cycle = by_cycle.get(row["cycle_id"])
            if cycle is None:
                cycle = by_cycle[row["cycle_id"]] = CycleFact(
                    id=row["cycle_id"],
                    code=row["cycle__code"],
                    kind=row["cycle__kind"],
                    number=row["cycle__number"],
                    year=row["cycle__year"],
                    held_on=row["cycle__held_on"],
                    deadline=row["cycle__deadline"],
                    status=row["cycle__status"],
                )
                facts.cycles.append(cycle)
            cycle.group_ids.add(row["group_id"])
            if row["report_status"] is None:
                continue
            published = (
                row["report_status"] == ReportStatus.PUBLISHED
                and row["cycle__status"] == CycleStatus.PUBLISHED
            )
            if public and not published:
                continue
            facts.reports[(row["cycle_id"], row["group_id"])] = ReportFact(
                submitted=_day(row["report_submitted"]), published=published
            )
        if by_cycle and Proof.SUBGROUP_PART in needed and not public:
            notes = SubgroupNote.objects.filter(report__cycle_id__in=list(by_cycle), group_id__in=ids)
            for row in notes.values(
                "report__cycle_id", "group_id", "text_lo", "text_en", "report__submitted_at"
            ):
                written = bool((row["text_lo"] or "").strip() or (row["text_en"] or "").strip())
                facts.subgroup_parts[(row["report__cycle_id"], row["group_id"])] = (
                    _day(row["report__submitted_at"]) if written else None
                )

    if needed & {Proof.COCHAIR_ROTATED, "cochair_change"} and not public:
        terms = ChairTerm.objects.filter(group_id__in=ids, role=ChairRole.COCHAIR, start_date__lt=end.date())
        for row in terms.values(
            "id",
            "group_id",
            "role",
            "start_date",
            "planned_end",
            "ended_on",
            "replaces_id",
            "organisation__acronym",
            "organisation__name_en",
            "organisation__name_lo",
        ).order_by("start_date", "id"):
            facts.terms[row["group_id"]].append(
                TermFact(
                    id=row["id"],
                    role=row["role"],
                    start=row["start_date"],
                    planned_end=row["planned_end"],
                    ended_on=row["ended_on"],
                    replaces_id=row["replaces_id"],
                    organisation=row["organisation__acronym"]
                    or row["organisation__name_en"]
                    or row["organisation__name_lo"],
                )
            )

    if Proof.TOR_CURRENT in needed and not public:
        for row in TermsOfReference.objects.filter(group_id__in=ids).values("id", "group_id", "issued_on"):
            facts.tor[row["group_id"]].append((row["issued_on"], row["id"]))
        for rows in facts.tor.values():
            rows.sort()

    if Proof.STAKEHOLDERS_REVIEWED in needed and not public:
        changes = (
            Membership.history.filter(group_id__in=ids, history_date__gte=start, history_date__lt=end)
            .annotate(y=ExtractYear("history_date"))
            .values("group_id", "y")
            .annotate(first=Min("history_date"))
            .order_by()
        )
        for row in changes:
            facts.stakeholder_changes[(row["group_id"], row["y"])] = timezone.localdate(row["first"])

    if Proof.HAND_TICK in needed and not public:
        from .models import HandTick

        ticks = HandTick.objects.filter(
            group_id__in=ids, year__gte=first_year, year__lte=last_year
        ).select_related("ticked_by", "ticked_by__person")
        for tick in ticks:
            facts.ticks[(tick.group_id, tick.obligation_id, tick.item_key)] = tick
    return facts
