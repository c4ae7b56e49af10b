"""The items of a checklist: what each obligation's due rule asks of a group in a year, read from the records.

    ctx = Context(group, obligation, year, facts, on)
    ITEMS[obligation.rule](ctx)            # [Item(key, label, due, done, status, days_late, records), ...]

One function per rule kind (fixed date, yearly, quarterly, after an event, before a cycle, while a condition
holds), each giving its items with their due day, the day done (from the records or a hand tick), their
status on the day `on` (status_of) and links to the records behind them. checklists.py gathers the items
into cells (group × obligation × year) and the scorecard."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from roundtable.core.i18n import pick
from roundtable.groups.models import Group

from .models import Obligation
from .records import Facts, MeetingFact
from .rules import Event, Proof, Rule, default_count, default_days, default_month_day, safe_date


class Status(models.TextChoices):
    DONE = "done", _("Done on time")
    LATE = "late", _("Done late")
    OVERDUE = "overdue", _("Overdue")
    DUE = "due", _("Due")
    NA = "na", _("Not applicable")


# The order in which a cell shows its items' statuses: the worst first.
SEVERITY = [Status.OVERDUE, Status.LATE, Status.DUE, Status.DONE, Status.NA]

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


def status_of(due: date, done: date | None, on: date) -> tuple[str, int]:
    """The status of one item on the day `on`, and the days late (of the doing, or so far)."""
    if done is not None and done <= on:
        if done <= due:
            return Status.DONE, 0
        return Status.LATE, (done - due).days
    if on > due:
        return Status.OVERDUE, (on - due).days
    return Status.DUE, 0


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
