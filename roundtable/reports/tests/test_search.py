"""What the reports give the site search: a cycle and its recommendations once the cycle is open, a progress
report to the public only once published with its cycle (before: to the group, through its grant)."""

import pytest

pytest.importorskip("roundtable.core.search")

from roundtable.core.search import PROVIDERS  # noqa: E402
from roundtable.reports import services  # noqa: E402
from roundtable.reports.models import CycleStatus, ReportStatus  # noqa: E402


def docs(name, obj):
    return PROVIDERS[name].documents(obj)


def test_a_report_is_public_in_the_search_only_once_published(world, reporting, make_report):
    report = make_report(ReportStatus.ACCEPTED)
    [document] = docs("reports.report", report)
    assert document.public is False and document.access == "reports.unpublished"
    assert document.group_id == world.health.pk and "extended primary health care" in document.body_en
    services.cycle_publish(cycle=reporting.cycle, actor=world.user("rtp"), notify=False)
    report.refresh_from_db()
    [document] = docs("reports.report", report)
    assert document.public is True and document.url_en.endswith("/en/round-table/rtim-2026/reports/health/")


def test_a_cycle_in_preparation_and_its_recommendations_are_not_found(world, reporting):
    assert docs("reports.cycle", reporting.cycle)[0].public is True
    assert docs("reports.recommendation", reporting.recommendation)[0].public is True
    reporting.earlier.status = CycleStatus.DRAFT
    reporting.earlier.published_at = None
    reporting.earlier.save()
    assert docs("reports.cycle", reporting.earlier) == []
    reporting.recommendation.refresh_from_db()
    assert docs("reports.recommendation", reporting.recommendation) == []
