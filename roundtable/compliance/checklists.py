"""A group's checklist for a year, built from its template and ticked by the records.

    card = build_scorecard(groups=..., first_year=2017, last_year=2026, on=today)
    card.cell(group, obligation, 2026).status     # "done", "late", "overdue", "due" or "na"

Each obligation of a year gives its *items* (one for a fixed date; four for a quarterly rule; one per meeting
held for the minutes; one per reporting cycle; one per co-chair term for the condition), each with its due
date, the day it was done (from the records, or a hand tick) and its status:
- done: done on or before the due day; late: done after it (by `days_late` days);
- overdue: not done and the due day has passed (by `days_late` days); due: not done, not past due;
- na: not applicable: the group did not exist yet when the period began (a sub-SWG created later).
The due day itself is still "due": overdue starts the day after.

A cell (group × obligation × year) shows its worst item (overdue, then late, then due, then done), or n.a.
when it has none (no meeting held: no minutes due); a condition with no item holds (done).

Nothing here writes: the same records and the same day give the same checklist, however often it is built.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from roundtable.core.i18n import pick
from roundtable.groups.models import ChairTerm, Group, GroupKind

from .models import Obligation
from .records import Facts, MeetingFact, collect
from .rules import Event, Proof, Rule, default_count, default_days, default_month_day, safe_date


class Status(models.TextChoices):
    DONE = "done", _("Done on time")
    LATE = "late", _("Done late")
    OVERDUE = "overdue", _("Overdue")
    DUE = "due", _("Due")
    NA = "na", _("Not applicable")


# The order in which a cell shows its items' statuses: the worst first.
SEVERITY = [Status.OVERDUE, Status.LATE, Status.DUE, Status.DONE, Status.NA]
CHECKLIST_KINDS = (GroupKind.SWG, GroupKind.SUBSWG)
# A mark for each status, next to its words in the tables: it prints in grey and reads the same to all.
SYMBOLS = {
    Status.DONE: "✓",
    Status.LATE: "◔",
    Status.OVERDUE: "✗",
    Status.DUE: "…",
    Status.NA: "–",
}


@dataclass
class Link:
    label: str
    url: str = ""
    note: str = ""


@dataclass
class Item:
    key: str
    label: str
    due: date
    done: date | None
    status: str
    days_late: int = 0
    records: list[Link] = field(default_factory=list)
    tick: object | None = None
    tickable: bool = False

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.status]

    @property
    def is_open(self) -> bool:
        return self.status in (Status.DUE, Status.OVERDUE)


@dataclass
class Cell:
    group: Group
    obligation: Obligation
    year: int
    items: list[Item]
    status: str
    note: str = ""

    @property
    def counts(self) -> Counter:
        return Counter(item.status for item in self.items)

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.status]

    @property
    def done_count(self) -> int:
        return sum(1 for i in self.items if i.status in (Status.DONE, Status.LATE))

    @property
    def applicable_count(self) -> int:
        return sum(1 for i in self.items if i.status != Status.NA)

    @property
    def days_late(self) -> int:
        return max((i.days_late for i in self.items if i.status in (Status.LATE, Status.OVERDUE)), default=0)


def status_of(due: date, done: date | None, on: date) -> tuple[str, int]:
    """The status of one item on the day `on`, and the days late (of the doing, or so far)."""
    if done is not None and done <= on:
        if done <= due:
            return Status.DONE, 0
        return Status.LATE, (done - due).days
    if on > due:
        return Status.OVERDUE, (on - due).days
    return Status.DUE, 0


def cell_status(items: list[Item], rule: str) -> str:
    if not items:
        return Status.DONE if rule == Rule.CONDITION else Status.NA
    present = {item.status for item in items}
    return next(status for status in SEVERITY if status in present)


# --- Links to the records behind an item -------------------------------------------------------------------


def _meeting_links(meeting: MeetingFact, public: bool, *, minutes: bool = False) -> list[Link]:
    title = pick(meeting.title_lo, meeting.title_en)
    links = []
    if not public or meeting.is_public:
        note = gettext("cancelled") if meeting.state != "held" else ""
        links.append(
            Link(
                f"{title} ({date_format(meeting.day, 'SHORT_DATE_FORMAT')})",
                reverse("meetings:detail", args=[meeting.id]),
                note,
            )
        )
    if minutes and (not public or meeting.minutes_published):
        links.append(Link(gettext("Minutes"), reverse("minutes:detail", args=[meeting.id])))
    if not links:
        links.append(Link(gettext("Minutes"), reverse("minutes:detail", args=[meeting.id])))
    return links


def _plan_link(group: Group, year: int) -> Link:
    return Link(
        gettext("Annual work plan %(year)s") % {"year": year},
        reverse("workplans:detail", args=[group.code, year]),
    )


def _tick_links(tick) -> list[Link]:
    links = []
    if tick.evidence:
        links.append(Link(tick.evidence_name, reverse("compliance:evidence", args=[tick.pk])))
    if tick.evidence_url:
        links.append(Link(tick.evidence_url, tick.evidence_url))
    return links


# --- The items of each rule -------------------------------------------------------------------------


@dataclass
class Context:
    group: Group
    obligation: Obligation
    year: int
    facts: Facts
    on: date

    @property
    def public(self) -> bool:
        return self.facts.public

    def applicable_from(self, period_start: date) -> bool:
        established = getattr(self.group, "established", None)
        return established is None or established <= period_start

    def tick(self, key: str):
        return self.facts.ticks.get((self.group.pk, self.obligation.pk, key))

    def item(self, key: str, label: str, due: date, done: date | None, records=(), applicable=True) -> Item:
        if not applicable:
            status, late = Status.NA, 0
        else:
            status, late = status_of(due, done, self.on)
        tick = self.tick(key) if self.obligation.proof == Proof.HAND_TICK else None
        return Item(
            key=key,
            label=label,
            due=due,
            done=done if status in (Status.DONE, Status.LATE) else None,
            status=status,
            days_late=late,
            records=list(records) + (_tick_links(tick) if tick else []),
            tick=tick,
            tickable=self.obligation.proof == Proof.HAND_TICK and applicable,
        )


def _due_day(ctx: Context) -> date:
    ob = ctx.obligation
    month, day = (ob.due_month, ob.due_day) if ob.due_month else default_month_day(ob.rule, ob.proof)
    return safe_date(ctx.year, month, day)


def _held(ctx: Context, start: date, end: date) -> list[MeetingFact]:
    return [
        m
        for m in ctx.facts.meetings.get(ctx.group.pk, ())
        if m.held and start <= m.day <= end and m.day <= ctx.on
    ]


def _dated_proof(ctx: Context, key: str, due: date) -> tuple[list[date], list[Link]]:
    """The dates a one-off proof was met on (earliest first), and the records behind them."""
    proof, group, year, facts = ctx.obligation.proof, ctx.group, ctx.year, ctx.facts
    plan = facts.plans.get((group.pk, year))
    if proof == Proof.WORKPLAN_SUBMITTED:
        return ([plan.submitted] if plan and plan.submitted else []), (
            [_plan_link(group, year)] if plan else []
        )
    if proof == Proof.WORKPLAN_PUBLISHED:
        return ([plan.published] if plan and plan.published else []), (
            [_plan_link(group, year)] if plan and (plan.published or not ctx.public) else []
        )
    if proof == Proof.STAKEHOLDERS_REVIEWED:
        dates, links = [], []
        changed = facts.stakeholder_changes.get((group.pk, year))
        if changed:
            dates.append(changed)
            links.append(
                Link(
                    gettext("Stakeholder list changed"), reverse("directory:stakeholders", args=[group.code])
                )
            )
        if plan and plan.submitted and plan.has_stakeholders:
            dates.append(plan.submitted)
            links.append(_plan_link(group, year))
        return sorted(dates), links
    if proof == Proof.TOR_CURRENT:
        return _tor(ctx, due)
    if proof == Proof.HAND_TICK:
        tick = ctx.tick(key)
        return ([tick.done_on] if tick else []), []
    return [], []


def _tor(ctx: Context, due: date) -> tuple[list[date], list[Link]]:
    """The document in force on the due day (the newest issued by then, if still valid), else the first
    issued after it (late), else none."""
    valid = ctx.obligation.valid_years
    documents = [(d, pk) for d, pk in ctx.facts.tor.get(ctx.group.pk, ()) if d <= ctx.on]

    def in_force(issued: date) -> bool:
        return issued <= due and (
            valid is None or due < safe_date(issued.year + valid, issued.month, issued.day)
        )

    before = [(d, pk) for d, pk in documents if in_force(d)]
    chosen = before[-1] if before else next(((d, pk) for d, pk in documents if d > due), None)
    if chosen is None:
        return [], []
    link = Link(
        gettext("Terms of Reference of %(date)s") % {"date": date_format(chosen[0], "SHORT_DATE_FORMAT")},
        reverse("groups:tor_download", args=[ctx.group.code, chosen[1]]),
    )
    return [chosen[0]], [link]


def items_fixed_date(ctx: Context) -> list[Item]:
    key = str(ctx.year)
    due = _due_day(ctx)
    dates, links = _dated_proof(ctx, key, due)
    return [
        ctx.item(
            key,
            gettext("By %(date)s") % {"date": date_format(due, "DATE_FORMAT")},
            due,
            dates[0] if dates else None,
            links,
            ctx.applicable_from(date(ctx.year, 1, 1)),
        )
    ]


def items_yearly(ctx: Context) -> list[Item]:
    key = str(ctx.year)
    due = _due_day(ctx)
    count = ctx.obligation.count or default_count(Rule.YEARLY, ctx.obligation.template.kind)
    if ctx.obligation.proof == Proof.MEETING_HELD:
        held = _held(ctx, date(ctx.year, 1, 1), date(ctx.year, 12, 31))
        dates = [m.day for m in held]
        links = [link for m in held for link in _meeting_links(m, ctx.public)]
        label = gettext("%(done)d of %(count)d in %(year)d") % {
            "done": len(held),
            "count": count,
            "year": ctx.year,
        }
    else:
        dates, links = _dated_proof(ctx, key, due)
        label = gettext("By %(date)s") % {"date": date_format(due, "DATE_FORMAT")}
    done = dates[count - 1] if len(dates) >= count else None
    return [ctx.item(key, label, due, done, links, ctx.applicable_from(date(ctx.year, 1, 1)))]


def items_quarterly(ctx: Context) -> list[Item]:
    count = ctx.obligation.count or default_count(Rule.QUARTERLY, ctx.obligation.template.kind)
    items = []
    for quarter in range(1, 5):
        start = date(ctx.year, 3 * quarter - 2, 1)
        end = safe_date(ctx.year, 3 * quarter, 31)
        key = f"{ctx.year}-Q{quarter}"
        if ctx.obligation.proof == Proof.HAND_TICK:
            tick = ctx.tick(key)
            done, links = (tick.done_on if tick else None), []
        else:
            held = _held(ctx, start, end)
            done = held[count - 1].day if len(held) >= count else None
            cancelled = [
                m for m in ctx.facts.meetings.get(ctx.group.pk, ()) if not m.held and start <= m.day <= end
            ]
            links = [link for m in held + cancelled for link in _meeting_links(m, ctx.public)]
        label = gettext("Quarter %(quarter)d") % {"quarter": quarter}
        items.append(ctx.item(key, label, end, done, links, ctx.applicable_from(start)))
    return items


def items_after_event(ctx: Context) -> list[Item]:
    ob = ctx.obligation
    days = ob.days if ob.days is not None else default_days(ob.proof)
    items = []
    if ob.event == Event.MEETING_HELD:
        for meeting in _held(ctx, date(ctx.year, 1, 1), date(ctx.year, 12, 31)):
            key = f"meeting:{meeting.id}"
            if ob.proof == Proof.MINUTES_SENT:
                done = meeting.sent
            elif ob.proof == Proof.MINUTES_PUBLISHED:
                done = meeting.minutes_published
            else:
                tick = ctx.tick(key)
                done = tick.done_on if tick else None
            day = date_format(meeting.day, "SHORT_DATE_FORMAT")
            label = f"{pick(meeting.title_lo, meeting.title_en)} ({day})"
            links = _meeting_links(meeting, ctx.public, minutes=True)
            items.append(ctx.item(key, label, meeting.day + timedelta(days=days), done, links))
    elif ob.event == Event.COCHAIR_CHANGE:
        for term in ctx.facts.terms.get(ctx.group.pk, ()):
            if term.replaces_id is None or term.start.year != ctx.year or term.start > ctx.on:
                continue
            key = f"term:{term.id}"
            tick = ctx.tick(key)
            label = gettext("New co-chair %(organisation)s from %(date)s") % {
                "organisation": term.organisation,
                "date": date_format(term.start, "SHORT_DATE_FORMAT"),
            }
            links = [Link(gettext("Chairs and co-chairs"), reverse("groups:chairs", args=[ctx.group.code]))]
            items.append(
                ctx.item(key, label, term.start + timedelta(days=days), tick.done_on if tick else None, links)
            )
    return items


def items_before_cycle(ctx: Context) -> list[Item]:
    ob, group = ctx.obligation, ctx.group
    reporting_group_id = group.parent_id if ob.proof == Proof.SUBGROUP_PART else group.pk
    items = []
    for cycle in ctx.facts.cycles:
        if cycle.year != ctx.year or reporting_group_id not in cycle.group_ids:
            continue
        key = f"cycle:{cycle.code}"
        due = cycle.deadline if ob.weeks is None else cycle.held_on - timedelta(weeks=ob.weeks)
        links = [Link(cycle.title, reverse("reports:cycle", args=[cycle.code]))]
        if ob.proof == Proof.REPORT_SUBMITTED:
            report = ctx.facts.reports.get((cycle.id, group.pk))
            done = report.submitted if report else None
            if report is not None and (report.published or not ctx.public):
                links.append(
                    Link(gettext("Progress report"), reverse("reports:report", args=[cycle.code, group.code]))
                )
        elif ob.proof == Proof.SUBGROUP_PART:
            done = ctx.facts.subgroup_parts.get((cycle.id, group.pk))
            if group.parent is not None:
                links.append(
                    Link(
                        gettext("Progress report"),
                        reverse("reports:report", args=[cycle.code, group.parent.code]),
                    )
                )
        else:
            tick = ctx.tick(key)
            done = tick.done_on if tick else None
        items.append(ctx.item(key, cycle.title, due, done, links))
    return items


def items_condition(ctx: Context) -> list[Item]:
    """Co-chair terms whose planned end fell by the end of the year and that were still running in it."""
    first, last = date(ctx.year, 1, 1), date(ctx.year, 12, 31)
    items = []
    for term in ctx.facts.terms.get(ctx.group.pk, ()):
        if term.planned_end is None or term.planned_end > last or term.start > min(last, ctx.on):
            continue
        if term.ended_on is not None and term.ended_on < first:
            continue
        ended = term.ended_on if term.ended_on is not None and term.ended_on <= ctx.on else None
        label = gettext("Co-chair %(organisation)s, term to %(date)s") % {
            "organisation": term.organisation,
            "date": date_format(term.planned_end, "SHORT_DATE_FORMAT"),
        }
        links = [Link(gettext("Chairs and co-chairs"), reverse("groups:chairs", args=[ctx.group.code]))]
        items.append(ctx.item(f"term:{term.id}", label, term.planned_end, ended, links))
    return items


ITEMS = {
    Rule.FIXED_DATE: items_fixed_date,
    Rule.YEARLY: items_yearly,
    Rule.QUARTERLY: items_quarterly,
    Rule.AFTER_EVENT: items_after_event,
    Rule.BEFORE_CYCLE: items_before_cycle,
    Rule.CONDITION: items_condition,
}


# --- Groups, obligations, the whole scorecard -------------------------------------------------------


def checklist_groups_queryset(kinds=CHECKLIST_KINDS):
    """Active SWGs and sub-SWGs in tree order, annotated with the start of their first chair term."""
    first_term = (
        ChairTerm.objects.filter(group=OuterRef("pk")).order_by("start_date").values("start_date")[:1]
    )
    return (
        Group.objects.active()
        .filter(kind__in=kinds)
        .select_related("parent")
        .annotate(first_term=Subquery(first_term))
        .in_tree_order()
    )


def with_established(groups) -> list[Group]:
    """Each group with `established`: the earliest of its creation on the platform and the start of its
    first chair term (a group older than the platform has older terms). No query."""
    groups = list(groups)
    for group in groups:
        established = timezone.localdate(group.created_at)
        first_term = getattr(group, "first_term", None)
        if first_term is not None and first_term < established:
            established = first_term
        group.established = established
    return groups


def checklist_groups(kinds=CHECKLIST_KINDS, codes=None, ids=None) -> list[Group]:
    groups = checklist_groups_queryset(kinds)
    if codes is not None:
        groups = groups.filter(code__in=codes)
    if ids is not None:
        groups = groups.filter(pk__in=ids)
    return with_established(groups)


def checklist_obligations(
    first_year: int, last_year: int, *, kinds=CHECKLIST_KINDS, public=False, codes=None
):
    obligations = Obligation.objects.in_years(first_year, last_year).filter(template__kind__in=kinds)
    if public:
        obligations = obligations.public()
    if codes is not None:
        obligations = obligations.filter(code__in=codes)
    return list(obligations.select_related("template").order_by("template__kind", "order", "code"))


@dataclass
class Scorecard:
    years: list[int]
    groups: list[Group]
    obligations: list[Obligation]
    on: date
    public: bool
    cells: dict[tuple[int, int, int], Cell] = field(default_factory=dict)

    def cell(self, group: Group, obligation: Obligation, year: int) -> Cell | None:
        return self.cells.get((group.pk, obligation.pk, year))

    def obligations_of(self, group: Group, year: int | None = None) -> list[Obligation]:
        return [
            ob
            for ob in self.obligations
            if ob.template.kind == group.kind and (year is None or ob.applies_in(year))
        ]

    def group_cells(self, group: Group, year: int) -> list[Cell]:
        return [
            self.cells[k]
            for ob in self.obligations_of(group, year)
            if (k := (group.pk, ob.pk, year)) in self.cells
        ]

    def year_cells(self, year: int) -> list[Cell]:
        return [cell for (_g, _o, y), cell in self.cells.items() if y == year]


def build_scorecard(
    *,
    groups: list[Group],
    obligations: list[Obligation],
    first_year: int,
    last_year: int,
    on: date | None = None,
    public: bool = False,
) -> Scorecard:
    """Every cell of these groups × obligations × years, from one collection of the records."""
    on = on or timezone.localdate()
    facts = collect(groups, obligations, first_year, last_year, public=public)
    years = list(range(first_year, last_year + 1))
    card = Scorecard(years=years, groups=groups, obligations=obligations, on=on, public=public)
    for group in groups:
        for year in years:
            for obligation in card.obligations_of(group, year):
                ctx = Context(group=group, obligation=obligation, year=year, facts=facts, on=on)
                items = ITEMS[obligation.rule](ctx)
                card.cells[(group.pk, obligation.pk, year)] = Cell(
                    group=group,
                    obligation=obligation,
                    year=year,
                    items=items,
                    status=cell_status(items, obligation.rule),
                )
    return card


def group_checklist(group: Group, year: int, on: date | None = None) -> Scorecard:
    """One group's checklist for one year (and the year before, for what is still open from it)."""
    groups = checklist_groups(kinds=(group.kind,), codes=[group.code])
    if not groups:
        groups = [group]
        group.established = None
    obligations = checklist_obligations(year - 1, year, kinds=(group.kind,))
    return build_scorecard(groups=groups, obligations=obligations, first_year=year - 1, last_year=year, on=on)


def legend() -> list[tuple[str, str, str]]:
    """(status, its words, its mark), worst first: for the legends of the pages."""
    return [(status, Status(status).label, SYMBOLS[status]) for status in SEVERITY]


def due_next(cells: list[Cell], limit: int = 5) -> list[tuple[Cell, Item]]:
    """The open items (due or overdue) of these cells, soonest due first."""
    pending = [(cell, item) for cell in cells for item in cell.items if item.is_open]
    pending.sort(key=lambda pair: (pair[1].due, pair[0].obligation.order, pair[1].key))
    return pending[:limit]


def totals(cells: list[Cell]) -> dict:
    """Counts of cells by status, and the share done on time of those that are due and past."""
    counts = Counter(cell.status for cell in cells)
    judged = counts[Status.DONE] + counts[Status.LATE] + counts[Status.OVERDUE]
    return {
        "counts": {status: counts[status] for status in Status.values},
        "total": len(cells),
        "judged": judged,
        "on_time_share": round(100 * counts[Status.DONE] / judged) if judged else None,
    }


def rule_text(obligation: Obligation) -> str:
    """The due rule in words, in the active language (empty numbers say they are the platform's setting)."""
    from django.utils.translation import ngettext

    ob = obligation
    setting = gettext(" (the platform's setting)")
    if ob.rule == Rule.FIXED_DATE:
        month, day = (ob.due_month, ob.due_day) if ob.due_month else default_month_day(ob.rule, ob.proof)
        text = gettext("By %(date)s of the year") % {
            "date": date_format(date(2000, month, day), "MONTH_DAY_FORMAT")
        }
        return text + ("" if ob.due_month else setting)
    if ob.rule == Rule.QUARTERLY:
        n = ob.count or default_count(ob.rule, ob.template.kind)
        text = ngettext("At least %(n)d time each quarter", "At least %(n)d times each quarter", n) % {"n": n}
        return text + ("" if ob.count else setting)
    if ob.rule == Rule.YEARLY:
        n = ob.count or default_count(ob.rule, ob.template.kind)
        month, day = (ob.due_month, ob.due_day) if ob.due_month else default_month_day(ob.rule, ob.proof)
        text = ngettext(
            "At least %(n)d time a year, by %(date)s", "At least %(n)d times a year, by %(date)s", n
        ) % {"n": n, "date": date_format(date(2000, month, day), "MONTH_DAY_FORMAT")}
        if ob.proof == Proof.TOR_CURRENT and ob.valid_years:
            text += " · " + ngettext(
                "a document counts for %(n)d year", "a document counts for %(n)d years", ob.valid_years
            ) % {"n": ob.valid_years}
        return text + ("" if ob.count else setting)
    if ob.rule == Rule.AFTER_EVENT:
        days = ob.days if ob.days is not None else default_days(ob.proof)
        event = Event(ob.event).label if ob.event in Event.values else ""
        text = ngettext(
            "Within %(days)d day after %(event)s", "Within %(days)d days after %(event)s", days
        ) % {"days": days, "event": event}
        return text + ("" if ob.days is not None else setting)
    if ob.rule == Rule.BEFORE_CYCLE:
        if ob.weeks is None:
            return gettext("By the deadline of each reporting cycle of the year")
        return ngettext(
            "%(n)d week before the meeting of each reporting cycle of the year",
            "%(n)d weeks before the meeting of each reporting cycle of the year",
            ob.weeks,
        ) % {"n": ob.weeks}
    return gettext("At all times: a breach is overdue from the day it starts")
