"""The upload page: the RTP Secretariat's files are imported by a background job, followed on the job's page
and on the import's page (which reloads itself with htmx, and works without JavaScript)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roundtable.aid.models import Activity, FileStatus, ImportRun, ImportVia
from roundtable.core.jobs.models import Job, JobStatus

from .conftest import activity_xml, file_xml, sector_xml

pytestmark = pytest.mark.django_db


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/xml")


def test_an_upload_is_imported_by_a_job_whose_pages_show_the_outcome(
    client_for, world, english, django_capture_on_commit_callbacks
):
    client = client_for(world.user("rtp"))
    broken = activity_xml("BAD-1", sectors=sector_xml("12220", 60) + sector_xml("11220", 30))
    files = [upload("one.xml", file_xml(activity_xml("UP-1"), broken)), upload("two.xml", b"not xml")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/aid/imports/", {"files": files})
    run = ImportRun.objects.get(via=ImportVia.UPLOAD)
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert run.started_by == world.user("rtp")
    job = run.job
    # The immediate backend ran the job at the commit.
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and (job.total, job.done) == (2, 2)
    assert job.outcome == {
        "files": 2,
        "activities": 1,
        "lao_activities": 1,
        "refused_activities": 1,
        "refused_files": 1,
    }
    assert job.return_path == run.get_absolute_url()
    assert list(Activity.objects.values_list("identifier", flat=True)) == ["UP-1"]
    one, two = run.files.order_by("pk")
    assert (one.status, two.status) == (FileStatus.IMPORTED, FileStatus.REFUSED)
    page = client.get(run.get_absolute_url()).content.decode()
    assert "1 activity imported (1 for Lao PDR)" in page and "add up to 90, not 100" in page
    assert "The file is not XML" in page
    assert 'hx-trigger="every 2s"' not in page  # done: the page stops reloading
    job_page = client.get(f"/en/jobs/{job.pk}/")
    assert job_page.status_code == 200 and run.get_absolute_url() in job_page.content.decode()


def test_a_running_import_page_reloads_itself_and_answers_htmx_with_its_part(client_for, world):
    run = ImportRun.objects.create(via=ImportVia.UPLOAD, started_by=world.user("rtp"))
    run.files.create(name="big.xml", status=FileStatus.READING, read_so_far=1200)
    client = client_for(world.user("rtp"))
    page = client.get(f"/en/aid/imports/{run.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and "1200 activities read so far" in page
    fragment = client.get(f"/en/aid/imports/{run.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="import-files"') and "<html" not in fragment


def test_the_upload_form_refuses_what_is_not_an_xml_file(client_for, world, english):
    client = client_for(world.user("rtp"))
    response = client.post("/en/aid/imports/", {"files": [upload("data.csv", b"a,b")]})
    assert response.status_code == 200 and "is not an XML file" in response.content.decode()
    response = client.post("/en/aid/imports/", {"files": [upload("empty.xml", b"")]})
    assert response.status_code == 200
    assert not ImportRun.objects.exists() and not Job.objects.exists()


def test_a_failed_job_tried_again_skips_the_files_it_imported(
    client_for, world, monkeypatch, django_capture_on_commit_callbacks
):
    from roundtable.aid.services import runs

    calls = []
    real = runs.iati_import_file

    def flaky(*, handle, source_file, progress=None):
        calls.append(source_file.name)
        if source_file.name == "two.xml" and calls.count("two.xml") == 1:
            raise ConnectionError("the database went away")
        return real(handle=handle, source_file=source_file, progress=progress)

    monkeypatch.setattr(runs, "iati_import_file", flaky)
    client = client_for(world.user("rtp"))
    files = [
        upload("one.xml", file_xml(activity_xml("A-1"))),
        upload("two.xml", file_xml(activity_xml("A-2"))),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/aid/imports/", {"files": files})
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.done == 1 and "ConnectionError" in job.message
    client.post(f"/en/jobs/{job.pk}/retry/")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert calls == ["one.xml", "two.xml", "two.xml"]
    assert set(Activity.objects.values_list("identifier", flat=True)) == {"A-1", "A-2"}
