"""Demo of the directory: organisations, invented people with their contacts, and the demo accounts
(password `demo`). The data is in `organisations` and `people`; `load` writes it idempotently (records are
found by acronym, email and username, and saved only when they differ).

The groups' demo (roundtable.groups.demo) asks `organisations()` and `people()` again for the records it
links: on a loaded database they only read.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import User

from roundtable.core.demo_tools import upsert
from roundtable.core.permissions import RTP_SECRETARIAT_GROUP

from ..models import Organisation, Person
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


def load(stdout) -> None:
    counts: Counter = Counter()
    orgs = organisations(counts)
    staff = people(orgs, counts)
    users = accounts(staff, counts)
    summary = ", ".join(f"{n} {label}" for label, n in sorted(counts.items())) or "nothing to change"
    stdout.write(
        f"Directory demo: {len(orgs)} organisations, {sum(len(p) for p in staff.values())} people, "
        f"{len(users)} accounts ({summary})."
    )


def organisations(counts: Counter) -> dict[str, Organisation]:
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


def people(orgs: dict[str, Organisation], counts: Counter) -> dict[str, list[Person]]:
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


def accounts(staff: dict[str, list[Person]], counts: Counter) -> dict[str, User]:
    users = {}
    for (acronym, rank), username in ACCOUNTS.items():
        users[username] = account(staff[acronym][rank], username, counts)
    rtp_group, _ = AuthGroup.objects.get_or_create(name=RTP_SECRETARIAT_GROUP)
    rtp_group.user_set.add(users["rtp"])
    admin = _user("admin", "admin@example.la", counts)
    if not (admin.is_superuser and admin.is_staff):
        admin.is_superuser = admin.is_staff = True
        admin.save()
    users["admin"] = admin
    return users


def account(person: Person, username: str, counts: Counter) -> User:
    """The login `username` (password `demo`) of this person, created or linked when missing.

    The groups' demo calls it too, for the secretariats and chairs it appoints."""
    user = _user(username, person.email, counts)
    if person.user_id != user.pk:
        # Saved one by one, not a queryset update: the unlinking is in each entry's audit history.
        for other in Person.objects.filter(user=user).exclude(pk=person.pk):
            other.user = None
            other.save(update_fields=["user"])
        person.user = user
        person.save()
    return user


def _user(username: str, email: str, counts: Counter) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"email": email})
    if created or not user.has_usable_password():
        user.password = _password_hash(settings.PASSWORD_HASHERS[0])
        user.save()
        counts["accounts created" if created else "accounts updated"] += 1
    return user


@cache
def _password_hash(hasher: str) -> str:
    """One hash of `demo` for every demo account: hashing is slow on purpose (about a third of a second
    each with PBKDF2), and a shared salt protects nothing that a published password would."""
    return make_password(PASSWORD)  # the default hasher, which `hasher` (the cache key) names
