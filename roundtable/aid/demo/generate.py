"""Writing IATI 2.03 activity files: the demo's partners' files, and large synthetic files for the benchmark.

The text is built from strings (not a tree): the benchmark writes 50,000 activities in a few seconds.
Everything goes through `escape`; the files validate against the bundled schema.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr


@dataclass
class Txn:
    type: int
    day: date
    value: int
    currency: str = ""


@dataclass
class Budget:
    start: date
    end: date
    value: int
    currency: str = ""
    revised: bool = False


@dataclass
class DemoActivity:
    identifier: str
    reporting_ref: str
    reporting_name: str
    reporting_type: str
    title_en: str
    title_lo: str
    description_en: str
    description_lo: str
    start: date
    end: date
    currency: str
    sectors: list[tuple[str, int]]  # (DAC 5-digit code, percentage)
    countries: list[tuple[str, int]] = field(default_factory=lambda: [("LA", 100)])
    provinces: list[tuple[str, str]] = field(default_factory=list)  # (ISO code, English name)
    implementer: str = ""
    budgets: list[Budget] = field(default_factory=list)
    transactions: list[Txn] = field(default_factory=list)
    status: int = 2
    updated: str = "2026-11-30T00:00:00Z"


def _narratives(en: str, lo: str = "") -> str:
    text = f"<narrative>{escape(en)}</narrative>"
    if lo:
        text += f'<narrative xml:lang="lo">{escape(lo)}</narrative>'
    return text


def activity_xml(a: DemoActivity) -> str:
    """One <iati-activity>, its elements in the schema's order."""
    parts = [
        f"<iati-activity default-currency={quoteattr(a.currency)} "
        f"last-updated-datetime={quoteattr(a.updated)} "
        f'xml:lang="en" hierarchy="1">',
        f"<iati-identifier>{escape(a.identifier)}</iati-identifier>",
        f"<reporting-org ref={quoteattr(a.reporting_ref)} type={quoteattr(a.reporting_type)}>"
        f"{_narratives(a.reporting_name)}</reporting-org>",
        f"<title>{_narratives(a.title_en, a.title_lo)}</title>",
        f'<description type="1">{_narratives(a.description_en, a.description_lo)}</description>',
        f'<participating-org ref={quoteattr(a.reporting_ref)} role="1" type={quoteattr(a.reporting_type)}>'
        f"{_narratives(a.reporting_name)}</participating-org>",
    ]
    if a.implementer:
        parts.append(
            f'<participating-org role="4" type="10">{_narratives(a.implementer)}</participating-org>'
        )
    parts.append(f'<activity-status code="{a.status}"/>')
    parts.append(f'<activity-date iso-date="{a.start.isoformat()}" type="1"/>')
    if a.status >= 2:
        parts.append(f'<activity-date iso-date="{a.start.isoformat()}" type="2"/>')
    parts.append(f'<activity-date iso-date="{a.end.isoformat()}" type="3"/>')
    for code, pct in a.countries:
        parts.append(f'<recipient-country code="{code}" percentage="{pct}"/>')
    for code, name in a.provinces:
        parts.append(
            # The partner's own reference names the province (ISO 3166-2), and so does the name.
            f'<location ref="{code}"><location-reach code="1"/><name>{_narratives(name)}</name></location>'
        )
    for code, pct in a.sectors:
        parts.append(f'<sector vocabulary="1" code="{code}" percentage="{pct}"/>')
    for b in a.budgets:
        currency = f" currency={quoteattr(b.currency)}" if b.currency else ""
        parts.append(
            f'<budget type="{2 if b.revised else 1}" status="{2 if b.revised else 1}">'
            f'<period-start iso-date="{b.start.isoformat()}"/><period-end iso-date="{b.end.isoformat()}"/>'
            f'<value{currency} value-date="{b.start.isoformat()}">{b.value}</value></budget>'
        )
    for t in a.transactions:
        currency = f" currency={quoteattr(t.currency)}" if t.currency else ""
        parts.append(
            f'<transaction><transaction-type code="{t.type}"/>'
            f'<transaction-date iso-date="{t.day.isoformat()}"/>'
            f'<value{currency} value-date="{t.day.isoformat()}">{t.value}</value></transaction>'
        )
    parts.append("</iati-activity>")
    return "".join(parts)


def file_head(generated: str = "2026-11-30T00:00:00Z") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<iati-activities version="2.03" generated-datetime="{generated}">\n'
    )


FILE_TAIL = "</iati-activities>\n"


def file_text(activities: Iterable[DemoActivity | str]) -> str:
    body = "\n".join(a if isinstance(a, str) else activity_xml(a) for a in activities)
    return file_head() + body + "\n" + FILE_TAIL


# --- synthetic activities for the benchmark --------------------------------------------------------

BENCH_SECTORS = ["12220", "11220", "21020", "14030", "31120", "15110", "41030", "15250", "43010", "33120"]
BENCH_PROVINCES = [
    ("LA-SV", "Savannakhet"),
    ("LA-LP", "Luang Prabang"),
    ("LA-CH", "Champasak"),
    ("LA-HO", "Houaphanh"),
]


def synthetic_activities(n: int, *, seed: int = 1, prefix: str = "XM-BENCH") -> Iterator[str]:
    """`n` activities like a large publisher's: two organisations, one or two sectors, a province, a
    budget and three transactions (one in five in euros; one in ten for another country)."""
    rng = random.Random(seed)
    for i in range(n):
        start = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1400))
        end = start + timedelta(days=rng.randrange(365, 1800))
        currency = "EUR" if i % 5 == 0 else "USD"
        first, second = rng.sample(BENCH_SECTORS, 2)
        sectors = [(first, 100)] if i % 3 else [(first, 60), (second, 40)]
        amount = rng.randrange(50_000, 5_000_000)
        yield activity_xml(
            DemoActivity(
                identifier=f"{prefix}-{seed}-{i:07d}",
                reporting_ref="XM-DAC-41114",
                reporting_name="United Nations Development Programme",
                reporting_type="40",
                title_en=f"Synthetic activity {i}",
                title_lo=f"ກິດຈະກຳທົດລອງ {i}",
                description_en="Generated for the import benchmark.",
                description_lo="",
                start=start,
                end=end,
                currency=currency,
                sectors=sectors,
                countries=[("TH", 100)] if i % 10 == 9 else [("LA", 100)],
                provinces=[BENCH_PROVINCES[i % len(BENCH_PROVINCES)]],
                implementer="Ministry of Planning and Investment",
                budgets=[Budget(start, start + timedelta(days=364), amount)],
                transactions=[
                    Txn(2, start, amount),
                    Txn(3, start + timedelta(days=90), amount // 3),
                    Txn(3, start + timedelta(days=300), amount // 4),
                ],
            )
        )


def write_synthetic(path, n: int, *, seed: int = 1) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(file_head())
        for text in synthetic_activities(n, seed=seed):
            handle.write(text)
            handle.write("\n")
        handle.write(FILE_TAIL)
