"""Demo of the aid data, run by `manage.py load_demo` after the structure and work-plan demos.

Everything goes through the app's own paths: monthly exchange rates (illustrative, 2021–2026, one month left
out on purpose) loaded as the rates page loads them; the default sector mapping; one IATI 2.03 file per
partner (18 real partners, invented activities marked as such) generated and imported by the importer, as
an upload is; a small export of the national ODA database imported as the RTP Secretariat would (columns
guessed, previewed, imported); a few work-plan priorities linked to the activities that fund them.

The files show what the importer does with real ones: a revised budget over its original, an activity in
two currencies, activities across two sectors, one shared with another country, one for another country
only (left out), one that breaks a rule (refused, the rest of its file imported), three partners whose
names the directory does not know (on the review list).

Idempotent: a file already imported with the same content is not read again; rates, mapping, the ODA
export and the links are left as they are when present.
"""

from __future__ import annotations

import hashlib
import io
import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from roundtable.groups.models import Group
from roundtable.workplans.models import Priority, WorkPlanStatus

from ..models import Activity, FileStatus, ImportRun, ImportVia, OdaUpload, PriorityLink, SourceFile
from ..provinces import PROVINCES as LAO_PROVINCES
from ..services import money, oda
from ..services.importing import iati_import_file
from ..services.mapping import mapping_seed_defaults
from ..services.priorities import priority_link
from .generate import Budget, DemoActivity, Txn, activity_xml, file_text
from .partners import IMPLEMENTERS, MISSING_RATE, ODA_CSV, PARTNERS, PROVINCES, RATE_ANCHORS, THEMES

LAST_DAY = date(2026, 11, 30)
NOTE_EN = "Invented for the demonstration of the platform: not a real project."
NOTE_LO = "ຂໍ້ມູນສົມມຸດ ສຳລັບການສາທິດລະບົບ: ບໍ່ແມ່ນໂຄງການແທ້."
ODA_FILE = "demo-oda-export.csv"


def load(stdout) -> None:
    counts: Counter = Counter()
    rates = money.rates_store(demo_rates(), source="Illustrative rates for the demo")
    counts["rates created"] += rates["created"]
    counts["mapping rows added"] += mapping_seed_defaults()
    for partner in PARTNERS:
        _import_file(f"demo/{partner.acronym.lower()}-activities.xml", partner_file(partner), counts)
    _import_oda(counts)
    counts["priority links"] += _link_priorities()
    summary = ", ".join(f"{n} {label}" for label, n in sorted(counts.items()) if n) or "nothing to change"
    stdout.write(f"Aid demo: {Activity.objects.count()} activities ({summary}).")


# --- rates -----------------------------------------------------------------------------------------


def demo_rates() -> list[tuple[str, date, Decimal, str]]:
    rows = []
    for currency, anchors in RATE_ANCHORS.items():
        for year in range(2021, 2027):
            start, end = anchors[year - 2021], anchors[year - 2020]
            for month in range(1, 13):
                if (currency, year, month) == MISSING_RATE:
                    continue
                value = start + (end - start) * (month - 1) / 12
                rows.append((currency, date(year, month, 1), Decimal(str(round(value, 4))), ""))
    return rows


# --- IATI files ------------------------------------------------------------------------------------


def _months(day: date, n: int) -> date:
    month = day.month - 1 + n
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def partner_activities(partner) -> list[DemoActivity | str]:
    rng = random.Random(f"aid-demo-{partner.acronym}")
    activities: list[DemoActivity | str] = []
    themes = list(partner.themes)
    if partner.acronym in ("WB", "UNDP", "JICA"):
        themes.append(themes[0])  # the larger partners run two activities of their main kind
    for n, theme in enumerate(themes, start=1):
        sectors, title_en, title_lo = THEMES[theme]
        places = rng.sample(PROVINCES, 2 if rng.random() < 0.4 else 1)
        where_en = " and ".join(name for _code, name in places)
        where_lo = " ແລະ ".join(LAO_PROVINCES[code][1] for code, _name in places)
        start = date(rng.randint(2021, 2024), rng.choice([1, 4, 7, 10]), 1)
        end = date(start.year + rng.randint(3, 5), start.month, 1) - timedelta(days=1)
        amount = int(partner.scale * rng.uniform(0.6, 1.4) / 1000) * 1000
        transactions = [Txn(2, start, amount)]
        paid, day = 0, _months(start, 3)
        periods = max(1, ((end.year - start.year) * 12 + end.month - start.month) // 6)
        while day <= min(end, LAST_DAY):
            value = int(amount / periods * rng.uniform(0.7, 1.1) / 100) * 100
            if paid + value > amount:
                break
            transactions.append(Txn(3, day, value))
            paid += value
            day = _months(day, 6)
        budgets = [
            Budget(date(y, 1, 1), date(y, 12, 31), int(amount / (end.year - start.year + 1)))
            for y in range(start.year, end.year + 1)
        ]
        activity = DemoActivity(
            identifier=f"{partner.ref}-DEMO-{n:03d}",
            reporting_ref=partner.ref,
            reporting_name=partner.name,
            reporting_type=partner.type,
            title_en=f"{title_en} in {where_en} (demo)",
            title_lo=f"{title_lo} ຢູ່ {where_lo} (ສາທິດ)",
            description_en=NOTE_EN,
            description_lo=NOTE_LO,
            start=start,
            end=end,
            currency=partner.currency,
            sectors=list(sectors),
            provinces=places,
            implementer=IMPLEMENTERS.get(theme, ""),
            budgets=budgets,
            transactions=transactions,
            status=4 if end < LAST_DAY else 2,
        )
        activities.append(activity)
    _special_cases(partner, activities)
    return activities


def _special_cases(partner, activities: list) -> None:
    first = activities[0]
    if partner.acronym == "UNDP":
        # A revised budget over its original (the revised one counts).
        year = first.start.year + 1
        first.budgets.append(
            Budget(date(year, 1, 1), date(year, 12, 31), first.budgets[1].value * 5 // 4, revised=True)
        )
        # An activity for another country only: read, and left out.
        other = DemoActivity(**{**first.__dict__, "identifier": f"{partner.ref}-DEMO-TH-001"})
        other.countries = [("TH", 100)]
        other.title_en, other.title_lo = "Regional support in Thailand (demo)", "ການສະໜັບສະໜູນໃນປະເທດໄທ (ສາທິດ)"
        other.provinces = []
        activities.append(other)
    if partner.acronym == "AFD":
        # Two currencies: budgets in euros, part of the disbursements in US dollars.
        for txn in first.transactions[1::2]:
            txn.currency = "USD"
    if partner.acronym == "ADB":
        # Shared with another country: 70% for Lao PDR.
        first.countries = [("LA", 70), ("TH", 30)]
        first.title_en = first.title_en.replace(" (demo)", ", with Thailand (demo)")
    if partner.acronym == "UK":
        # Breaks a rule of the standard (sector percentages adding up to 90): refused on its own.
        broken = activity_xml(first).replace('percentage="100"/>', 'percentage="90"/>', 1)
        broken = broken.replace(first.identifier, f"{partner.ref}-DEMO-BROKEN")
        activities.append(broken)


def partner_file(partner) -> bytes:
    return file_text(partner_activities(partner)).encode("utf-8")


def _import_file(name: str, data: bytes, counts: Counter) -> None:
    digest = hashlib.sha256(data).hexdigest()
    if SourceFile.objects.filter(name=name, sha256=digest, status=FileStatus.IMPORTED).exists():
        return
    run = ImportRun.objects.filter(via=ImportVia.DEMO).order_by("-pk").first() or ImportRun.objects.create(
        via=ImportVia.DEMO
    )
    source = SourceFile(run=run, name=name)
    source.upload.save(name.rsplit("/", 1)[-1], ContentFile(data), save=False)
    source.save()
    result = iati_import_file(handle=io.BytesIO(data), source_file=source)
    counts["files imported"] += 1
    counts["activities refused"] += result.refused_activities


# --- the ODA database's export ---------------------------------------------------------------------


def _import_oda(counts: Counter) -> None:
    rtp = User.objects.filter(username="rtp").first()
    if rtp is None or OdaUpload.objects.filter(name=ODA_FILE, imported_at__isnull=False).exists():
        return
    upload = oda.oda_upload(actor=rtp, upload_file=ContentFile(ODA_CSV.encode("utf-8"), name=ODA_FILE))
    columns = oda.guess_columns(upload.header)
    outcome = oda.oda_import(actor=rtp, upload=upload, columns=columns)
    counts["ODA projects"] += outcome["projects"]


# --- priorities and the activities that fund them -------------------------------------------------


def _link_priorities() -> int:
    rtp = User.objects.filter(username="rtp").first()
    if rtp is None:
        return 0
    linked = 0
    for group in Group.objects.filter(
        code__in=["health", "education", "infrastructure", "agriculture", "uxo"]
    ):
        priority = (
            Priority.objects.filter(workplan__group=group, workplan__status=WorkPlanStatus.PUBLISHED)
            .order_by("-workplan__year", "order", "pk")
            .first()
        )
        if priority is None or PriorityLink.objects.filter(priority=priority).exists():
            continue
        scope = [group.pk, *group.children.values_list("pk", flat=True)]
        activity = (
            Activity.objects.filter(source="iati", shares__group__in=scope)
            .distinct()
            .order_by("identifier")
            .first()
        )
        if activity is None:
            continue
        priority_link(actor=rtp, priority=priority, activity=activity)
        linked += 1
    return linked
