"""The structure's demo loader: forums, SWGs and sub-SWGs, chairs and co-chairs, stakeholder lists.

Idempotent: every record is found by a natural key (organisation acronym, person email, group code, username,
membership person+group+role, chair term group+role+organisation and its start or, for a current term, its
being open) and saved only when it differs, so a second run neither duplicates nor fills the audit history.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from roundtable.core.demo_tools import upsert
from roundtable.directory import demo as directory_demo
from roundtable.directory.models import Membership, Person
from roundtable.frameworks.models import FrameworkItem

from ..models import ChairTerm, Group
from .data import CHAIR_SINCE, EARLIER_OUTCOMES, FORUM_COCHAIR, FORUMS, PAST_COCHAIRS, ROTATION_DUE, SWGS

# --- the loader ------------------------------------------------------------------------------------


def load(stdout) -> None:
    counts = Run()
    today = timezone.localdate()
    # The directory's demo has written these; here they are only read again, to link them.
    orgs = directory_demo.organisations(counts)
    staff = directory_demo.people(orgs, counts)
    outcomes, sdgs = _framework_items()
    forums = _forums(orgs, staff, counts, today)
    swgs = _swgs(orgs, staff, outcomes, sdgs, counts, today)
    _forum_members(forums, swgs, staff, counts)
    counts.flush()
    _accounts([*forums, *(g for swg, subs in swgs.values() for g in (swg, *subs))], counts)
    summary = ", ".join(f"{n} {label}" for label, n in sorted(counts.items())) or "nothing to change"
    stdout.write(
        f"Structure demo: {len(forums) + sum(1 + len(s) for _, s in swgs.values())} groups ({summary})."
    )


def _framework_items() -> tuple[list[FrameworkItem], dict[str, FrameworkItem]]:
    """NSEDP outcomes (every period loaded) and SDG goals, if the frameworks demo has run."""
    outcomes = list(FrameworkItem.objects.nsedp_outcomes().select_related("framework"))
    sdgs = {item.code: item for item in FrameworkItem.objects.sdg_goals()}
    return outcomes, sdgs


class Run(Counter):
    """What one run did (counts by label), plus the memberships it knows and those waiting to be written.

    Memberships are the bulk of the demo (~450): they are read once and new ones written in batches
    with their history, instead of a lookup, an insert and a history insert each.
    """

    def __init__(self) -> None:
        super().__init__()
        self.memberships = {(m.person_id, m.group_id, m.role): m for m in Membership.objects.all()}
        self.pending: list[Membership] = []

    def flush(self) -> None:
        if self.pending:
            bulk_create_with_history(self.pending, Membership)
            self["Membership created"] += len(self.pending)
            self.pending = []


def _member(person: Person, group: Group, role: str, run: Run, *, start=None, end=None) -> None:
    values = {
        "organisation_id": person.organisation_id,
        "start_date": start or date(2022, 1, 1),
        "end_date": end,
    }
    key = (person.pk, group.pk, role)
    existing = run.memberships.get(key)
    if existing is None:
        membership = Membership(person=person, group=group, role=role, **values)
        membership.full_clean(exclude=["person", "group", "organisation"], validate_constraints=False)
        run.memberships[key] = membership
        run.pending.append(membership)
    elif any(getattr(existing, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        run["Membership updated"] += 1


def _current_term(group, role, org, person, counts, *, start, planned_end=None) -> ChairTerm:
    return upsert(
        ChairTerm,
        {"group": group, "role": role, "organisation": org, "ended_on": None},
        {"person": person, "start_date": start, "planned_end": planned_end},
        counts,
    )


def _outcome_codes(spec, outcome: FrameworkItem) -> set[str]:
    """The codes of the group's outcomes in the outcome's plan: the 9th's and the 10th's six outcomes share
    their order, the 8th's three group them otherwise (`EARLIER_OUTCOMES`)."""
    mapping = EARLIER_OUTCOMES.get(outcome.framework.code)
    if mapping is None:
        return set(spec.outcomes)
    return {mapping[code] for code in spec.outcomes if code in mapping}


def _forums(orgs, staff, counts, today) -> list[Group]:
    forums = []
    for order, (code, forum_kind, name_en, name_lo, mandate_en, mandate_lo) in enumerate(FORUMS, start=1):
        group = upsert(
            Group,
            {"code": code},
            {
                "kind": "forum",
                "forum_kind": forum_kind,
                "name_en": name_en,
                "name_lo": name_lo,
                "mandate_en": mandate_en,
                "mandate_lo": mandate_lo,
                "lead_ministry": orgs["MPI"],
                "parent": None,
                "order": order,
                "is_active": True,
            },
            counts,
        )
        chair = staff["MPI"][2 if code == "consultations" else 0]
        _current_term(group, "chair", orgs["MPI"], chair, counts, start=CHAIR_SINCE)
        cochair_org = orgs[FORUM_COCHAIR[code]]
        _current_term(group, "cochair", cochair_org, staff[cochair_org.acronym][0], counts, start=CHAIR_SINCE)
        for rank in (1, 2, 3):
            _member(staff["MPI"][rank], group, "secretariat", counts)
        forums.append(group)
    return forums


def _swgs(orgs, staff, outcomes, sdgs, counts, today) -> dict[str, tuple[Group, list[Group]]]:
    result = {}
    for order, spec in enumerate(SWGS, start=1):
        lead, lead_staff = orgs[spec.lead], staff[spec.lead]
        group = upsert(
            Group,
            {"code": spec.code},
            {
                "kind": "swg",
                "forum_kind": "",
                "name_en": spec.name_en,
                "name_lo": spec.name_lo,
                "mandate_en": spec.mandate_en,
                "mandate_lo": spec.mandate_lo,
                "lead_ministry": lead,
                "parent": None,
                "order": 10 + order,
                "is_active": True,
            },
            counts,
        )
        group.nsedp_outcomes.set([item for item in outcomes if item.code in _outcome_codes(spec, item)])
        group.sdgs.set([sdgs[code] for code in spec.sdgs if code in sdgs])

        # Government chair: the lead ministry's vice-minister; its planning department is the secretariat.
        _current_term(group, "chair", lead, lead_staff[0], counts, start=CHAIR_SINCE)
        _member(lead_staff[0], group, "member", counts)
        for rank in (1, 2):
            _member(lead_staff[rank], group, "secretariat", counts)
        for rank in (3, 4):
            _member(lead_staff[rank], group, "member", counts)

        # Development-partner co-chairs: terms of two years that started at different times.
        for i, (acronym, rank) in enumerate(spec.cochairs):
            days_left = ROTATION_DUE.get((spec.code, acronym), 400 + 90 * i + 11 * order)
            planned_end = today + timedelta(days=days_left)
            start = planned_end - timedelta(days=730)
            person = staff[acronym][rank]
            _current_term(
                group, "cochair", orgs[acronym], person, counts, start=start, planned_end=planned_end
            )
            _member(person, group, "member", counts)
        for code, acronym, rank, start, end, reason in PAST_COCHAIRS:
            if code == spec.code:
                upsert(
                    ChairTerm,
                    {"group": group, "role": "cochair", "organisation": orgs[acronym], "start_date": start},
                    {
                        "person": staff[acronym][rank],
                        "planned_end": end,
                        "ended_on": end,
                        "change_reason": reason,
                    },
                    counts,
                )

        # The rest of the stakeholder list: one person from each member organisation (a technical officer
        # for a ministry, and people spread over the partners' staff).
        members = []
        for i, acronym in enumerate(spec.members):
            people = staff[acronym]
            person = people[-1] if orgs[acronym].kind == "ministry" else people[(order + i) % len(people)]
            _member(person, group, "member", counts)
            members.append(person)
        # Someone who left, so that the list shows ended memberships too.
        counts.flush()
        taken = set(Membership.objects.filter(group=group).values_list("person_id", flat=True))
        former = next(
            (p for acronym in reversed(spec.members) for p in staff[acronym] if p.pk not in taken), None
        )
        if former is not None and not Membership.objects.filter(group=group, end_date__isnull=False).exists():
            _member(former, group, "member", counts, start=date(2021, 1, 1), end=date(2024, 6, 30))

        subs = _sub_swgs(spec, group, lead, lead_staff, members, orgs, staff, counts)
        result[spec.code] = (group, subs)
    return result


def _sub_swgs(spec, parent, lead, lead_staff, members, orgs, staff, counts) -> list[Group]:
    subs = []
    today = timezone.localdate()
    for i, (suffix, name_en, name_lo) in enumerate(spec.subs):
        sub = upsert(
            Group,
            {"code": f"{spec.code}-{suffix}"},
            {
                "kind": "subswg",
                "forum_kind": "",
                "name_en": name_en,
                "name_lo": name_lo,
                "mandate_en": f"Technical work of the {spec.name_en} SWG on {name_en.lower()}: analysis, "
                f"recommendations and follow-up for the SWG.",
                "mandate_lo": f"ວຽກງານວິຊາການ ຂອງໜ່ວຍງານຂະແໜງການ{spec.name_lo} ດ້ານ{name_lo}: "
                f"ການວິເຄາະ, ຂໍ້ສະເໜີ ແລະ ການຕິດຕາມ ໃຫ້ໜ່ວຍງານຂະແໜງການ.",
                "lead_ministry": lead,
                "parent": parent,
                "order": i + 1,
                "is_active": True,
            },
            counts,
        )
        _current_term(sub, "chair", lead, lead_staff[2], counts, start=date(2022, 1, 1))
        cochair_acronym, _rank = spec.cochairs[i % len(spec.cochairs)]
        cochair = staff[cochair_acronym][-1]
        _current_term(
            sub,
            "cochair",
            orgs[cochair_acronym],
            cochair,
            counts,
            start=date(2024, 1, 1),
            planned_end=today + timedelta(days=500 + 30 * i),
        )
        _member(lead_staff[3], sub, "secretariat", counts)
        for person in [cochair, *members[i : i + 5]]:
            _member(person, sub, "member", counts)
        subs.append(sub)
    return subs


def _accounts(groups: list[Group], counts: Counter) -> None:
    """A login (password `demo`) for the secretariat and the Government chair of every group, so that the
    work-plan and minutes demos take each step as the person whose step it is: the holder of the group's
    first secretariat membership and the representative of its current chair term.

    An account belongs to one person, and one person may serve several groups (an SWG's sub-SWGs share
    their secretariat and chair; one vice-minister chairs three forums): someone who has an account keeps
    it, whether from the directory's demo (`rtp`, `health-secretariat`, ...) or from an earlier group. The
    names say the role: `<SWG>-secretariat`, `<SWG>-chair`, `<SWG>-subswg-secretariat`, `<SWG>-subswg-chair`,
    `<forum>-chair`."""
    for group in groups:
        secretariat = (
            Membership.objects.current()
            .filter(group=group, role="secretariat")
            .select_related("person")
            .order_by("pk")
            .first()
        )
        chair = ChairTerm.objects.current().filter(group=group, role="chair").select_related("person").first()
        prefix = f"{group.parent.code}-subswg" if group.parent_id else group.code
        for role, person in (
            ("secretariat", secretariat and secretariat.person),
            ("chair", chair and chair.person),
        ):
            if person is not None and person.user_id is None:
                directory_demo.account(person, f"{prefix}-{role}", counts)


def _forum_members(forums, swgs, staff, counts) -> None:
    """Chairs and co-chairs of every SWG sit in the meeting of chairs and co-chairs and in the RTIM."""
    by_code = {group.code: group for group in forums}
    terms = ChairTerm.objects.current().filter(group__kind="swg").select_related("person")
    for term in terms:
        if term.person is None:
            continue
        for code in ("swg-chairs", "rtim"):
            _member(term.person, by_code[code], "member", counts)
    for acronym in ("UNRCO", "UNDP", "WB", "ADB", "EU", "JP", "AU", "US", "CN", "VN"):
        _member(staff[acronym][0], by_code["hlrtm"], "member", counts)
