"""The demo loader: writes the data of the sibling modules into the directory and the group structure.

Idempotent: every record is found by a natural key (organisation acronym, person email, group code, username,
membership person+group+role, chair term group+role+organisation and its start or, for a current term, its
being open) and saved only when it differs, so a second run neither duplicates nor fills the audit history.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.directory.models import Membership, Organisation, Person
from roundtable.frameworks.models import FrameworkItem
from roundtable.groups.models import ChairTerm, Group

from .groups import CHAIR_SINCE, FORUM_COCHAIR, FORUMS, PAST_COCHAIRS, ROTATION_DUE, SWGS
from .organisations import ORGANISATIONS, STAFF_BY_KIND, STAFF_OVERRIDES
from .people import (
    ACCOUNTS,
    FOREIGN_NAMES,
    POSITION_OVERRIDES,
    POSITIONS,
    NameSource,
    ascii_key,
    phone_number,
)

PASSWORD = "demo"

# --- helpers ---------------------------------------------------------------------------------------


def _validate(obj: models.Model, values: dict) -> None:
    """The model's own rules (clean, field validation). Related records are passed as saved instances and
    the natural key is looked up first, so the per-record queries of the foreign-key, unique and constraint
    checks are skipped: the database enforces them anyway, and they made the demo slow on PostgreSQL."""
    related = [key for key, value in values.items() if isinstance(value, models.Model)]
    obj.full_clean(exclude=related, validate_unique=False, validate_constraints=False)


def upsert(model: type[models.Model], lookup: dict, defaults: dict, counts: Counter) -> models.Model:
    """Find by `lookup`; create, or update only the fields of `defaults` that differ (no empty history)."""
    obj = model.objects.filter(**lookup).first()
    name = model._meta.object_name
    if obj is None:
        obj = model(**lookup, **defaults)
        _validate(obj, {**lookup, **defaults})
        obj.save()
        counts[f"{name} created"] += 1
        return obj
    changed = False
    for key, value in defaults.items():
        field = model._meta.get_field(key)
        if field.is_relation:
            current, new = getattr(obj, field.attname), (value.pk if value is not None else None)
        else:
            current, new = getattr(obj, key), value
        if current != new:
            setattr(obj, key, value)
            changed = True
    if changed:
        _validate(obj, {**lookup, **defaults})
        obj.save()
        counts[f"{name} updated"] += 1
    return obj


# --- the loader ------------------------------------------------------------------------------------


def load(stdout) -> None:
    counts = Run()
    today = timezone.localdate()
    orgs = _organisations(counts)
    staff = _people(orgs, counts)
    users = _accounts(staff, counts)
    outcomes, sdgs = _framework_items()
    forums = _forums(orgs, staff, counts, today)
    swgs = _swgs(orgs, staff, outcomes, sdgs, counts, today)
    _forum_members(forums, swgs, staff, counts)
    counts.flush()
    summary = ", ".join(f"{n} {label}" for label, n in sorted(counts.items())) or "nothing to change"
    stdout.write(
        f"Structure demo: {len(orgs)} organisations, {sum(len(p) for p in staff.values())} people, "
        f"{len(forums) + sum(1 + len(s) for _, s in swgs.values())} groups, "
        f"{len(users)} accounts ({summary})."
    )


def _organisations(counts: Counter) -> dict[str, Organisation]:
    orgs = {}
    for acronym, kind, country, name_en, name_lo, website, iati in ORGANISATIONS:
        orgs[acronym] = upsert(
            Organisation,
            {"acronym": acronym},
            {
                "kind": kind,
                "country": country,
                "name_en": name_en,
                "name_lo": name_lo,
                "website": website,
                "iati_identifier": iati,
            },
            counts,
        )
    return orgs


def _people(orgs: dict[str, Organisation], counts: Counter) -> dict[str, list[Person]]:
    names = NameSource()
    staff: dict[str, list[Person]] = {}
    n = 0
    for acronym, kind, country, *_ in ORGANISATIONS:
        people = []
        for rank in range(STAFF_OVERRIDES.get(acronym, STAFF_BY_KIND[kind])):
            n += 1
            partner = kind in {"bilateral", "multilateral"}
            # Heads of partner offices are expatriates; their national staff, and everyone else, are Lao.
            foreign = partner and rank % 2 == 0
            pool = (country if country in FOREIGN_NAMES else "") if foreign else "lao"
            (given_en, given_lo, gender), (family_en, family_lo) = names.take(pool)
            domain = "example.org" if partner or kind == "ingo" else "example.la"
            positions = POSITIONS[kind]
            title = "Dr" if n % 9 == 0 else ("Ms" if gender == "f" else "Mr")
            people.append(
                upsert(
                    Person,
                    {"email": f"{ascii_key(given_en)}.{ascii_key(family_en)}@{domain}"},
                    {
                        "name_en": f"{given_en} {family_en}",
                        "name_lo": f"{given_lo} {family_lo}",
                        "title": title,
                        "position": POSITION_OVERRIDES.get(
                            (acronym, rank), positions[min(rank, len(positions) - 1)]
                        ),
                        "organisation": orgs[acronym],
                        "phone": phone_number(n),
                        "gender": gender,
                        "preferred_language": "en" if foreign or (partner and n % 2) else "lo",
                    },
                    counts,
                )
            )
        for person in people:
            person.organisation = orgs[acronym]  # cached: memberships read it for every group
        staff[acronym] = people
    emails = [p.email for people in staff.values() for p in people]
    assert len(emails) == len(set(emails)), "demo names must give distinct emails"
    return staff


def _accounts(staff: dict[str, list[Person]], counts: Counter) -> dict[str, User]:
    users = {}
    for (acronym, rank), username in ACCOUNTS.items():
        person = staff[acronym][rank]
        users[username] = _user(username, person.email, counts)
        if person.user_id != users[username].pk:
            Person.objects.filter(user=users[username]).exclude(pk=person.pk).update(user=None)
            person.user = users[username]
            person.save()
    rtp_group, _ = AuthGroup.objects.get_or_create(name=RTP_SECRETARIAT_GROUP)
    rtp_group.user_set.add(users["rtp"])
    admin = _user("admin", "admin@example.la", counts)
    if not (admin.is_superuser and admin.is_staff):
        admin.is_superuser = admin.is_staff = True
        admin.save()
    users["admin"] = admin
    return users


def _user(username: str, email: str, counts: Counter) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"email": email})
    if created or not user.has_usable_password():
        user.set_password(PASSWORD)
        user.save()
        counts["accounts created" if created else "accounts updated"] += 1
    return user


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
        group.nsedp_outcomes.set([item for item in outcomes if item.code in spec.outcomes])
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
