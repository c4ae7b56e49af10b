"""Matching the organisations named in the data to the directory, and the review list of the unmatched.

An organisation in an activity (its reporting organisation, a participating one) is the directory's:
1. by a decision of the RTP Secretariat on its IATI identifier (`PartnerMatch`), else
2. by the directory's IATI organisation identifier, else
3. by a decision on its name, else
4. by name (English, Lao or acronym, ignoring case, spacing and punctuation), when one organisation has it.
What matches nothing is on the review list until the RTP Secretariat decides: this organisation, or "not
in the directory" (which takes it off the list). The decision applies to every activity at once, and to
the imports that follow.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from roundtable.core.services import require
from roundtable.directory.models import Organisation

from .. import permissions
from ..models import Activity, ActivityOrganisation, PartnerMatch


def name_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "").casefold()
    text = re.sub(r"[\s\-_.,;:'’()\"/&]+", " ", text)
    return text.strip()[:500]


class Matcher:
    """The directory's organisations and the decisions, read once for an import."""

    def __init__(self) -> None:
        self.by_ref: dict[str, int] = {}
        self.by_name: dict[str, int | None] = {}
        for pk, ref, name_en, name_lo, acronym in Organisation.objects.values_list(
            "pk", "iati_identifier", "name_en", "name_lo", "acronym"
        ):
            if ref:
                self.by_ref[ref.strip().upper()] = pk
            for name in (name_en, name_lo, acronym):
                key = name_key(name)
                if not key:
                    continue
                # A name two organisations share matches neither.
                self.by_name[key] = pk if self.by_name.get(key, pk) == pk else None
        self.decided_ref: dict[str, int | None] = {}
        self.decided_name: dict[str, int | None] = {}
        for ref, key, org in PartnerMatch.objects.values_list("ref", "name_key", "organisation_id"):
            if ref:
                self.decided_ref[ref.upper()] = org
            else:
                self.decided_name[key] = org

    def match(self, ref: str, name: str) -> int | None:
        ref = (ref or "").strip().upper()
        if ref and ref in self.decided_ref:
            return self.decided_ref[ref]
        if ref and ref in self.by_ref:
            return self.by_ref[ref]
        key = name_key(name)
        if key in self.decided_name:
            return self.decided_name[key]
        return self.by_name.get(key) if key else None


@dataclass(frozen=True)
class Unmatched:
    ref: str
    name: str
    activities: int
    as_reporting: bool


def unmatched(limit: int | None = None) -> list[Unmatched]:
    """The names and identifiers that match no directory organisation and that nobody decided on, the most
    frequent first."""
    decided_refs = set(PartnerMatch.objects.exclude(ref="").values_list("ref", flat=True))
    decided_names = set(PartnerMatch.objects.filter(ref="").values_list("name_key", flat=True))
    counts: Counter = Counter()
    names: dict[tuple[str, str], str] = {}
    reporting: set[tuple[str, str]] = set()
    rows = (
        Activity.objects.filter(organisation__isnull=True)
        .values("reporting_org_ref", "reporting_org_name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        key = _key(row["reporting_org_ref"], row["reporting_org_name"])
        counts[key] += row["n"]
        names.setdefault(key, row["reporting_org_name"])
        reporting.add(key)
    rows = (
        ActivityOrganisation.objects.filter(organisation__isnull=True)
        .values("ref", "name")
        .annotate(n=Count("activity", distinct=True))
        .order_by()
    )
    for row in rows:
        key = _key(row["ref"], row["name"])
        counts[key] += row["n"]
        names.setdefault(key, row["name"])
    result = []
    for (ref, key), n in counts.most_common():
        if not ref and not key:
            continue
        if (ref and ref in decided_refs) or (not ref and key in decided_names):
            continue
        result.append(Unmatched(ref, names[(ref, key)], n, (ref, key) in reporting))
    return result[:limit] if limit else result


def _key(ref: str, name: str) -> tuple[str, str]:
    ref = (ref or "").strip().upper()
    return (ref, "" if ref else name_key(name))


@transaction.atomic
def partner_decide(*, actor, ref: str, name: str, organisation: Organisation | None) -> int:
    """Decide what an identifier (or, without one, a name) found in the data is: `organisation`, or None
    for "not in the directory". Applies to every activity now; returns how many records changed."""
    require(permissions.can_review_partners(actor))
    ref = (ref or "").strip().upper()
    key = "" if ref else name_key(name)
    match, _created = PartnerMatch.objects.get_or_create(
        ref=ref, name_key=key, defaults={"organisation": organisation, "decided_by": actor}
    )
    if (
        match.organisation_id != (organisation.pk if organisation else None)
        or match.decided_by_id != actor.pk
    ):
        match.organisation = organisation
        match.decided_by = actor
        match.save()
    org_id = organisation.pk if organisation else None
    if ref:
        activities = Activity.objects.filter(reporting_org_ref__iexact=ref)
        participants = ActivityOrganisation.objects.filter(ref__iexact=ref)
    else:
        # Names that differ only in case, spacing or punctuation are the same name.
        activities = Activity.objects.filter(
            pk__in=_same_name(Activity, "reporting_org_ref", "reporting_org_name", key)
        )
        participants = ActivityOrganisation.objects.filter(
            pk__in=_same_name(ActivityOrganisation, "ref", "name", key)
        )
    changed = activities.exclude(organisation_id=org_id).update(organisation_id=org_id)
    changed += participants.exclude(organisation_id=org_id).update(organisation_id=org_id)
    return changed


def _same_name(model, ref_field: str, name_field: str, key: str) -> list[int]:
    rows = model.objects.filter(**{ref_field: ""}).values_list("pk", name_field).iterator()
    return [pk for pk, value in rows if name_key(value) == key]
