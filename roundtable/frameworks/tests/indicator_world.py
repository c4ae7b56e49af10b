"""A small monitoring world for the indicators' tests: the Vientiane Declaration loaded from its shipped
file, indicator 1b owned by the Health SWG (the `world` fixture's), indicator 4 by the RTP Secretariat,
and one value of 1b in each state. Import the fixtures into a test module."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roundtable.frameworks.indicator_models import Indicator, IndicatorValue, ValueState
from roundtable.frameworks.indicators import indicators_load
from roundtable.frameworks.services import DATA_DIR, framework_load_file

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOTES = {
    ValueState.PUBLISHED: "published-note-2019",
    ValueState.ACCEPTED: "accepted-note-2020",
    ValueState.SUBMITTED: "submitted-note-2021",
    ValueState.RETURNED: "returned-note-2022",
    ValueState.DRAFT: "draft-note-2023",
}
YEARS = {
    ValueState.PUBLISHED: 2019,
    ValueState.ACCEPTED: 2020,
    ValueState.SUBMITTED: 2021,
    ValueState.RETURNED: 2022,
    ValueState.DRAFT: 2023,
}
UNPUBLISHED = [state for state in NOTES if state != ValueState.PUBLISHED]


def pdf(name: str = "evidence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def page(name: str, *args) -> str:
    return reverse(f"frameworks:{name}", args=args)


@pytest.fixture
def vd(world):
    framework_load_file(path=DATA_DIR / "vd-2016.yaml")
    indicators_load(
        data={
            "framework": "vd-2016",
            "indicators": [
                {
                    "code": "1b",
                    "unit_en": "score",
                    "unit_lo": "ຄະແນນ",
                    "baseline": {"year": 2016, "value": 55},
                    "target": {"year": 2025, "value": 75},
                    "source_en": "GPEDC round",
                    "owner": "health",
                },
                {
                    "code": "4",
                    "unit_en": "%",
                    "baseline": {"year": 2016, "value": 40},
                    "target": {"year": 2025, "value": 80},
                },
            ],
        }
    )
    return Indicator.objects.select_related("item__framework").get(item__code="1b")


@pytest.fixture
def rtp_indicator(vd):
    return Indicator.objects.select_related("item__framework").get(item__code="4")


@pytest.fixture
def values(vd) -> dict[str, IndicatorValue]:
    """One value of indicator 1b in each state, with evidence."""
    result = {}
    for state, note in NOTES.items():
        result[state] = IndicatorValue.objects.create(
            indicator=vd,
            year=YEARS[state],
            value=Decimal("60") + YEARS[state] - 2019,
            note=note,
            state=state,
            evidence=pdf(f"evidence-{state}.pdf"),
        )
    return result
