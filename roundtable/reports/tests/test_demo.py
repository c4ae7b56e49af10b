"""The demo of the Round Table meetings, on top of the whole demo: the 14th HL-RTM with its recommendations,
last year's RTIM published with its compiled report, this year's open with reports in every state; each
step taken by its role on its day; idempotent."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from roundtable.reports.models import (
    CompiledReport,
    Cycle,
    CycleStatus,
    ProgressReport,
    Recommendation,
    RecommendationFollowUp,
    ReportReminder,
    ReportStatus,
    ReportStep,
)

pytestmark = pytest.mark.demo


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # load_demo refuses to run without it
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_the_demo_has_the_three_cycles_in_their_states_and_runs_twice_without_duplicates(demo):
    today = timezone.localdate()
    hlrtm = Cycle.objects.get(code="hlrtm-14")
    previous = Cycle.objects.get(code=f"rtim-{today.year - 1}")
    current = Cycle.objects.get(code=f"rtim-{today.year}")
    assert "Round Table demo" in demo and "left short" not in demo, demo
    assert (hlrtm.status, hlrtm.held_on.isoformat(), hlrtm.number) == (
        CycleStatus.PUBLISHED,
        "2025-11-19",
        14,
    )
    assert hlrtm.theme_en.startswith("Strengthening Development Partnerships")
    assert hlrtm.secretariat.acronym == "IFCD"
    # Last year's: every SWG's report published, the compiled report built in both languages and formats.
    assert previous.status == CycleStatus.PUBLISHED
    assert previous.held_on.year == today.year
    reports = previous.reports.all()
    assert reports.count() == 10 and set(reports.values_list("status", flat=True)) == {ReportStatus.PUBLISHED}
    assert all(r.facts is not None for r in reports)
    compiled = CompiledReport.objects.get(cycle=previous)
    assert compiled.report_count == 10 and all(
        compiled.file_for(f, lang) for f in ("pdf", "docx") for lang in ("lo", "en")
    )
    late = previous.reports.get(group__code="governance")
    assert late.days_late() > 0
    # This year's: open, reports in every state but published, one not started and reminded.
    assert current.status == CycleStatus.OPEN and current.deadline < today < current.held_on
    states = dict(current.reports.values_list("group__code", "status"))
    assert "trade" not in states
    assert set(states.values()) == {
        ReportStatus.ACCEPTED, ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.WITH_CHAIR,
        ReportStatus.CHAIR_APPROVED, ReportStatus.DRAFT,
    }  # fmt: skip
    assert current.reports.get(group__code="governance").days_late() > 0
    assert current.reports.get(group__code="health").days_late() == 0
    assert ReportReminder.objects.filter(cycle=current, group__code="trade").exists()
    # The recommendations of the 14th HL-RTM, assigned and partly followed up.
    assert Recommendation.objects.filter(cycle=hlrtm).count() == 8
    assert Recommendation.objects.filter(cycle=hlrtm, groups__isnull=True).count() == 0
    assert RecommendationFollowUp.objects.filter(report__cycle=previous, status="in_progress").exists()
    assert len(set(Recommendation.objects.filter(cycle=hlrtm).values_list("status", flat=True))) == 3
    # Each step by its role: the chair's steps by a chair, the RTP Secretariat's by the RTP Secretariat.
    for step in ReportStep.objects.filter(name="chair_approve").select_related("actor", "report__group"):
        assert step.as_role in ("chair", "cochair")
    assert (
        not ReportStep.objects.filter(name__in=["accept", "return", "publish"])
        .exclude(actor__groups__name="RTP Secretariat")
        .exists()
    )
    counts = (Cycle.objects.count(), ProgressReport.objects.count(), ReportStep.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Cycle.objects.count(), ProgressReport.objects.count(), ReportStep.objects.count()) == counts
