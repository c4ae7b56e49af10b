"""The permission ladder on every path of a progress report and of a cycle: page, htmx fragment, exports,
the secretariat's forms, the steps, the versions, the RTP Secretariat's screens. A report that is not
published (with its cycle) is unknown (404) to whoever is not of the group or the RTP Secretariat."""

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.conftest import LADDER
from roundtable.core.tests.sitemaps import sitemap_text
from roundtable.reports import services
from roundtable.reports.models import CycleStatus, ReportStatus

PERSONAS = [*LADDER, "chair", "cochair"]
INSIDERS = {"member", "secretariat", "rtp", "chair", "cochair"}


def publish(reporting, world):
    return services.cycle_publish(cycle=reporting.cycle, actor=world.user("rtp"), notify=False)


def url(name, report, *extra):
    return reverse(f"reports:{name}", args=[report.cycle.code, report.group.code, *extra])


@pytest.mark.parametrize(
    "status", [ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, "published"]
)
def test_the_report_its_fragment_and_its_exports_follow_the_ladder(
    world, reporting, make_report, client_for, status
):
    report = make_report(ReportStatus.ACCEPTED if status == "published" else status)
    if status == "published":
        publish(reporting, world)
    paths = [
        (url("report", report), {}),
        (url("facts", report), {"HTTP_HX_REQUEST": "true"}),
        (url("export", report, "pdf"), {}),
        (url("export", report, "docx"), {}),
    ]
    for persona in PERSONAS:
        client = client_for(world.user(persona))
        for path, headers in paths:
            response = client.get(path, **headers)
            expected = 200 if status == "published" or persona in INSIDERS else 404
            assert response.status_code == expected, (persona, status, path)
            if expected == 200 and status != "published":
                assert "no-store" in response["Cache-Control"], path
    fragment = client_for(None if status == "published" else world.user("member")).get(
        url("facts", report), HTTP_HX_REQUEST="true"
    )
    assert b"<html" not in fragment.content and b'id="facts"' in fragment.content
    assert "HX-Request" in fragment["Vary"]


def test_the_secretariat_writes_the_others_are_refused(world, reporting, make_report, client_for):
    report = make_report(ReportStatus.DRAFT, ready=False)
    priority = reporting.priorities[0]
    paths = [
        url("edit", report),
        url("priority", report, priority.pk),
        url("follow_up", report, reporting.recommendation.pk),
        url("subgroup", report, world.health_sub.code),
    ]
    for persona in PERSONAS:
        client = client_for(world.user(persona))
        for path in paths:
            response = client.get(path)
            if persona == "anonymous":
                assert response.status_code == 302 and "/accounts/login/" in response["Location"]
            elif persona == "secretariat":
                assert response.status_code == 200, path
            elif persona in INSIDERS:
                assert response.status_code == 403, (persona, path)
            else:
                assert response.status_code == 404, (persona, path)


def test_a_report_out_of_the_secretariats_hands_is_not_edited(world, reporting, make_report, client_for):
    report = make_report(ReportStatus.WITH_CHAIR)
    client = client_for(world.user("secretariat"))
    response = client.post(url("edit", report), {"revision": report.revision, "challenges_en": "x"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.challenges_en == ""


@pytest.mark.parametrize("step", ["send", "chair_approve", "accept"])
def test_a_step_by_the_wrong_role_is_forbidden_and_unknown_to_outsiders(
    world, reporting, make_report, client_for, step
):
    status = {
        "send": ReportStatus.DRAFT,
        "chair_approve": ReportStatus.WITH_CHAIR,
        "accept": ReportStatus.SUBMITTED,
    }
    allowed = {"send": {"secretariat"}, "chair_approve": {"chair", "cochair"}, "accept": {"rtp"}}[step]
    for persona in PERSONAS:
        report = make_report(status[step])
        response = client_for(world.user(persona)).post(
            url("step", report, step), {"revision": report.revision}
        )
        if persona == "anonymous":
            assert response.status_code == 302
        elif persona in allowed:
            assert response.status_code == 302, persona
            report.refresh_from_db()
            assert report.status != status[step]
        elif persona in INSIDERS:
            assert response.status_code == 403, persona
        else:
            assert response.status_code == 404, persona
        report.delete()


def test_the_versions_are_for_the_secretariat_the_chairs_and_the_rtp_secretariat(
    world, reporting, make_report, client_for
):
    report = make_report(ReportStatus.SUBMITTED)
    expected = {"secretariat": 200, "chair": 200, "cochair": 200, "rtp": 200, "member": 403}
    for persona in PERSONAS:
        response = client_for(world.user(persona)).get(url("versions", report))
        code = expected.get(persona, 302 if persona == "anonymous" else 404)
        assert response.status_code == code, persona
    page = client_for(world.user("rtp")).get(url("versions", report)).content.decode()
    assert report.versions.get().snapshot["text"]["overview_en"] in page


def test_a_cycle_in_preparation_is_the_rtp_secretariats_alone(world, reporting, client_for):
    cycle = reporting.cycle
    cycle.status = CycleStatus.DRAFT
    cycle.save()
    for persona in PERSONAS:
        response = client_for(world.user(persona)).get(cycle.get_absolute_url())
        assert response.status_code == (200 if persona == "rtp" else 404), persona
    listing = client_for(None).get(reverse("reports:cycles"))
    assert cycle.code.encode() not in listing.content
    assert cycle.code.encode() in client_for(world.user("rtp")).get(reverse("reports:cycles")).content


@pytest.mark.parametrize(
    "name,method",
    [
        ("cycle_edit", "get"),
        ("cycle_open", "get"),
        ("cycle_publish", "get"),
        ("tracker", "get"),
        ("documents", "get"),
        ("roadmap", "get"),
        ("milestone_create", "get"),
        ("recommendation_create", "get"),
        ("compile", "post"),
    ],
)
def test_the_rtp_secretariats_screens_are_its_alone(world, reporting, client_for, name, method):
    path = reverse(f"reports:{name}", args=[reporting.cycle.code])
    for persona in PERSONAS:
        response = getattr(client_for(world.user(persona)), method)(path)
        if persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        elif persona == "rtp":
            assert response.status_code in (200, 302), name
        else:
            assert response.status_code == 403, (persona, name)
    assert client_for(world.user("rtp")).get(reverse("reports:cycle_create")).status_code == 200
    assert client_for(world.user("secretariat")).get(reverse("reports:cycle_create")).status_code == 403


def test_the_tracker_rows_answer_htmx(world, reporting, make_report, client_for):
    make_report(ReportStatus.SUBMITTED)
    client = client_for(world.user("rtp"))
    path = reverse("reports:tracker", args=[reporting.cycle.code])
    response = client.get(path, {"show": "missing"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content and b"tracker-education" in response.content
    assert b"tracker-health" not in response.content
    page = client.get(path)
    assert b"tracker-health" in page.content and b"<html" in page.content


def test_the_compiled_report_is_public_with_the_published_cycle_only(
    world, reporting, make_report, client_for, django_capture_on_commit_callbacks
):
    make_report(ReportStatus.ACCEPTED)
    rtp = client_for(world.user("rtp"))
    with django_capture_on_commit_callbacks(execute=True):
        response = rtp.post(reverse("reports:compile", args=[reporting.cycle.code]))
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    for lang in ("lo", "en"):
        for fmt in ("pdf", "docx"):
            path = f"/{lang}/round-table/{reporting.cycle.code}/compiled.{fmt}"
            for persona in PERSONAS:
                code = client_for(world.user(persona)).get(path).status_code
                assert code == (200 if persona == "rtp" else 404), (persona, path)
    publish(reporting, world)
    for lang in ("lo", "en"):
        response = client_for(None).get(f"/{lang}/round-table/{reporting.cycle.code}/compiled.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert f"round-table-report-{reporting.cycle.code}-{lang}.pdf" in response["Content-Disposition"]


def test_the_cycle_documents_are_public_with_the_cycle(world, reporting, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = services.document_add(
        cycle=reporting.cycle,
        actor=world.user("rtp"),
        data={"title": "Guidance note", "kind": "guidance", "language": "en"},
        upload=SimpleUploadedFile("note.pdf", b"%PDF-1.4 demo", content_type="application/pdf"),
    )
    path = reverse("reports:document", args=[reporting.cycle.code, document.pk])
    assert client_for(None).get(path).status_code == 200
    reporting.cycle.status = CycleStatus.DRAFT
    reporting.cycle.save()
    assert client_for(None).get(path).status_code == 404
    assert client_for(world.user("rtp")).get(path).status_code == 200


@pytest.mark.parametrize(
    "status", [ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]
)
def test_drafts_returned_and_unaccepted_reports_are_on_no_public_path(
    world, reporting, make_report, client_for, status
):
    report = make_report(status)
    anonymous = client_for(None)
    cycle_page = anonymous.get(reporting.cycle.get_absolute_url()).content.decode()
    sitemap = sitemap_text(anonymous)
    assert url("report", report) not in cycle_page
    assert url("report", report) not in sitemap
    assert anonymous.get(url("report", report)).status_code == 404
    assert anonymous.get(url("export", report, "pdf")).status_code == 404
    assert anonymous.get("/api/v1/reports/").json()["count"] == 0
    assert anonymous.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert f"/lo/round-table/{reporting.cycle.code}/" in sitemap  # the open cycle's page is public


def test_a_published_report_is_on_every_public_path(world, reporting, make_report, client_for):
    report = make_report(ReportStatus.ACCEPTED)
    publish(reporting, world)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.published_at <= timezone.now()
    anonymous = client_for(None)
    assert url("report", report) in anonymous.get(reporting.cycle.get_absolute_url()).content.decode()
    assert url("report", report) in sitemap_text(anonymous)
    assert anonymous.get("/api/v1/reports/").json()["count"] == 1
    page = anonymous.get(url("report", report))
    assert page.status_code == 200 and "no-store" not in page.get("Cache-Control", "")
