"""The facts a progress report writes itself: computed from the platform's records, never typed.

`compute_facts(group, year, on=...)` reads, in a fixed number of queries whatever the size of the group:
- the group (name, mandate), its chair and co-chairs, its secretariat (from the structure);
- meetings held per quarter of the year against the guideline's minimum (ROUNDTABLE settings), and the
  meetings of each sub-SWG against theirs (sub-SWGs report inside their SWG's report);
- attendance at the group's meetings by organisation kind and by gender (meetings' participant lists);
- the minutes of those meetings sent to the RTP Secretariat and published within the guideline's days;
- the action points of those meetings: done, open, overdue, dropped;
- the year's work plan (its state, deadline and lateness) and next year's plan (its priorities);
- ODA to the sector: a marked empty place until an app provides it (see "Fact providers" below).

The result is plain JSON (codes, numbers, ISO dates), so that it is frozen as it is into the report when it
is submitted (`ProgressReport.facts`) and into its version; labels are given when it is shown (`labelled`).

Fact providers (the hook for aid data, and for any later app): a provider is a function
`(group, year, on) -> dict | None` registered under a key, either with `register_fact_provider(key, fn)`
or, for an app below this one in the layers (which cannot import it), by a module
`roundtable/<app>/report_facts.py` that defines `REPORT_FACTS = {"oda": fn}`: this module looks for it in
every installed app, the way `load_demo` finds the demos. The "oda" provider returns
`{"currency": "USD", "committed": 1.0, "disbursed": 1.0, "source_lo": "...", "source_en": "...",
"partners": [{"name_lo": "...", "name_en": "...", "committed": 1.0, "disbursed": 1.0}]}`, or None when
it has no data for the group and year. With no provider, `facts["oda"]` is None and the report says that
aid data is not available on the platform yet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from roundtable.directory.models import Membership, OrganisationKind
from roundtable.groups.models import ChairTerm, Group
from roundtable.meetings.models import Meeting, MeetingState, Participant
from roundtable.minutes.models import ActionPoint, ActionStatus, MinutesVersion
from roundtable.workplans.models import Priority, WorkPlan, workplan_deadline

FactProvider = Callable[[Group, int, date], "dict | None"]
_providers: dict[str, FactProvider] = {}
_discovered = False


def register_fact_provider(key: str, fn: FactProvider) -> FactProvider:
    """Add (or replace) the provider of `facts[key]`."""
    _providers[key] = fn
    return fn


def unregister_fact_provider(key: str) -> None:
    _providers.pop(key, None)


def fact_providers() -> dict[str, FactProvider]:
    """The registered providers, with those of every app's `report_facts.REPORT_FACTS` (found once)."""
    global _discovered
    if not _discovered:
        for config in apps.get_app_configs():
            name = f"{config.name}.report_facts"
            if find_spec(config.name) is not None and find_spec(name) is not None:
                for key, fn in getattr(import_module(name), "REPORT_FACTS", {}).items():
                    _providers.setdefault(key, fn)
        _discovered = True
    return dict(_providers)


def _rules() -> dict:
    rules = getattr(settings, "ROUNDTABLE", {})
    return {
        "per_quarter": int(rules.get("SWG_MEETINGS_PER_QUARTER", 1)),
        "subgroup_per_year": int(rules.get("SUBSWG_MEETINGS_PER_YEAR", 2)),
        "send_days": int(rules.get("MINUTES_SEND_WITHIN_DAYS", 14)),
        "publish_days": int(rules.get("MINUTES_PUBLISH_WITHIN_DAYS", 30)),
    }


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime(year, 1, 1)),
        timezone.make_aware(datetime(year + 1, 1, 1)),
    )


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localdate(value).isoformat()
    return value.isoformat()


def quarters_elapsed(year: int, on: date) -> int:
    """The quarters of `year` begun by `on`: the minimum is judged only on them."""
    if on.year > year:
        return 4
    if on.year < year:
        return 0
    return (on.month - 1) // 3 + 1


def _on_time(events: list, deadline: date, on: date) -> str:
    """ "on_time", "late", "overdue" (not done, deadline passed) or "pending" (not done, not due yet)."""
    done = min((timezone.localdate(e) for e in events if e is not None), default=None)
    if done is not None:
        return "on_time" if done <= deadline else "late"
    return "overdue" if on > deadline else "pending"


def compute_facts(group: Group, year: int, on: date | None = None) -> dict:
    """The group's facts for the reporting year, as of `on` (today by default). Nine queries."""
    on = on or timezone.localdate()
    rules = _rules()
    start, end = _year_bounds(year)
    subgroups = list(Group.objects.filter(parent=group, is_active=True).order_by("order", "code"))
    ids = [group.pk, *(g.pk for g in subgroups)]

    chairs = list(
        ChairTerm.objects.current(on)
        .filter(group=group)
        .select_related("organisation", "person")
        .order_by("role", "start_date", "pk")
    )
    secretariat_orgs = []
    for membership in (
        Membership.objects.current(on)
        .filter(group=group, role="secretariat")
        .select_related("organisation", "person__organisation")
        .order_by("pk")
    ):
        org = membership.organisation or membership.person.organisation
        if org is not None and org not in secretariat_orgs:
            secretariat_orgs.append(org)
    if not secretariat_orgs and group.lead_ministry_id:
        secretariat_orgs = [group.lead_ministry]

    meetings = list(
        Meeting.objects.filter(group_id__in=ids, start__gte=start, start__lt=end)
        .values("id", "group_id", "start", "state")
        .order_by("start", "id")
    )
    held = [m for m in meetings if m["state"] == MeetingState.HELD and timezone.localdate(m["start"]) <= on]
    own_held = [m for m in held if m["group_id"] == group.pk]
    quarters = [0, 0, 0, 0]
    for m in own_held:
        quarters[(timezone.localtime(m["start"]).month - 1) // 3] += 1
    elapsed = quarters_elapsed(year, on)

    attendance_rows = (
        Participant.objects.filter(meeting_id__in=[m["id"] for m in own_held], attended=True)
        .values("organisation__kind", "gender")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_kind: Counter = Counter()
    gender = Counter()
    for row in attendance_rows:
        by_kind[row["organisation__kind"] or OrganisationKind.OTHER] += row["n"]
        gender[row["gender"] if row["gender"] in ("f", "m") else "o"] += row["n"]
    kind_order = list(OrganisationKind.values)

    versions: dict[int, list[dict]] = {}
    for row in MinutesVersion.objects.filter(minutes__meeting_id__in=[m["id"] for m in held]).values(
        "minutes__meeting_id", "sent_to_rtp_at", "published_at"
    ):
        versions.setdefault(row["minutes__meeting_id"], []).append(row)
    sent, published = Counter(), Counter()
    published_by_group: Counter = Counter()
    for m in held:
        day = timezone.localdate(m["start"])
        rows = versions.get(m["id"], [])
        if any(r["published_at"] for r in rows):
            published_by_group[m["group_id"]] += 1
        if m["group_id"] != group.pk:
            continue
        sent[_on_time([r["sent_to_rtp_at"] for r in rows], day + timedelta(days=rules["send_days"]), on)] += 1
        published[
            _on_time([r["published_at"] for r in rows], day + timedelta(days=rules["publish_days"]), on)
        ] += 1

    actions = Counter()
    for row in ActionPoint.objects.filter(
        group=group, item__minutes__meeting__start__gte=start, item__minutes__meeting__start__lt=end
    ).values("status", "due_date"):
        actions["total"] += 1
        if row["status"] == ActionStatus.DONE:
            actions["done"] += 1
        elif row["status"] == ActionStatus.DROPPED:
            actions["dropped"] += 1
        else:
            actions["open"] += 1
            if row["due_date"] is not None and row["due_date"] < on:
                actions["overdue"] += 1

    plans = {
        p.year: p
        for p in WorkPlan.objects.filter(group=group, year__in=[year, year + 1]).annotate(
            priority_count=Count("priorities")
        )
    }
    plan, next_plan = plans.get(year), plans.get(year + 1)
    next_priorities = []
    if next_plan is not None:
        next_priorities = list(
            Priority.objects.filter(workplan=next_plan).order_by("order", "id").values("title_lo", "title_en")
        )

    facts = {
        "as_of": on.isoformat(),
        "year": year,
        "group": {
            "code": group.code,
            "name_lo": group.name_lo,
            "name_en": group.name_en,
            "mandate_lo": group.mandate_lo,
            "mandate_en": group.mandate_en,
            "secretariat": [_org(o) for o in secretariat_orgs],
        },
        "chairs": [
            {
                "role": term.role,
                "organisation": _org(term.organisation),
                "person_lo": term.person.name_lo if term.person else "",
                "person_en": term.person.name_en if term.person else "",
            }
            for term in chairs
        ],
        "meetings": {
            "minimum_per_quarter": rules["per_quarter"],
            "quarters": quarters,
            "quarters_elapsed": elapsed,
            "quarters_met": sum(1 for q in quarters[:elapsed] if q >= rules["per_quarter"]),
            "held": len(own_held),
            "cancelled": sum(
                1 for m in meetings if m["group_id"] == group.pk and m["state"] == MeetingState.CANCELLED
            ),
        },
        "subgroups": [
            {
                "code": g.code,
                "name_lo": g.name_lo,
                "name_en": g.name_en,
                "held": sum(1 for m in held if m["group_id"] == g.pk),
                "minimum_per_year": rules["subgroup_per_year"],
                "minutes_published": published_by_group[g.pk],
            }
            for g in subgroups
        ],
        "attendance": {
            "total": sum(gender.values()),
            "women": gender["f"],
            "men": gender["m"],
            "other": gender["o"],
            "by_kind": [
                {"kind": kind, "count": by_kind[kind]}
                for kind in sorted(by_kind, key=lambda k: kind_order.index(k) if k in kind_order else 99)
            ],
        },
        "minutes": {
            "meetings": len(own_held),
            "send_within_days": rules["send_days"],
            "publish_within_days": rules["publish_days"],
            "sent_on_time": sent["on_time"],
            "sent_late": sent["late"],
            "not_sent": sent["overdue"],
            "send_pending": sent["pending"],
            "published_on_time": published["on_time"],
            "published_late": published["late"],
            "not_published": published["overdue"],
            "publish_pending": published["pending"],
        },
        "action_points": {k: actions[k] for k in ("total", "done", "open", "overdue", "dropped")},
        "workplan": _plan(plan, year, on),
        "next_plan": {
            **_plan(next_plan, year + 1, on),
            "priorities": next_priorities,
        },
    }
    providers = fact_providers()
    facts["oda"] = None
    for key, provider in providers.items():
        facts[key] = provider(group, year, on)
    return facts


def _org(org) -> dict:
    return {"name_lo": org.name_lo, "name_en": org.name_en, "acronym": org.acronym}


def _plan(plan: WorkPlan | None, year: int, on: date) -> dict:
    deadline = workplan_deadline(year)
    if plan is None:
        return {
            "exists": False,
            "status": "",
            "deadline": deadline.isoformat(),
            "submitted_on": None,
            "published_on": None,
            "days_late": max(0, (on - deadline).days),
            "priorities_count": 0,
        }
    submitted = timezone.localdate(plan.submitted_at) if plan.submitted_at else None
    # A plan published without a recorded submission (entered by hand) counts from its publication.
    reached = submitted or (timezone.localdate(plan.published_at) if plan.published_at else None) or on
    return {
        "exists": True,
        "status": plan.status,
        "deadline": deadline.isoformat(),
        "submitted_on": _iso(submitted),
        "published_on": _iso(plan.published_at),
        "days_late": max(0, (reached - deadline).days),
        "priorities_count": getattr(plan, "priority_count", 0),
    }
