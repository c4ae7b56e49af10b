"""Every PDF export of the demo, in Lao and in English, fits its page: no character outside it, A4.

A document cut at the page edge (the Lao work plan that lost its timeframe and budget columns, the Lao
minutes that clipped their deadline column) is unfit to file. pdfplumber gives each character's box;
every one must lie inside its page, and every page must be A4 (portrait or landscape).
"""

import io

import pdfplumber
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from roundtable.meetings.models import Meeting
from roundtable.minutes.models import MinutesVersion
from roundtable.workplans.models import WorkPlan

A4 = (595.28, 841.89)
TOLERANCE = 1.0  # points: rounding of the glyph boxes


def is_a4(width: float, height: float) -> bool:
    return any(abs(width - w) < 2 and abs(height - h) < 2 for w, h in (A4, A4[::-1]))


def misfits(name: str, content: bytes) -> list[str]:
    problems = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if not is_a4(page.width, page.height):
                problems.append(f"{name} page {number}: {page.width:.0f}×{page.height:.0f} pt is not A4")
            outside = [
                c
                for c in page.chars
                if c["x0"] < -TOLERANCE
                or c["x1"] > page.width + TOLERANCE
                or c["top"] < -TOLERANCE
                or c["bottom"] > page.height + TOLERANCE
            ]
            if outside:
                sample = "".join(c["text"] for c in outside[:40])
                problems.append(
                    f"{name} page {number}: {len(outside)} characters outside the page: {sample!r}"
                )
    return problems


def exports() -> list[tuple[str, str]]:
    """(name, url) of every PDF export of the demo, in each language."""
    urls = []
    for lang in ("lo", "en"):
        with translation.override(lang):
            for plan in WorkPlan.objects.select_related("group").order_by("pk"):
                urls.append(
                    (
                        f"work plan {plan.group.code} {plan.year} [{lang}]",
                        reverse("workplans:export", args=[plan.group.code, plan.year, "pdf"]),
                    )
                )
            for version in MinutesVersion.objects.select_related("minutes").order_by("pk"):
                urls.append(
                    (
                        f"minutes of meeting {version.minutes.meeting_id} ({version.language}) [{lang}]",
                        reverse("minutes:export_pdf", args=[version.minutes.meeting_id, version.language]),
                    )
                )
            for meeting in Meeting.objects.filter(participants__isnull=False).distinct().order_by("pk"):
                urls.append(
                    (f"sign-in sheet {meeting.pk} [{lang}]", reverse("meetings:sheet_pdf", args=[meeting.pk]))
                )
    return urls  # fmt: skip


@pytest.mark.demo
@pytest.mark.xfail(
    strict=True,
    reason="Issue 9 is open: the Lao work-plan PDF still loses columns past the page edge (100 problems in "
    "628 PDFs at the stop of 2026-12-02). Take this mark off with the fix: strict, so the suite says when it "
    "passes.",
)
@pytest.mark.django_db(transaction=True)
def test_every_pdf_export_of_the_demo_fits_its_a4_page_in_both_languages(client, settings):
    settings.DEBUG = True  # load_demo refuses to run without it
    call_command("load_demo", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="admin"))
    problems, checked = [], 0
    for name, url in exports():
        response = client.get(url)
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            problems.append(f"{name}: {url} answered {response.status_code} {response['Content-Type']}")
            continue
        problems += misfits(
            name, b"".join(response.streaming_content) if response.streaming else response.content
        )
        checked += 1
    assert checked > 0
    assert not problems, f"{len(problems)} problems in {checked} PDFs:\n" + "\n".join(problems)
