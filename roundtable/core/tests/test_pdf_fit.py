"""Every kind of PDF export of the demo, in Lao and in English, fits its page: no character outside it, A4,
one font family (Noto Sans Lao for Lao, Noto Sans for the rest).

A document cut at the page edge (the Lao work plan that lost its timeframe and budget columns, the Lao
minutes that clipped their deadline column) is unfit to file. pdfplumber gives each character's box;
every one must lie inside its page, and every page must be A4 (portrait or landscape).

The demo has some 630 PDF exports; rendering them all takes minutes. The test renders, for each kind (work
plan, minutes, sign-in sheet) and each language, the largest documents (most rows: the widest tables, the
longest texts) and a spread of the others, then the largest of each kind again with its cells filled with
the worst text there is: one Lao "word" hundreds of characters long (Lao has no spaces between words) and
an unbroken e-mail address.
"""

import io

import pdfplumber
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from roundtable.core.pdf import FONT_NAMES
from roundtable.meetings.models import Meeting
from roundtable.minutes.models import ActionPoint, MinutesVersion
from roundtable.workplans.models import WorkPlan

A4 = (595.28, 841.89)
TOLERANCE = 1.0  # points: rounding of the glyph boxes
LARGEST, SPREAD = 3, 3  # documents of each kind and language: the largest ones, then evenly spaced others
LONG_LAO = "ການພັດທະນາລະບົບສາທາລະນະສຸກຂັ້ນພື້ນຖານ" * 12  # 444 characters, no break opportunity
LONG_EMAIL = "secretariat.of.the.sector.working.group.on.health.and.nutrition@ministry-of-health.gov.la"


def is_a4(width: float, height: float) -> bool:
    return any(abs(width - w) < 2 and abs(height - h) < 2 for w, h in (A4, A4[::-1]))


def misfits(name: str, content: bytes) -> list[str]:
    """What is wrong with the PDF: pages that are not A4, characters outside their page, foreign fonts."""
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
            # "ABCDEF+Noto-Sans-Lao-Bold" → "NotoSansLaoBold": one family, whatever the subset is called.
            fonts = {c["fontname"].split("+")[-1].replace("-", "") for c in page.chars}
            foreign = sorted(f for f in fonts if not f.startswith(FONT_NAMES))
            if foreign:
                problems.append(f"{name} page {number}: fonts outside Noto Sans (Lao): {foreign}")
    return problems


def sample(objects: list) -> list:
    """The LARGEST first objects (ordered largest first) and SPREAD others evenly spaced among the rest."""
    rest = objects[LARGEST:]
    step = max(1, len(rest) // SPREAD) if rest else 1
    return objects[:LARGEST] + rest[::step][:SPREAD]


def largest_plans() -> list[WorkPlan]:
    return list(
        WorkPlan.objects.select_related("group")
        .annotate(rows=Count("priorities", distinct=True) + Count("stakeholders", distinct=True))
        .order_by("-rows", "pk")
    )


def largest_versions(lang: str) -> list[MinutesVersion]:
    return list(
        MinutesVersion.objects.filter(language=lang)
        .select_related("minutes")
        .annotate(rows=Count("minutes__items__action_points", distinct=True))
        .order_by("-rows", "pk")
    )


def largest_meetings() -> list[Meeting]:
    return list(
        Meeting.objects.annotate(rows=Count("participants")).filter(rows__gt=0).order_by("-rows", "pk")
    )


def plan_url(plan: WorkPlan) -> str:
    return reverse("workplans:export", args=[plan.group.code, plan.year, "pdf"])


def minutes_url(version: MinutesVersion) -> str:
    return reverse("minutes:export_pdf", args=[version.minutes.meeting_id, version.language])


def sheet_url(meeting: Meeting) -> str:
    return reverse("meetings:sheet_pdf", args=[meeting.pk])


def exports() -> list[tuple[str, str, str]]:
    """(kind, name, url) of the sampled PDF exports of the demo, in each language.

    The minutes' PDF is in its version's language (whatever the page's): its languages are the versions'.
    """
    urls = []
    for lang in ("lo", "en"):
        with translation.override(lang):
            urls += [
                ("work plan", f"work plan {p.group.code} {p.year} [{lang}]", plan_url(p))
                for p in sample(largest_plans())
            ]
            urls += [
                ("minutes", f"minutes of meeting {v.minutes.meeting_id} [{lang}]", minutes_url(v))
                for v in sample(largest_versions(lang))
            ]
            urls += [
                ("sign-in sheet", f"sign-in sheet {m.pk} [{lang}]", sheet_url(m))
                for m in sample(largest_meetings())
            ]
    return urls


def fill_with_the_worst_text() -> list[tuple[str, str, str]]:
    """The largest document of each kind, its cells filled with unbreakable Lao and a long address; the
    (kind, name, url) of their exports in both languages."""
    plan = largest_plans()[0]
    plan.priorities.update(
        title_lo=LONG_LAO[:300],
        title_en=LONG_EMAIL * 3,
        expected_results_lo=LONG_LAO,
        funding_source_lo=LONG_LAO[:255],
    )
    version = largest_versions("lo")[0]
    ActionPoint.objects.filter(item__minutes=version.minutes).update(what_lo=LONG_LAO)
    meeting = largest_meetings()[0]
    meeting.participants.update(email=LONG_EMAIL, position=LONG_LAO[:255])
    urls = []
    for lang in ("lo", "en"):
        with translation.override(lang):
            urls += [
                ("work plan", f"work plan {plan.pk}, worst text [{lang}]", plan_url(plan)),
                ("sign-in sheet", f"sign-in sheet {meeting.pk}, worst text [{lang}]", sheet_url(meeting)),
            ]
    with translation.override("lo"):
        urls.append(
            ("minutes", f"minutes {version.minutes.meeting_id}, worst text [lo]", minutes_url(version))
        )
    return urls


def check(client, urls) -> tuple[list[str], set[tuple[str, str]]]:
    problems, checked = [], set()
    for kind, name, url in urls:
        response = client.get(url)
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            problems.append(f"{name}: {url} answered {response.status_code} {response['Content-Type']}")
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        problems += misfits(name, content)
        checked.add((kind, name[-3:-1]))
    return problems, checked


@pytest.mark.demo
@pytest.mark.django_db(transaction=True)
def test_every_kind_of_pdf_export_of_the_demo_fits_its_a4_page_in_both_languages(client, settings):
    settings.DEBUG = True  # load_demo refuses to run without it
    call_command("load_demo", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="admin"))
    problems, checked = check(client, exports())
    # Every kind in both languages, or the test proves nothing about the one left out.
    assert checked == {
        (kind, lang) for kind in ("work plan", "minutes", "sign-in sheet") for lang in ("lo", "en")
    }
    worst_problems, _checked = check(client, fill_with_the_worst_text())
    problems += worst_problems
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_misfits_sees_a_page_that_is_not_a4_and_text_past_its_edge():
    """The checker itself: a US Letter page with a word drawn past its right edge, in a foreign font."""
    from weasyprint import HTML

    content = HTML(
        string="<style>@page { size: letter; margin: 1cm } "
        "p { white-space: nowrap; font-family: serif }</style><p>" + "overflowing " * 40 + "</p>"
    ).write_pdf()
    problems = misfits("letter", content)
    assert any("not A4" in p for p in problems)
    assert any("outside the page" in p for p in problems)
    assert any("fonts outside" in p for p in problems)
