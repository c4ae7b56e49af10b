"""Importing IATI files: read (streamed), keep the activities for Lao PDR, write them in batches.

    result = iati_import_file(handle=open(path, "rb"), source_file=source_file)

Each batch of activities is written in one transaction with a few bulk queries (the activities, then their
organisations, sectors, locations, budgets, transactions and funding shares), which is what makes 50,000
activities a minute's work rather than an hour's. A refused activity is left out with its problems; the
rest of the file is imported. Idempotent: an activity is found again by its identifier and replaced only by
a different version that is not older (see `Activity`); an identical one changes nothing.

Which activities are kept: those with the setting's recipient country (`ROUNDTABLE["AID_RECIPIENT_COUNTRY"]`,
Lao PDR, `LA`) at activity or transaction level; an empty setting keeps every activity. An activity kept
before that a newer version no longer gives for Lao PDR is removed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..iati.activity import ParsedActivity
from ..iati.problems import FileRefused, Problem
from ..iati.reader import Broken, Refusal, read_activities, read_header
from ..models import (
    Activity,
    ActivityOrganisation,
    ActivitySector,
    ActivityVersion,
    Budget,
    FileStatus,
    FundingShare,
    Location,
    Source,
    SourceFile,
    Transaction,
    settings_country,
)
from . import money
from .bulk import Rows, delete_where, reserve_ids
from .funding import SHARE_FIELDS, MappingTable, share_rows
from .partners import Matcher

BATCH = 500
# A file with more problems than this keeps the first ones (and the count of all).
MAX_STORED_PROBLEMS = 1000
ACTIVITY_FIELDS = [
    "title_lo",
    "title_en",
    "title_other",
    "titles",
    "descriptions",
    "default_lang",
    "default_currency",
    "status",
    "planned_start",
    "actual_start",
    "planned_end",
    "actual_end",
    "reporting_org_ref",
    "reporting_org_name",
    "reporting_org_type",
    "organisation",
    "recipient_countries",
    "recipient_regions",
    "lao_share",
    "hierarchy",
    "humanitarian",
    "extras",
    "last_updated",
    "source_file",
    "source_line",
    "digest",
    "imported_at",
]


@dataclass
class FileResult:
    """What came of one file: the counts, the problems, the months without exchange rates."""

    name: str
    status: str = FileStatus.IMPORTED
    version: str = ""
    activities: int = 0
    lao_activities: int = 0
    refused_activities: int = 0
    older_kept: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[Problem] = field(default_factory=list)
    problems_total: int = 0
    missing_rates: Counter = field(default_factory=Counter)

    def add_problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.problems_total += 1
            if len(self.problems) < MAX_STORED_PROBLEMS:
                self.problems.append(problem)

    def as_output(self) -> dict:
        """The command's `--json` entry for the file."""
        return {
            "file": self.name,
            "status": "refused" if self.status == FileStatus.REFUSED else "imported",
            "activities": self.activities,
            "lao_activities": self.lao_activities,
            "errors": [p.as_output() for p in self.problems],
        }

    def line(self) -> str:
        """The command's line for the file, in the active language."""
        if self.status == FileStatus.REFUSED:
            reason = self.problems[0].message if self.problems else ""
            return _("%(file)s: refused. %(reason)s") % {"file": self.name, "reason": reason}
        text = ngettext(
            "%(file)s: imported %(n)d activity (%(lao)d for Lao PDR)",
            "%(file)s: imported %(n)d activities (%(lao)d for Lao PDR)",
            self.activities,
        ) % {"file": self.name, "n": self.activities, "lao": self.lao_activities}
        text += ", " + ngettext(
            "refused %(n)d activity", "refused %(n)d activities", self.refused_activities
        ) % {"n": self.refused_activities}
        if self.problems:
            reasons = "; ".join(
                f"{_('line')} {p.line} <{p.element}>: {p.as_output()['message']}"
                if p.element
                else f"{_('line')} {p.line}: {p.as_output()['message']}"
                for p in self.problems
            )
            text += f": {reasons}"
            if self.problems_total > len(self.problems):
                text += " " + _("(and %(n)d more)") % {"n": self.problems_total - len(self.problems)}
        return text + "."


class ImportContext:
    """What a file's import reads once: the mapping, the rates, the directory's organisations."""

    def __init__(self) -> None:
        self.mapping = MappingTable()
        self.rates = money.RateTable()
        self.matcher = Matcher()
        self.country = settings_country()


def iati_import_file(
    *,
    handle: BinaryIO,
    source_file: SourceFile,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH,
) -> FileResult:
    """Import one IATI file into the database and record the outcome on `source_file`.

    Never raises for what is in the file: a file that cannot be read is refused (status "refused"), an
    activity that breaks a rule is refused on its own. Database errors propagate (the job shows them)."""
    result = FileResult(name=source_file.name)
    source_file.status = FileStatus.READING
    source_file.sha256 = _sha256(handle)
    source_file.save(update_fields=["status", "sha256"])
    context = ImportContext()
    read = 0
    batch: list[ParsedActivity] = []
    try:
        result.version = read_header(handle).version
        for item in read_activities(handle):
            if isinstance(item, Broken):
                result.add_problems([item.problem])
                break
            read += 1
            if isinstance(item, Refusal):
                result.refused_activities += 1
                result.add_problems(item.problems)
            else:
                result.activities += 1
                batch.append(item)
            if len(batch) >= batch_size:
                _write_batch(batch, source_file, context, result)
                batch = []
                if progress:
                    progress(read)
        if batch:
            _write_batch(batch, source_file, context, result)
    except FileRefused as refused:
        result.status = FileStatus.REFUSED
        result.add_problems([refused.problem])
    if progress:
        progress(read)
    _record(source_file, result, read)
    return result


def _sha256(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


def _record(source_file: SourceFile, result: FileResult, read: int) -> None:
    source_file.status = result.status
    source_file.version = result.version
    source_file.activities = result.activities
    source_file.lao_activities = result.lao_activities
    source_file.refused_activities = result.refused_activities
    source_file.older_kept = result.older_kept
    source_file.unchanged = result.unchanged
    source_file.removed = result.removed
    source_file.errors = [p.as_record() for p in result.problems]
    source_file.errors_total = result.problems_total
    source_file.missing_rates = money.missing_summary(result.missing_rates)
    source_file.read_so_far = read
    source_file.read_at = timezone.now()
    source_file.save()


# --- one batch -------------------------------------------------------------------------------------


def lao_share(parsed: ParsedActivity, country: str) -> tuple[bool, Decimal]:
    """(kept, the activity-level share for the country) — kept when the country is named at activity or
    transaction level."""
    if not country:
        return True, Decimal(1)
    for entry in parsed.recipient_countries:
        if entry["code"] == country:
            pct = entry["percentage"]
            share = Decimal(pct) / 100 if pct is not None else Decimal(1)
            return True, min(max(share, Decimal(0)), Decimal(1)).quantize(Decimal("0.00000001"))
    if any(t.recipient_country == country for t in parsed.transactions):
        return True, Decimal(0)
    return False, Decimal(0)


def _write_batch(
    batch: list[ParsedActivity], source_file: SourceFile, context: ImportContext, result: FileResult
):
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                counts = _write(batch, source_file, context)
        except IntegrityError:
            # Another import wrote one of these identifiers meanwhile: read them again and replace.
            if attempt == 2:
                raise
            continue
        break
    for key, value in counts.items():
        if key == "missing_rates":
            result.missing_rates.update(value)
        else:
            setattr(result, key, getattr(result, key) + value)


def _write(batch: list[ParsedActivity], source_file: SourceFile, context: ImportContext) -> dict:
    now = timezone.now()
    existing = _existing([p.identifier for p in batch])
    counts = {"lao_activities": 0, "unchanged": 0, "older_kept": 0, "removed": 0, "missing_rates": Counter()}
    creating: list[tuple[ParsedActivity, Decimal]] = []
    replacing: list[tuple[int, ParsedActivity, Decimal]] = []
    removing: list[int] = []
    for parsed in batch:
        kept, share = lao_share(parsed, context.country)
        current = existing.get(parsed.identifier)
        if not kept:
            if current is not None:
                removing.append(current[0])
            continue
        counts["lao_activities"] += 1
        if current is not None:
            pk, digest = current
            if digest == parsed.digest:
                counts["unchanged"] += 1
                continue
            last_updated = _last_updated(pk)
            if last_updated and parsed.last_updated and parsed.last_updated < last_updated:
                counts["older_kept"] += 1
                continue
            replacing.append((pk, parsed, share))
        else:
            creating.append((parsed, share))
    if removing or replacing:
        _delete_parts(removing + [pk for pk, _p, _s in replacing])
    if removing:
        Activity.objects.filter(pk__in=removing).delete()
        counts["removed"] = len(removing)
    writer = Rows(Activity, ACTIVITY_FIELDS)
    writer.update(
        (pk, _activity_values(parsed, share, source_file, context, now)) for pk, parsed, share in replacing
    )
    new_ids = reserve_ids(Activity, len(creating))
    Rows(Activity, ["source", "identifier", *ACTIVITY_FIELDS]).insert(
        (
            (Source.IATI, parsed.identifier, *_activity_values(parsed, share, source_file, context, now))
            for parsed, share in creating
        ),
        with_ids=new_ids,
    )
    written = [(pk, parsed, share) for pk, parsed, share in replacing]
    written += [(pk, parsed, share) for pk, (parsed, share) in zip(new_ids, creating, strict=True)]
    write_parts(written, context, counts["missing_rates"])
    Rows(ActivityVersion, VERSION_FIELDS).insert(
        (pk, source_file.pk, parsed.line, parsed.last_updated, parsed.digest, now)
        for pk, parsed, _s in written
    )
    return counts


def _existing(identifiers: list[str]) -> dict[str, tuple[int, str]]:
    """{identifier: (id, digest)} of the IATI activities stored already. One plain query: the ORM's `__in`
    spends longer preparing 500 text parameters than the database spends answering."""
    if not identifiers:
        return {}
    table = connection.ops.quote_name(Activity._meta.db_table)
    placeholders = ", ".join(["%s"] * len(identifiers))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, identifier, digest FROM {table} "
            f"WHERE source = %s AND identifier IN ({placeholders})",
            [Source.IATI, *identifiers],
        )
        return {identifier: (pk, digest) for pk, identifier, digest in cursor.fetchall()}


def _last_updated(pk: int):
    return Activity.objects.filter(pk=pk).values_list("last_updated", flat=True).first()


def _delete_parts(activity_ids: list[int]) -> None:
    """The parts of activities that are replaced or removed (their versions and priority links stay)."""
    for model in (FundingShare, Transaction, Budget, ActivitySector, ActivityOrganisation, Location):
        delete_where(model, "activity", activity_ids)


def _activity_values(
    parsed: ParsedActivity, share: Decimal, source_file, context: ImportContext, now
) -> tuple:
    """The values of ACTIVITY_FIELDS, in order."""
    titles = parsed.titles
    title_en, title_lo = titles.get("en", ""), titles.get("lo", "")
    org = parsed.reporting_org
    return (
        title_lo,
        title_en,
        "" if (title_en or title_lo) else next(iter(titles.values()), ""),
        titles,
        parsed.descriptions,
        parsed.default_lang,
        parsed.default_currency,
        parsed.status,
        parsed.dates.get(1),
        parsed.dates.get(2),
        parsed.dates.get(3),
        parsed.dates.get(4),
        org.ref[:150],
        org.name[:500],
        org.type[:5],
        context.matcher.match(org.ref, org.name),
        parsed.recipient_countries,
        parsed.recipient_regions,
        share,
        parsed.hierarchy,
        parsed.humanitarian,
        parsed.extras,
        parsed.last_updated,
        source_file.pk,
        parsed.line,
        parsed.digest,
        now,
    )


PARTICIPANT_FIELDS = ("activity", "role", "ref", "type", "name", "activity_ref", "organisation")
SECTOR_FIELDS = ("activity", "vocabulary", "code", "percentage", "name")
LOCATION_FIELDS = (
    "activity",
    "ref",
    "name",
    "province",
    "admin_vocabulary",
    "admin_level",
    "admin_code",
    "latitude",
    "longitude",
)
VALUE_FIELDS = ("value", "currency", "value_date", "value_usd", "value_lak", "usd_rate", "lak_rate")
BUDGET_FIELDS = ("activity", "type", "status", "period_start", "period_end", *VALUE_FIELDS)
TRANSACTION_FIELDS = (
    "activity",
    "ref",
    "type",
    "date",
    *VALUE_FIELDS,
    "description",
    "provider_ref",
    "provider_name",
    "receiver_ref",
    "receiver_name",
    "sector_vocabulary",
    "sector_code",
    "recipient_country",
    "line",
)
VERSION_FIELDS = ("activity", "source_file", "line", "last_updated", "digest", "imported_at")


def write_parts(
    written: list[tuple[int, ParsedActivity, Decimal]], context: ImportContext, missing: Counter
) -> None:
    """The organisations, sectors, locations, budgets, transactions and funding shares of saved activities."""
    participants, sectors, locations, budgets, transactions, funded = [], [], [], [], [], []
    # What the counting reads of each transaction: (activity, type, sector vocabulary, code, country).
    counted: list[tuple[int, int, str, str, str]] = []
    match = context.matcher.match
    for pk, parsed, _share in written:
        for org in parsed.participants:
            participants.append(
                (
                    pk,
                    org.role if org.role in (1, 2, 3, 4) else 4,
                    org.ref[:150],
                    org.type[:5],
                    org.name[:500],
                    org.activity_ref[:255],
                    match(org.ref, org.name),
                )
            )
        for sector in parsed.sectors:
            sectors.append(
                (pk, sector.vocabulary[:5], sector.code[:100], sector.percentage, sector.name[:500])
            )
        for loc in parsed.locations:
            locations.append(
                (
                    pk,
                    loc.ref[:150],
                    loc.name[:500],
                    loc.province,
                    loc.admin_vocabulary[:5],
                    loc.admin_level[:5],
                    loc.admin_code[:100],
                    loc.latitude,
                    loc.longitude,
                )
            )
        for budget in parsed.budgets:
            if budget.value is None or budget.period_start is None or budget.period_end is None:
                continue
            value = budget.value
            value_date = value.value_date or budget.period_start
            budgets.append(
                (
                    pk,
                    budget.type,
                    budget.status,
                    budget.period_start,
                    budget.period_end,
                    *_converted(value.amount, value.currency, value_date, context, missing),
                )
            )
        for txn in parsed.transactions:
            if txn.value is None or txn.type is None or txn.date is None:
                continue
            value = txn.value
            transactions.append(
                (
                    pk,
                    txn.ref[:255],
                    txn.type,
                    txn.date,
                    *_converted(value.amount, value.currency, value.value_date or txn.date, context, missing),
                    txn.description,
                    txn.provider.ref[:150] if txn.provider else "",
                    txn.provider.name[:500] if txn.provider else "",
                    txn.receiver.ref[:150] if txn.receiver else "",
                    txn.receiver.name[:500] if txn.receiver else "",
                    txn.sector_vocabulary[:5],
                    txn.sector_code[:100],
                    txn.recipient_country[:2],
                    txn.line,
                )
            )
            counted.append(
                (pk, txn.type, txn.sector_vocabulary[:5], txn.sector_code[:100], txn.recipient_country[:2])
            )
    Rows(ActivityOrganisation, PARTICIPANT_FIELDS).insert(participants)
    Rows(ActivitySector, SECTOR_FIELDS).insert(sectors)
    Rows(Location, LOCATION_FIELDS).insert(locations)
    Rows(Budget, BUDGET_FIELDS).insert(budgets)
    txn_ids = reserve_ids(Transaction, len(transactions))
    Rows(Transaction, TRANSACTION_FIELDS).insert(transactions, with_ids=txn_ids)
    by_activity: dict[int, list] = {}
    for txn_id, (pk, *rest) in zip(txn_ids, counted, strict=True):
        by_activity.setdefault(pk, []).append((txn_id, *rest))
    for pk, parsed, share in written:
        split = [(s.vocabulary, s.code, s.percentage) for s in parsed.sectors]
        funded += share_rows(pk, share, split, by_activity.get(pk, []), context.mapping, context.country)
    Rows(FundingShare, SHARE_FIELDS).insert(funded)


def _converted(amount, currency: str, value_date, context: ImportContext, missing: Counter) -> tuple:
    """VALUE_FIELDS' values."""
    converted = context.rates.convert(amount, currency, value_date)
    for gap in converted.missing:
        missing[gap] += 1
    return (
        amount,
        currency,
        value_date,
        converted.value_usd,
        converted.value_lak,
        converted.usd_rate,
        converted.lak_rate,
    )
