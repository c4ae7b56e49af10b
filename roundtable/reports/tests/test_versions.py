"""Two versions frozen at submission compared section by section: the page says what changed (words removed
and added in a text, a priority's status), is linked from the versions' history, and has the versions' own
permission (the group's secretariat, its chairs and the RTP Secretariat)."""

import pytest
from django.urls import reverse

from roundtable.conftest import LADDER
from roundtable.reports import services
from roundtable.reports.compare import word_diff
from roundtable.reports.models import PriorityStatus, ProgressReport, ReportStatus

from .conftest import OVERVIEW_EN

pytestmark = pytest.mark.django_db

PERSONAS = [*LADDER, "chair", "cochair"]
NEW_OVERVIEW = OVERVIEW_EN.replace("extended", "doubled")


def url(name, report):
    return reverse(f"reports:{name}", args=[report.cycle.code, report.group.code])


@pytest.fixture
def resubmitted(world, reporting, make_report):
    """Returned by the RTP Secretariat after its first submission, corrected (one word of the overview, the
    second priority now completed) and submitted again: versions 1 and 2."""
    report = make_report(ReportStatus.RETURNED)
    secretariat = world.user("secretariat")
    services.report_update_text(
        report=report,
        actor=secretariat,
        data={"overview_en": NEW_OVERVIEW},
        revision=ProgressReport.objects.get(pk=report.pk).revision,
    )
    services.priority_progress_save(
        report=report,
        priority=reporting.priorities[1],
        actor=secretariat,
        data={"status": PriorityStatus.COMPLETED, "narrative_en": "Progress on Health financing."},
    )
    for step, persona in (("send", "secretariat"), ("chair_approve", "chair"), ("submit", "secretariat")):
        report = services.report_take_step(report=report, actor=world.user(persona), step=step, notify=False)
    assert list(report.versions.values_list("number", flat=True)) == [1, 2]
    return ProgressReport.objects.get(pk=report.pk)


def test_the_words_diff_keeps_the_text_and_marks_what_was_removed_and_added():
    diff = word_diff("the sector extended care", "the sector doubled care")
    assert diff == [("same", "the sector "), ("del", "extended"), ("ins", "doubled"), ("same", " care")]
    assert "".join(t for op, t in diff if op != "ins") == "the sector extended care"
    assert "".join(t for op, t in diff if op != "del") == "the sector doubled care"


def test_the_comparison_shows_what_changed_section_by_section(world, resubmitted, client_for, english):
    client = client_for(world.user("secretariat"))
    history = client.get(url("versions", resubmitted)).content.decode()
    compare_url = url("version_compare", resubmitted)
    assert f'href="{compare_url}?a=1&amp;b=2"' in history
    response = client.get(compare_url)  # by default the last two
    assert response.status_code == 200
    page = response.content.decode()
    assert "<del>extended</del>" in page and "<ins>doubled</ins>" in page
    overview = page.split('id="compare-overview"')[1].split("</section>")[0]
    assert "changed" in overview
    second = page.split('id="compare-priority-2"')[1].split("</section>")[0]
    assert str(PriorityStatus.BEHIND.label) in second and str(PriorityStatus.COMPLETED.label) in second
    first = page.split('id="compare-priority-1"')[1].split("</section>")[0]
    assert "unchanged" in first and "<table" not in first
    challenges = page.split('id="compare-challenges"')[1].split("</section>")[0]
    assert "unchanged" in challenges
    # The same version twice, or one that does not exist: nothing to compare.
    assert client.get(compare_url + "?a=1&b=1").status_code == 404
    assert client.get(compare_url + "?a=1&b=9").status_code == 404
    assert client.get(compare_url + "?a=x&b=2").status_code == 404
    # Asked the other way round, the older version is still the first.
    swapped = client.get(compare_url + "?a=2&b=1").content.decode()
    assert "<del>extended</del>" in swapped


def test_a_report_with_one_version_has_nothing_to_compare(world, make_report, client_for):
    report = make_report(ReportStatus.SUBMITTED)
    client = client_for(world.user("secretariat"))
    assert "version_compare" not in client.get(url("versions", report)).content.decode()
    assert client.get(url("version_compare", report)).status_code == 404


def test_the_comparison_has_the_versions_permission(world, resubmitted, client_for):
    expected = {"secretariat": 200, "chair": 200, "cochair": 200, "rtp": 200, "member": 403}
    for persona in PERSONAS:
        response = client_for(world.user(persona)).get(url("version_compare", resubmitted))
        code = expected.get(persona, 302 if persona == "anonymous" else 404)
        assert response.status_code == code, persona
