"""The national ODA database's CSV export: its columns mapped to the platform's fields, previewed with the
errors of each row, then imported all or nothing.

A row is a project's figures for one year: its identifier, title, partner, sectors and dates, and the
amounts committed and disbursed that year. A project is an activity like an IATI one (`source=oda`): it is
counted for the groups by the same mapping. A yearly amount is dated 1 July of its year (it converts at
July's rate). Importing again updates: each project of the file is replaced by the file's rows; projects
that are not in the file stay as they are.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.core.services import require
from roundtable.core.spreadsheets import unguard

from .. import permissions
from ..codelists import codelist, currencies
from ..models import (
    Activity,
    ActivityOrganisation,
    ActivitySector,
    ActivityVersion,
    FundingShare,
    Location,
    OdaUpload,
    Source,
    Transaction,
    TransactionType,
)
from ..provinces import PROVINCES, province_of
from . import money
from .bulk import Rows, delete_where, reserve_ids
from .funding import SHARE_FIELDS, MappingTable, share_rows
from .partners import Matcher

# The platform's fields, in the mapping page's order: (name, label, required).
FIELDS = [
    ("project_id", gettext_lazy("Project identifier"), True),
    ("title_en", gettext_lazy("Title (English)"), False),
    ("title_lo", gettext_lazy("Title (Lao)"), False),
    ("partner", gettext_lazy("Development partner"), True),
    ("year", gettext_lazy("Year"), True),
    ("committed", gettext_lazy("Amount committed"), False),
    ("disbursed", gettext_lazy("Amount disbursed"), False),
    ("currency", gettext_lazy("Currency"), False),
    ("sector", gettext_lazy("DAC sector code(s)"), False),
    ("start", gettext_lazy("Start date"), False),
    ("end", gettext_lazy("End date"), False),
    ("province", gettext_lazy("Province"), False),
    ("status", gettext_lazy("Status"), False),
]
FIELD_NAMES = [name for name, _label, _required in FIELDS]
REQUIRED = [name for name, _label, required in FIELDS if required]
# Column names the export may use for each field (compared without case, spaces or punctuation).
GUESSES = {
    "project_id": ["project id", "projectid", "project code", "id", "project no", "project number"],
    "title_en": ["title", "project title", "title en", "title english", "project name", "name"],
    "title_lo": ["title lo", "title lao", "lao title", "project name lao"],
    "partner": ["partner", "development partner", "donor", "funding agency", "funder", "dp"],
    "year": ["year", "fiscal year", "calendar year"],
    "committed": ["committed", "commitment", "commitments", "amount committed", "commitment usd"],
    "disbursed": ["disbursed", "disbursement", "disbursements", "actual disbursement", "disbursement usd"],
    "currency": ["currency", "currency code"],
    "sector": ["sector", "dac code", "dac sector", "sector code", "crs code", "purpose code"],
    "start": ["start", "start date", "planned start"],
    "end": ["end", "end date", "planned end", "completion date"],
    "province": ["province", "location", "provinces"],
    "status": ["status", "project status"],
}
STATUS_WORDS = {
    "pipeline": 1,
    "identification": 1,
    "planned": 1,
    "implementation": 2,
    "ongoing": 2,
    "active": 2,
    "finalisation": 3,
    "completion": 3,
    "closed": 4,
    "completed": 4,
    "cancelled": 5,
    "suspended": 6,
}
IDENTIFIER_PREFIX = "ODA-"


def oda_max_bytes() -> int:
    return int(settings.ROUNDTABLE.get("AID_ODA_MAX_BYTES", 20 * 1024 * 1024))


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z຀-໿]+", " ", (name or "").casefold()).strip()


class OdaRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_csv(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(line, cells)]) of a CSV export (UTF-8; comma, semicolon or tab)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise OdaRefused(
            _("The file is not in UTF-8. Save it as “CSV UTF-8” and upload it again.")
        ) from error
    first = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    try:
        for cells in reader:
            rows.append((line, [unguard(c.strip()) for c in cells]))
            line = reader.line_num + 1
    except csv.Error as error:
        raise OdaRefused(
            _("Line %(line)d: the CSV file cannot be read (%(error)s).") % {"line": line, "error": error}
        ) from error
    rows = [(n, cells) for n, cells in rows if any(cells)]
    if not rows:
        raise OdaRefused(_("The file has no rows."))
    header = rows[0][1]
    if len(set(header)) != len(header) or not all(header):
        raise OdaRefused(_("Every column needs a name of its own on the first line."))
    return header, rows[1:]


def guess_columns(header: list[str], remembered: dict[str, str] | None = None) -> dict[str, str]:
    """{field: column}: the mapping used last for the columns that are still there, else a guess by name."""
    columns: dict[str, str] = {}
    for name, column in (remembered or {}).items():
        if name in FIELD_NAMES and column in header:
            columns[name] = column
    by_key = {_key(column): column for column in header}
    for name, words in GUESSES.items():
        if name in columns:
            continue
        for word in words:
            if word in by_key and by_key[word] not in columns.values():
                columns[name] = by_key[word]
                break
    return columns


def remembered_columns() -> dict[str, str]:
    last = OdaUpload.objects.exclude(columns={}).order_by("-uploaded_at", "-pk").first()
    return dict(last.columns) if last else {}


@dataclass
class OdaRow:
    line: int
    project_id: str
    values: dict
    errors: list[str] = field(default_factory=list)


@dataclass
class OdaPlan:
    rows: list[OdaRow]
    projects: dict[str, list[OdaRow]]
    new: int
    existing: int
    totals: dict[str, dict[str, Decimal]]  # currency → {"committed", "disbursed"}

    @property
    def errors(self) -> list[OdaRow]:
        return [row for row in self.rows if row.errors]

    @property
    def error_count(self) -> int:
        return sum(len(row.errors) for row in self.rows)


def _amount(text: str, label: str, errors: list[str]) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) >= Decimal("1e13"):
        errors.append(_("%(field)s: “%(value)s” is not an amount.") % {"field": label, "value": text})
        return None
    return value


def _day(text: str, label: str, errors: list[str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        errors.append(
            _("%(field)s: “%(value)s” is not a date (YYYY-MM-DD).") % {"field": label, "value": text}
        )
        return None


def _sectors(text: str, errors: list[str]) -> list[tuple[str, Decimal]]:
    """'12220' or '12220:60; 11220:40' → [(code, percentage)] adding up to 100."""
    if not text:
        return []
    parts = []
    for piece in re.split(r"[;|]", text):
        piece = piece.strip()
        if not piece:
            continue
        code, _sep, pct = piece.partition(":")
        code = code.strip()
        if not (
            (len(code) == 5 and code in codelist("Sector"))
            or (len(code) == 3 and code in codelist("SectorCategory"))
        ):
            errors.append(_("Sector: “%(code)s” is not a DAC sector code.") % {"code": code})
            return []
        try:
            percentage = Decimal(pct.strip()) if pct.strip() else None
        except InvalidOperation:
            errors.append(_("Sector: “%(value)s” is not a percentage.") % {"value": pct})
            return []
        parts.append((code, percentage))
    if len(parts) == 1 and parts[0][1] is None:
        return [(parts[0][0], Decimal(100))]
    if any(p is None for _c, p in parts) or abs(sum(p for _c, p in parts) - 100) > Decimal("0.05"):
        errors.append(
            _("Sector: the percentages of several codes must add up to 100 (“12220:60; 11220:40”).")
        )
        return []
    return parts


def plan(data: bytes, columns: dict[str, str]) -> OdaPlan:
    """Read every row with the mapping and check it; nothing is written."""
    header, lines = read_csv(data)
    missing = [label for name, label, required in FIELDS if required and not columns.get(name)]
    if missing:
        raise OdaRefused(
            _("Choose the column of: %(fields)s.") % {"fields": ", ".join(str(m) for m in missing)}
        )
    if not columns.get("title_en") and not columns.get("title_lo"):
        raise OdaRefused(_("Choose the column of the title, in English or in Lao."))
    if not columns.get("committed") and not columns.get("disbursed"):
        raise OdaRefused(_("Choose the column of the amount committed, disbursed, or both."))
    index = {name: header.index(column) for name, column in columns.items() if column in header}
    labels = {name: str(label) for name, label, _r in FIELDS}
    known_currencies = currencies()
    rows: list[OdaRow] = []
    projects: dict[str, list[OdaRow]] = defaultdict(list)
    totals: dict[str, dict[str, Decimal]] = defaultdict(
        lambda: {"committed": Decimal(0), "disbursed": Decimal(0)}
    )
    for line, cells in lines:
        raw = {name: cells[i] if i < len(cells) else "" for name, i in index.items()}
        errors: list[str] = []
        project_id = raw.get("project_id", "")[:200]
        if not project_id:
            errors.append(_("The project identifier is empty."))
        values: dict = {
            "title_en": raw.get("title_en", "")[:2000],
            "title_lo": raw.get("title_lo", "")[:2000],
        }
        if not values["title_en"] and not values["title_lo"]:
            errors.append(_("The title is empty (in English and in Lao)."))
        values["partner"] = raw.get("partner", "")[:500]
        if not values["partner"]:
            errors.append(_("The development partner is empty."))
        try:
            year = int(raw.get("year", ""))
        except ValueError:
            year = None
        if year is None or not 1990 <= year <= 2100:
            errors.append(
                _("Year: “%(value)s” is not a year from 1990 to 2100.") % {"value": raw.get("year", "")}
            )
        values["year"] = year
        values["committed"] = _amount(raw.get("committed", ""), labels["committed"], errors)
        values["disbursed"] = _amount(raw.get("disbursed", ""), labels["disbursed"], errors)
        if values["committed"] is None and values["disbursed"] is None and not errors:
            errors.append(_("The row has no amount committed or disbursed."))
        currency = (raw.get("currency") or "USD").upper()
        if currency not in known_currencies:
            errors.append(_("Currency: “%(code)s” is not a currency code.") % {"code": currency})
        values["currency"] = currency
        values["sectors"] = _sectors(raw.get("sector", ""), errors)
        values["start"] = _day(raw.get("start", ""), labels["start"], errors)
        values["end"] = _day(raw.get("end", ""), labels["end"], errors)
        if values["start"] and values["end"] and values["end"] < values["start"]:
            errors.append(_("The end date is before the start date."))
        province = raw.get("province", "")
        values["province"] = province_of(code=province, names=(province,)) if province else ""
        if province and not values["province"]:
            errors.append(_("Province: “%(value)s” is not a province of the Lao PDR.") % {"value": province})
        status_text = raw.get("status", "")
        status = None
        if status_text:
            status = (
                int(status_text)
                if status_text.isdigit() and 1 <= int(status_text) <= 6
                else STATUS_WORDS.get(_key(status_text))
            )
            if status is None:
                errors.append(_("Status: “%(value)s” is not a status.") % {"value": status_text})
        values["status"] = status
        row = OdaRow(line, project_id, values, errors)
        rows.append(row)
        if project_id:
            projects[project_id].append(row)
        if not errors:
            for kind in ("committed", "disbursed"):
                if values[kind] is not None:
                    totals[currency][kind] += values[kind]
    for project_id, project_rows in projects.items():
        years = Counter(r.values["year"] for r in project_rows if r.values.get("year"))
        for year, n in years.items():
            if n > 1:
                for r in project_rows:
                    if r.values.get("year") == year:
                        r.errors.append(
                            _("Project %(id)s has more than one row for %(year)s.")
                            % {"id": project_id, "year": year}
                        )
    identifiers = [IDENTIFIER_PREFIX + p for p in projects]
    existing = set(
        Activity.objects.filter(source=Source.ODA, identifier__in=identifiers).values_list(
            "identifier", flat=True
        )
    )
    return OdaPlan(rows, dict(projects), len(identifiers) - len(existing), len(existing), dict(totals))


@transaction.atomic
def oda_import(*, actor, upload: OdaUpload, columns: dict[str, str]) -> dict:
    """Import the upload with this mapping: every row, or nothing when one has an error."""
    require(permissions.can_import(actor))
    with upload.upload.open("rb") as handle:
        data = handle.read()
    result = plan(data, columns)
    if result.error_count:
        raise ValidationError(
            _("%(n)d rows have errors: nothing was imported. Correct them and import again.")
            % {"n": len(result.errors)}
        )
    context_rates = money.RateTable()
    matcher = Matcher()
    mapping = MappingTable()
    now = timezone.now()
    identifiers = {IDENTIFIER_PREFIX + p: p for p in result.projects}
    existing = dict(
        Activity.objects.filter(source=Source.ODA, identifier__in=identifiers).values_list("identifier", "pk")
    )
    if existing:
        ids = list(existing.values())
        for model in (FundingShare, Transaction, ActivitySector, ActivityOrganisation, Location):
            delete_where(model, "activity", ids)
    missing: Counter = Counter()
    created = updated = 0
    activity_ids: dict[str, int] = {}
    for identifier, project_id in identifiers.items():
        rows = sorted(result.projects[project_id], key=lambda r: r.line)
        first = rows[0].values
        starts = [r.values["start"] for r in rows if r.values["start"]]
        ends = [r.values["end"] for r in rows if r.values["end"]]
        fields = {
            "title_en": next((r.values["title_en"] for r in rows if r.values["title_en"]), ""),
            "title_lo": next((r.values["title_lo"] for r in rows if r.values["title_lo"]), ""),
            "reporting_org_name": first["partner"],
            "reporting_org_ref": "",
            "organisation_id": matcher.match("", first["partner"]),
            "status": next((r.values["status"] for r in rows if r.values["status"]), None),
            "planned_start": min(starts) if starts else None,
            "planned_end": max(ends) if ends else None,
            "default_currency": first["currency"],
            "recipient_countries": [{"code": "LA", "percentage": "100"}],
            "lao_share": Decimal(1),
            "extras": {"oda": {"upload": upload.pk, "file": upload.name, "lines": [r.line for r in rows]}},
            "digest": hashlib.sha1(repr([r.values for r in rows]).encode()).hexdigest(),
            "imported_at": now,
        }
        if identifier in existing:
            Activity.objects.filter(pk=existing[identifier]).update(**fields)
            activity_ids[identifier] = existing[identifier]
            updated += 1
        else:
            activity = Activity.objects.create(source=Source.ODA, identifier=identifier, **fields)
            activity_ids[identifier] = activity.pk
            created += 1
    participants, sectors, locations, transactions, counted = [], [], [], [], []
    for identifier, project_id in identifiers.items():
        pk = activity_ids[identifier]
        rows = result.projects[project_id]
        first = rows[0].values
        participants.append((pk, 1, "", "", first["partner"], "", matcher.match("", first["partner"])))
        codes = next((r.values["sectors"] for r in rows if r.values["sectors"]), [])
        for code, pct in codes:
            sectors.append((pk, "1" if len(code) == 5 else "2", code, pct, ""))
        provinces = sorted({r.values["province"] for r in rows if r.values["province"]})
        for code in provinces:
            locations.append((pk, code, PROVINCES[code][0], code, "", "", "", None, None))
        for row in rows:
            day = date(row.values["year"], 7, 1)
            for kind, txn_type in (
                ("committed", TransactionType.COMMITMENT),
                ("disbursed", TransactionType.DISBURSEMENT),
            ):
                amount = row.values[kind]
                if amount is None:
                    continue
                converted = context_rates.convert(amount, row.values["currency"], day)
                for gap in converted.missing:
                    missing[gap] += 1
                transactions.append(
                    (
                        pk,
                        "",
                        int(txn_type),
                        day,
                        amount,
                        row.values["currency"],
                        day,
                        converted.value_usd,
                        converted.value_lak,
                        converted.usd_rate,
                        converted.lak_rate,
                        "",
                        "",
                        first["partner"],
                        "",
                        "",
                        "",
                        "",
                        "",
                        row.line,
                    )
                )
                counted.append((pk, int(txn_type), "", "", ""))
    from .importing import LOCATION_FIELDS, PARTICIPANT_FIELDS, SECTOR_FIELDS, TRANSACTION_FIELDS

    Rows(ActivityOrganisation, PARTICIPANT_FIELDS).insert(participants)
    Rows(ActivitySector, SECTOR_FIELDS).insert(sectors)
    Rows(Location, LOCATION_FIELDS).insert(locations)
    txn_ids = reserve_ids(Transaction, len(transactions))
    Rows(Transaction, TRANSACTION_FIELDS).insert(transactions, with_ids=txn_ids)
    by_activity: dict[int, list] = defaultdict(list)
    for txn_id, (pk, *rest) in zip(txn_ids, counted, strict=True):
        by_activity[pk].append((txn_id, *rest))
    split_of: dict[int, list] = defaultdict(list)
    for pk, vocabulary, code, pct, _name in sectors:
        split_of[pk].append((vocabulary, code, pct))
    shares = []
    for pk in activity_ids.values():
        shares += share_rows(pk, Decimal(1), split_of[pk], by_activity[pk], mapping)
    Rows(FundingShare, SHARE_FIELDS).insert(shares)
    ActivityVersion.objects.bulk_create(
        ActivityVersion(activity_id=pk, source_file=None, line=None, digest="", imported_at=now)
        for pk in activity_ids.values()
    )
    outcome = {
        "projects": len(identifiers),
        "created": created,
        "updated": updated,
        "rows": len(result.rows),
        "missing_rates": money.missing_summary(missing),
    }
    upload.columns = columns
    upload.imported_at = now
    upload.imported_by = actor
    upload.outcome = outcome
    upload.save()
    return outcome


@transaction.atomic
def oda_upload(*, actor, upload_file) -> OdaUpload:
    """Keep an uploaded export and read its columns (FileRefused-like OdaRefused when unreadable)."""
    require(permissions.can_import(actor))
    upload_file.seek(0)
    data = upload_file.read()
    header, lines = read_csv(data)
    upload_file.seek(0)
    record = OdaUpload(
        name=(upload_file.name or "oda.csv")[:255], uploaded_by=actor, header=header, rows=len(lines)
    )
    record.upload.save(record.name, upload_file, save=False)
    record.columns = {}
    record.save()
    return record


def oda_save_columns(*, actor, upload: OdaUpload, columns: dict[str, str]) -> None:
    """Remember the mapping chosen for this upload (the next upload starts from it)."""
    require(permissions.can_import(actor))
    upload.columns = {name: column for name, column in columns.items() if column in upload.header}
    upload.save(update_fields=["columns"])
