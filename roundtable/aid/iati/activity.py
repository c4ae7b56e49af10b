"""One IATI activity element read into plain data (ParsedActivity and its parts), with the problems its
values carry (a date that is not a date, an amount past AMOUNT_LIMIT, a percentage outside 0–100). The
stream that hands the elements over one at a time, and validates each against the schema, is reader.py; the
standard's rules across an activity's parts are rules.py."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from lxml import etree

from ..provinces import province_of
from .problems import Problem

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Amounts beyond this (ten trillion, in any currency) are not aid figures: they are refused rather than
# overflowing the database's columns once converted to kip.
AMOUNT_LIMIT = Decimal("1e13")


# --- what an activity is read into ---------------------------------------------------------------


@dataclass(slots=True)
class Org:
    ref: str = ""
    type: str = ""
    name: str = ""
    role: int | None = None
    activity_ref: str = ""


@dataclass(slots=True)
class Value:
    amount: Decimal
    currency: str
    value_date: date | None


@dataclass(slots=True)
class ParsedBudget:
    type: int
    status: int | None
    period_start: date | None
    period_end: date | None
    value: Value | None
    line: int


@dataclass(slots=True)
class ParsedTransaction:
    type: int | None
    date: date | None
    value: Value | None
    ref: str = ""
    description: str = ""
    provider: Org | None = None
    receiver: Org | None = None
    sector_vocabulary: str = ""
    sector_code: str = ""
    recipient_country: str = ""
    line: int = 0


@dataclass(slots=True)
class ParsedSector:
    vocabulary: str
    code: str
    percentage: Decimal | None
    name: str
    line: int


@dataclass(slots=True)
class ParsedLocation:
    ref: str
    name: str
    province: str
    admin_vocabulary: str
    admin_level: str
    admin_code: str
    latitude: Decimal | None
    longitude: Decimal | None


@dataclass(slots=True)
class ParsedActivity:
    identifier: str
    line: int
    digest: str
    default_lang: str = "en"
    default_currency: str = ""
    last_updated: datetime | None = None
    hierarchy: int | None = None
    humanitarian: bool = False
    reporting_orgs: list[Org] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    descriptions: list[dict] = field(default_factory=list)
    participants: list[Org] = field(default_factory=list)
    status: int | None = None
    dates: dict[int, date] = field(default_factory=dict)
    recipient_countries: list[dict] = field(default_factory=list)
    recipient_regions: list[dict] = field(default_factory=list)
    locations: list[ParsedLocation] = field(default_factory=list)
    sectors: list[ParsedSector] = field(default_factory=list)
    budgets: list[ParsedBudget] = field(default_factory=list)
    transactions: list[ParsedTransaction] = field(default_factory=list)
    extras: dict[str, list] = field(default_factory=dict)
    # Problems met while reading values (a date or an amount that cannot be read), with their place.
    problems: list[Problem] = field(default_factory=list)
    # Codes to check against the codelists: (list name, code, line, element).
    codes: list[tuple[str, str, int, str]] = field(default_factory=list)

    @property
    def reporting_org(self) -> Org:
        return self.reporting_orgs[0] if self.reporting_orgs else Org()


# --- one activity ----------------------------------------------------------------------------------


def _narratives(element, default_lang: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    if element is None:
        return texts
    for narrative in element.iterchildren():
        if narrative.tag != "narrative":
            continue
        text = narrative.text
        if text and (text := text.strip()):
            lang = narrative.get(XML_LANG)
            texts.setdefault(lang.lower()[:8] if lang else default_lang, text)
    return texts


def _best(texts: dict[str, str]) -> str:
    return texts.get("en") or texts.get("lo") or next(iter(texts.values()), "")


@lru_cache(maxsize=4096)
def _iso_date(value: str) -> date | None:
    # A large file repeats the same few thousand dates: read each once.
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _date(value: str | None, activity: ParsedActivity, line: int, element: str) -> date | None:
    if not value:
        return None
    day = _iso_date(value)
    if day is None:
        activity.problems.append(Problem("date_invalid", {"value": value}, line=line, element=element))
    return day


def _datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None  # the schema reports it
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _decimal(value: str | None, activity: ParsedActivity, line: int, element: str) -> Decimal | None:
    if value is None or not value.strip():
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        activity.problems.append(
            Problem("value_invalid", {"value": value.strip()[:50]}, line=line, element=element)
        )
        return None
    if not number.is_finite() or abs(number) >= AMOUNT_LIMIT:
        activity.problems.append(
            Problem("value_invalid", {"value": value.strip()[:50]}, line=line, element=element)
        )
        return None
    return number


def _percentage(value: str | None, activity: ParsedActivity, line: int, element: str) -> Decimal | None:
    number = _decimal(value, activity, line, element)
    if number is not None and not 0 <= number <= 100:
        activity.problems.append(
            Problem("percentage_range", {"value": value.strip()[:20]}, line=line, element=element)
        )
        return None
    return number


def _small(value: str | None) -> int | None:
    """A small whole number (a hierarchy level), None when it is not one."""
    number = _int(value)
    return number if number is not None and 0 <= number <= 32767 else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None and value.strip() else None
    except ValueError:
        return None


def _org(element, default_lang: str, role_attr: bool = False) -> Org:
    return Org(
        ref=(element.get("ref") or "").strip(),
        type=(element.get("type") or "").strip(),
        name=_best(_narratives(element, default_lang)),
        role=_int(element.get("role")) if role_attr else None,
        activity_ref=(
            element.get("activity-id")
            or element.get("provider-activity-id")
            or element.get("receiver-activity-id")
            or ""
        ).strip(),
    )


def _value(element, activity: ParsedActivity) -> Value | None:
    if element is None:
        return None
    line = element.sourceline or activity.line
    amount = _decimal(element.text, activity, line, "value")
    if amount is None:
        return None
    currency = (element.get("currency") or activity.default_currency).strip().upper()
    if currency:
        activity.codes.append(("Currency", currency, line, "value"))
    return Value(
        amount=amount,
        currency=currency,
        value_date=_date(element.get("value-date"), activity, line, "value"),
    )


def generic(element, default_lang: str) -> dict | str:
    """Any element as JSON: its attributes, its narratives by language, its text, its children by tag."""
    data: dict = {}
    for key, value in element.attrib.items():
        data["lang" if key == XML_LANG else str(key)] = value
    narratives = _narratives(element, default_lang)
    if narratives:
        data["narratives"] = narratives
    text = (element.text or "").strip()
    if text:
        data["text"] = text
    for child in element.iterchildren():
        if not isinstance(child.tag, str) or child.tag == "narrative":
            continue
        data.setdefault(str(child.tag), []).append(generic(child, default_lang))
    return data


def parse_activity(element) -> ParsedActivity:
    """The activity's content (not yet checked: `rules.check` and the schema do that)."""
    lang = (element.get(XML_LANG) or "en").lower()[:8]
    activity = ParsedActivity(
        identifier="",
        line=element.sourceline or 0,
        digest=hashlib.sha1(etree.tostring(element, with_tail=False)).hexdigest(),
        default_lang=lang,
        default_currency=(element.get("default-currency") or "").strip().upper(),
        last_updated=_datetime(element.get("last-updated-datetime")),
        hierarchy=_small(element.get("hierarchy")),
        humanitarian=(element.get("humanitarian") or "").strip() in ("1", "true"),
    )
    if activity.default_currency:
        activity.codes.append(("Currency", activity.default_currency, activity.line, "iati-activity"))
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str):
            continue
        reader = _READERS.get(tag)
        if reader is not None:
            reader(child, activity)
        elif not tag.startswith("{"):
            activity.extras.setdefault(tag, []).append(generic(child, lang))
    return activity


def _identifier(child, activity: ParsedActivity) -> None:
    activity.identifier = (child.text or "").strip()


def _reporting_org(child, activity: ParsedActivity) -> None:
    org = _org(child, activity.default_lang)
    activity.reporting_orgs.append(org)
    if child.get("secondary-reporter"):
        activity.extras.setdefault("reporting-org", []).append(
            {"ref": org.ref, "secondary-reporter": child.get("secondary-reporter")}
        )


def _title(child, activity: ParsedActivity) -> None:
    for lang, text in _narratives(child, activity.default_lang).items():
        activity.titles.setdefault(lang, text)


def _description(child, activity: ParsedActivity) -> None:
    texts = _narratives(child, activity.default_lang)
    if texts:
        activity.descriptions.append({"type": (child.get("type") or "").strip(), "texts": texts})


def _participating_org(child, activity: ParsedActivity) -> None:
    org = _org(child, activity.default_lang, role_attr=True)
    activity.participants.append(org)
    activity.codes.append(
        (
            "OrganisationRole",
            (child.get("role") or "").strip(),
            child.sourceline or activity.line,
            "participating-org",
        )
    )
    if child.get("crs-channel-code"):
        activity.extras.setdefault("participating-org", []).append(
            {"ref": org.ref, "crs-channel-code": child.get("crs-channel-code")}
        )


def _status(child, activity: ParsedActivity) -> None:
    activity.status = _int(child.get("code"))


def _activity_date(child, activity: ParsedActivity) -> None:
    kind = _int(child.get("type"))
    day = _date(child.get("iso-date"), activity, child.sourceline or activity.line, "activity-date")
    if kind in (1, 2, 3, 4) and day is not None:
        activity.dates.setdefault(kind, day)
    narratives = _narratives(child, activity.default_lang)
    if narratives:
        activity.extras.setdefault("activity-date", []).append({"type": str(kind), "narratives": narratives})


def _recipient_country(child, activity: ParsedActivity) -> None:
    code = (child.get("code") or "").strip().upper()
    line = child.sourceline or activity.line
    activity.recipient_countries.append(
        {"code": code, "percentage": _percent(child, activity, line, "recipient-country")}
    )
    if code:
        activity.codes.append(("Country", code, line, "recipient-country"))


def _recipient_region(child, activity: ParsedActivity) -> None:
    line = child.sourceline or activity.line
    activity.recipient_regions.append(
        {
            "code": (child.get("code") or "").strip(),
            "vocabulary": (child.get("vocabulary") or "1").strip(),
            "percentage": _percent(child, activity, line, "recipient-region"),
        }
    )


def _percent(child, activity: ParsedActivity, line: int, element: str) -> str | None:
    number = _percentage(child.get("percentage"), activity, line, element)
    return None if number is None else str(number)


def _point(text: str | None) -> tuple[Decimal | None, Decimal | None]:
    parts = (text or "").split()
    if len(parts) != 2:
        return None, None
    try:
        latitude, longitude = (Decimal(p).quantize(Decimal("0.000001")) for p in parts)
    except InvalidOperation:
        return None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None, None
    return latitude, longitude


def _location(child, activity: ParsedActivity) -> None:
    ref = (child.get("ref") or "").strip()
    names: dict[str, str] = {}
    codes = [ref]
    admin = None
    latitude = longitude = None
    # The rest of the location (reach, exactness, class, feature designation, descriptions) as published.
    rest: dict[str, list] = {}
    for part in child.iterchildren():
        tag = part.tag
        if tag == "name":
            names = _narratives(part, activity.default_lang)
            continue
        if tag == "point":
            for pos in part.iterchildren():
                if pos.tag == "pos":
                    latitude, longitude = _point(pos.text)
            continue
        if tag in ("administrative", "location-id"):
            codes.append(part.get("code") or "")
            if tag == "administrative" and admin is None:
                admin = part
        if isinstance(tag, str) and not tag.startswith("{"):
            rest.setdefault(tag, []).append(generic(part, activity.default_lang))
    activity.locations.append(
        ParsedLocation(
            ref=ref,
            name=_best(names),
            province=_province(" ".join(codes), tuple(names.values())),
            admin_vocabulary=(admin.get("vocabulary") or "") if admin is not None else "",
            admin_level=(admin.get("level") or "") if admin is not None else "",
            admin_code=(admin.get("code") or "") if admin is not None else "",
            latitude=latitude,
            longitude=longitude,
        )
    )
    if rest:
        activity.extras.setdefault("location", []).append({"ref": ref, **rest})


@lru_cache(maxsize=4096)
def _province(codes: str, names: tuple[str, ...]) -> str:
    return province_of(code=codes, names=names)


def _sector(child, activity: ParsedActivity) -> None:
    vocabulary = (child.get("vocabulary") or "1").strip()
    code = (child.get("code") or "").strip()
    line = child.sourceline or activity.line
    activity.sectors.append(
        ParsedSector(
            vocabulary=vocabulary,
            code=code,
            percentage=_percentage(child.get("percentage"), activity, line, "sector"),
            name=_best(_narratives(child, activity.default_lang)),
            line=line,
        )
    )
    _sector_code(vocabulary, code, line, activity)


def _sector_code(vocabulary: str, code: str, line: int, activity: ParsedActivity) -> None:
    if vocabulary == "1":
        activity.codes.append(("Sector", code, line, "sector"))
    elif vocabulary == "2":
        activity.codes.append(("SectorCategory", code, line, "sector"))


def _budget(child, activity: ParsedActivity) -> None:
    line = child.sourceline or activity.line
    start, end = child.find("period-start"), child.find("period-end")
    budget = ParsedBudget(
        type=_int(child.get("type")) or 1,
        status=_int(child.get("status")),
        period_start=_date(start.get("iso-date"), activity, line, "period-start")
        if start is not None
        else None,
        period_end=_date(end.get("iso-date"), activity, line, "period-end") if end is not None else None,
        value=_value(child.find("value"), activity),
        line=line,
    )
    activity.budgets.append(budget)
    activity.codes.append(("BudgetType", str(budget.type), line, "budget"))
    if child.get("status") is not None:
        activity.codes.append(("BudgetStatus", (child.get("status") or "").strip(), line, "budget"))


# What a transaction's record keeps of its children; the rest goes to the activity's extras.
_TRANSACTION_PARTS = {
    "transaction-type",
    "transaction-date",
    "value",
    "description",
    "provider-org",
    "receiver-org",
    "sector",
    "recipient-country",
}


def _transaction(child, activity: ParsedActivity) -> None:
    line = child.sourceline or activity.line
    transaction = ParsedTransaction(
        type=None, date=None, value=None, ref=(child.get("ref") or "").strip(), line=line
    )
    rest: dict = {}
    for part in child.iterchildren():
        tag = part.tag
        if tag == "transaction-type":
            transaction.type = _int(part.get("code"))
            if transaction.type is not None:
                activity.codes.append(
                    ("TransactionType", str(transaction.type), part.sourceline or line, tag)
                )
        elif tag == "transaction-date":
            transaction.date = _date(part.get("iso-date"), activity, part.sourceline or line, tag)
        elif tag == "value":
            transaction.value = _value(part, activity)
        elif tag == "description":
            transaction.description = _best(_narratives(part, activity.default_lang))
        elif tag == "provider-org":
            transaction.provider = _org(part, activity.default_lang)
        elif tag == "receiver-org":
            transaction.receiver = _org(part, activity.default_lang)
        elif tag == "sector" and not transaction.sector_code:
            transaction.sector_vocabulary = (part.get("vocabulary") or "1").strip()
            transaction.sector_code = (part.get("code") or "").strip()
            _sector_code(transaction.sector_vocabulary, transaction.sector_code, line, activity)
        elif tag == "recipient-country" and not transaction.recipient_country:
            transaction.recipient_country = (part.get("code") or "").strip().upper()
            activity.codes.append(("Country", transaction.recipient_country, line, tag))
        elif isinstance(tag, str) and not tag.startswith("{"):
            # What the structured record leaves out (disbursement channel, flow, finance and aid types...).
            rest.setdefault(tag, []).append(generic(part, activity.default_lang))
    if child.get("humanitarian"):
        rest["humanitarian"] = child.get("humanitarian")
    activity.transactions.append(transaction)
    if rest:
        activity.extras.setdefault("transaction", []).append({"line": line, "ref": transaction.ref, **rest})


_READERS = {
    "iati-identifier": _identifier,
    "reporting-org": _reporting_org,
    "title": _title,
    "description": _description,
    "participating-org": _participating_org,
    "activity-status": _status,
    "activity-date": _activity_date,
    "recipient-country": _recipient_country,
    "recipient-region": _recipient_region,
    "location": _location,
    "sector": _sector,
    "budget": _budget,
    "transaction": _transaction,
}
