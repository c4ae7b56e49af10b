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
from datetime import date

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from roundtable.groups.models import ChairTerm, Group, GroupKind

from .items import ITEMS, SEVERITY, SYMBOLS, Context, Item, Status
from .models import Obligation
from .records import collect
from .rules import Event, Proof, Rule, default_count, default_days, default_month_day

CHECKLIST_KINDS = (GroupKind.SWG, GroupKind.SUBSWG)


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


def cell_status(items: list[Item], rule: str) -> str:
    if not items:
        return Status.DONE if rule == Rule.CONDITION else Status.NA
    present = {item.status for item in items}
    return next(status for status in SEVERITY if status in present)


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
