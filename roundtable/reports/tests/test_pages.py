"""The pages at work: the secretariat starts and writes its report (a stale save keeps its text and shows what
changed), a step that cannot be undone asks first, the RTP Secretariat creates, opens and publishes a cycle,
reminds a group, records recommendations and milestones; "My work", the group page and the RTP overview
show the due reports; the public reads the recommendations and the road map."""

from datetime import date

import pytest
from django.urls import reverse

from roundtable.reports import services
from roundtable.reports.models import (
    Cycle,
    CycleStatus,
    Milestone,
    ProgressReport,
    Recommendation,
    ReportReminder,
    ReportStatus,
)

from .conftest import OVERVIEW_EN


def url(name, report, *extra):
    return reverse(f"reports:{name}", args=[report.cycle.code, report.group.code, *extra])


def test_the_secretariat_starts_its_report_from_the_cycle_page_and_finds_the_facts(
    world, reporting, records, client_for
):
    client = client_for(world.user("secretariat"))
    page = client.get(reporting.cycle.get_absolute_url()).content.decode()
    start = reverse("reports:start", args=[reporting.cycle.code, "health"])
    assert start in page
    response = client.post(start)
    report = ProgressReport.objects.get(cycle=reporting.cycle, group=world.health)
    assert response["Location"] == report.get_absolute_url()
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'id="facts"' in page and "ສາທາລະນະສຸກຂັ້ນພື້ນຖານ" in page and "ການເງິນສາທາລະນະສຸກ" in page
    assert reporting.recommendation.text_lo in page  # the recommendation to follow up
    assert world.health_sub.name_lo in page  # its sub-SWG reports inside its report
    # Nobody else starts it.
    for persona in ["member", "chair", "rtp", "other_secretariat"]:
        assert client_for(world.user(persona)).post(start).status_code == 403


def test_a_stale_save_keeps_the_text_and_shows_what_changed(world, reporting, make_report, client_for):
    report = make_report(ReportStatus.DRAFT, ready=False)
    client = client_for(world.user("secretariat"))
    loaded = report.revision
    services.report_update_text(
        report=report, actor=world.user("secretariat"), data={"challenges_en": "Roads."}, revision=loaded
    )
    response = client.post(
        url("edit", report), {"revision": loaded, "challenges_en": "Budget.", "overview_en": "x"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="conflict"' in page and "Roads." in page and "Budget." in page
    report.refresh_from_db()
    assert report.challenges_en == "Roads."
    # Saved again from the page as it now is: the user's text wins, knowingly.
    revision = response.context["form"]["revision"].value()
    response = client.post(url("edit", report), {"revision": revision, "challenges_en": "Budget."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.challenges_en == "Budget."


def test_a_too_long_text_is_refused_with_a_message_and_nothing_lost(
    world, reporting, make_report, client_for
):
    report = make_report(ReportStatus.DRAFT, ready=False)
    response = client_for(world.user("secretariat")).post(
        url("edit", report),
        {"revision": report.revision, "overview_en": "x" * 20001, "challenges_en": "Kept."},
    )
    assert response.status_code == 400
    assert b"error-summary" in response.content and b"Kept." in response.content


def test_the_priority_form_asks_for_a_reason_when_behind(world, reporting, make_report, client_for):
    report = make_report(ReportStatus.DRAFT, ready=False)
    path = url("priority", report, reporting.priorities[0].pk)
    client = client_for(world.user("secretariat"))
    response = client.post(path, {"status": "behind", "narrative_en": "Slow."})
    assert response.status_code == 400 and b"Slow." in response.content
    response = client.post(path, {"status": "behind", "reason_en": "Late budget.", "narrative_en": "Slow."})
    assert response.status_code == 302
    row = report.priorities.get()
    assert (row.status, row.reason_en, row.title_en) == ("behind", "Late budget.", "Primary health care")


def test_submitting_asks_first_then_freezes(world, reporting, make_report, client_for):
    report = make_report(ReportStatus.CHAIR_APPROVED)
    client = client_for(world.user("secretariat"))
    response = client.post(url("step", report, "submit"), {"revision": report.revision})
    assert response.status_code == 200 and b'name="confirmed"' in response.content
    report.refresh_from_db()
    assert report.status == ReportStatus.CHAIR_APPROVED
    response = client.post(url("step", report, "submit"), {"revision": report.revision, "confirmed": "True"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.facts is not None


def test_a_refused_step_shows_the_page_again_with_the_comment(world, reporting, make_report, client_for):
    report = make_report(ReportStatus.WITH_CHAIR)
    response = client_for(world.user("chair")).post(
        url("step", report, "chair_return"), {"revision": report.revision, "comment": ""}
    )
    assert response.status_code == 400
    stale = client_for(world.user("chair")).post(
        url("step", report, "chair_approve"), {"revision": report.revision - 1, "comment": "Looks good."}
    )
    assert stale.status_code == 400 and b"Looks good." in stale.content
    report.refresh_from_db()
    assert report.status == ReportStatus.WITH_CHAIR


def test_a_cochairs_page_says_cochair(world, reporting, make_report, client_for, english):
    report = make_report(ReportStatus.WITH_CHAIR)
    page = client_for(world.user("cochair")).get(url("report", report)).content.decode()
    assert "Approve (co-chair)" in page
    page = client_for(world.user("chair")).get(url("report", report)).content.decode()
    assert "Approve (chair)" in page and "co-chair)" not in page


def test_the_rtp_secretariat_creates_opens_and_publishes_a_cycle(world, reporting, client_for):
    client = client_for(world.user("rtp"))
    response = client.post(
        reverse("reports:cycle_create"),
        {"code": "rtim-2027", "kind": "rtim", "year": 2027, "held_on": "2028-02-10", "theme_en": "Next"},
    )
    cycle = Cycle.objects.get(code="rtim-2027")
    assert response["Location"] == cycle.get_absolute_url()
    assert cycle.deadline == date(2028, 1, 13)  # four weeks before the meeting
    assert set(cycle.groups.all()) == {world.health, world.education}  # every SWG by default
    assert cycle.status == CycleStatus.DRAFT
    assert client.get(reverse("reports:cycle_open", args=[cycle.code])).status_code == 200  # the question
    client.post(reverse("reports:cycle_open", args=[cycle.code]))
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN
    client.post(reverse("reports:cycle_publish", args=[cycle.code]))
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.PUBLISHED


def test_a_cycle_edited_on_a_stale_page_shows_what_changed(world, reporting, client_for):
    cycle = reporting.cycle
    client = client_for(world.user("rtp"))
    data = {
        "code": cycle.code, "kind": "rtim", "year": 2026, "held_on": "2027-01-28", "theme_en": "Mine",
        "groups": [world.health.pk, world.education.pk], "revision": cycle.revision,
    }  # fmt: skip
    services.cycle_update(
        cycle=cycle, actor=world.user("rtp"), data={"theme_en": "Theirs"}, revision=cycle.revision
    )
    response = client.post(reverse("reports:cycle_edit", args=[cycle.code]), data)
    assert response.status_code == 409 and b"Theirs" in response.content and b"Mine" in response.content


def test_the_tracker_reminds_a_late_group(world, reporting, client_for):
    client = client_for(world.user("rtp"))
    response = client.post(reverse("reports:remind", args=[reporting.cycle.code, "education"]))
    assert response.status_code == 302
    assert ReportReminder.objects.filter(group=world.education).count() == 1
    page = client.get(reverse("reports:tracker", args=[reporting.cycle.code])).content.decode()
    assert 'id="tracker-education"' in page


def test_recommendations_and_milestones_are_recorded_and_public(world, reporting, client_for, records):
    client = client_for(world.user("rtp"))
    cycle = reporting.earlier
    response = client.post(
        reverse("reports:recommendation_create", args=[cycle.code]),
        {"text_en": "Publish all minutes.", "groups": [world.health.pk], "status": "not_started"},
    )
    assert response.status_code == 302
    recommendation = Recommendation.objects.get(text_en="Publish all minutes.")
    assert recommendation.number == 2
    response = client.post(
        reverse("reports:milestone_create", args=[reporting.cycle.code]),
        {"due_on": "2027-01-10", "title_en": "Chairs and co-chairs meet", "status": "planned"},
    )
    assert response.status_code == 302 and Milestone.objects.count() == 1
    anonymous = client_for(None)
    listing = anonymous.get(reverse("reports:recommendations")).content.decode()
    assert "Publish all minutes." in listing and reporting.recommendation.text_lo in listing
    results = anonymous.get(
        reverse("reports:recommendations"), {"status": "in_progress"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in results and reporting.recommendation.text_lo in results
    assert "Publish all minutes" not in results
    page = anonymous.get(reporting.cycle.get_absolute_url()).content.decode()
    assert "Chairs and co-chairs meet" in page  # the road map, as a timeline
    stale = client_for(world.user("rtp")).post(
        reverse("reports:recommendation_edit", args=[cycle.code, recommendation.pk]),
        {"text_en": "Changed.", "status": "in_progress", "revision": recommendation.revision + 5},
    )
    assert stale.status_code == 409


def test_a_public_recommendation_shows_the_published_follow_up_only(
    world, reporting, make_report, client_for
):
    report = make_report(ReportStatus.ACCEPTED)
    anonymous = client_for(None)
    assert (
        "The budget law raised the share."
        not in anonymous.get(reporting.earlier.get_absolute_url()).content.decode()
    )
    services.cycle_publish(cycle=reporting.cycle, actor=world.user("rtp"), notify=False)
    page = anonymous.get(reporting.earlier.get_absolute_url()).content.decode()
    assert "The budget law raised the share." in page and report.get_absolute_url() in page


def test_my_work_shows_the_due_report_and_what_waits_for_approval(world, reporting, make_report, client_for):
    dashboard = reverse("website:dashboard")
    page = client_for(world.user("secretariat")).get(dashboard).content.decode()
    assert (
        'id="my-reports"' in page and reverse("reports:start", args=[reporting.cycle.code, "health"]) in page
    )
    report = make_report(ReportStatus.WITH_CHAIR)
    page = client_for(world.user("cochair")).get(dashboard).content.decode()
    assert report.get_absolute_url() in page
    page = client_for(world.user("rtp")).get(dashboard).content.decode()
    assert reverse("reports:tracker", args=[reporting.cycle.code]) in page
    assert 'id="my-reports"' not in client_for(world.user("outsider")).get(dashboard).content.decode()
    overview = client_for(world.user("rtp")).get(reverse("website:secretariat")).content.decode()
    assert 'id="round-table-reports"' in overview


def test_the_group_page_shows_the_report_to_its_members_and_the_published_ones_to_all(
    world, reporting, make_report, client_for
):
    report = make_report(ReportStatus.SUBMITTED)
    group_page = world.health.get_absolute_url()
    assert report.get_absolute_url() in client_for(world.user("member")).get(group_page).content.decode()
    assert report.get_absolute_url() not in client_for(None).get(group_page).content.decode()
    services.report_take_step(report=report, actor=world.user("rtp"), step="accept", notify=False)
    services.cycle_publish(cycle=reporting.cycle, actor=world.user("rtp"), notify=False)
    assert report.get_absolute_url() in client_for(None).get(group_page).content.decode()


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_the_public_pages_speak_both_languages(world, reporting, make_report, client_for, lang):
    report = make_report(ReportStatus.ACCEPTED)
    services.cycle_publish(cycle=reporting.cycle, actor=world.user("rtp"), notify=False)
    anonymous = client_for(None)
    for path in [
        f"/{lang}/round-table/",
        f"/{lang}/round-table/recommendations/",
        f"/{lang}/round-table/{reporting.cycle.code}/",
        f"/{lang}/round-table/{reporting.cycle.code}/reports/health/",
    ]:
        response = anonymous.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{lang}">' in response.content.decode()
    page = anonymous.get(f"/{lang}/round-table/{reporting.cycle.code}/reports/health/").content.decode()
    assert (OVERVIEW_EN if lang == "en" else "ປີນີ້") in page
    assert "@example.la" not in page and "+856" not in page
    assert report.is_published is False  # the object in hand is from before the publication
