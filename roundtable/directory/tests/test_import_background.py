"""A large confirmed import is written by a background job, whose page shows progress and result (issue 8).

Above RT_IMPORT_BACKGROUND_ROWS rows (500) the confirmation queues a job and sends the person to its page;
below, the import is written at once, as before. The tests lower the threshold to keep the files small.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roundtable.core.jobs.models import Job, JobStatus
from roundtable.core.tasks import job_enqueue, job_retry
from roundtable.directory import services
from roundtable.directory.models import Membership, Person

HEADER = "name_lo,name_en,organisation,email\n"


def people_csv(count: int, start: int = 0) -> SimpleUploadedFile:
    rows = "".join(f"ຄົນ {n},Person {n},WHO,person{n}@example.la\n" for n in range(start, start + count))
    return SimpleUploadedFile("people.csv", (HEADER + rows).encode())


def imported(count: int) -> int:
    return Person.objects.filter(email__in=[f"person{n}@example.la" for n in range(count)]).count()


@pytest.fixture
def rtp(world, client_for):
    return client_for(world.user("rtp"))


@pytest.fixture
def small_threshold(settings):
    settings.RT_IMPORT_BACKGROUND_ROWS = 5


def upload_and_confirm(client, file, url="/en/directory/import/"):
    preview = client.post(url, {"kind": "people", "file": file})
    token = client.session["directory_import"]["token"]
    return preview, client.post("/en/directory/import/confirm/", {"token": token})


def test_a_large_import_is_written_by_a_job_whose_page_shows_progress_and_result(
    world, rtp, small_threshold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        preview, response = upload_and_confirm(rtp, people_csv(8))
    assert "written in the background" in preview.content.decode()
    job = Job.objects.get(kind="directory.import")
    assert response.status_code == 302 and response["Location"] == f"/en/jobs/{job.pk}/"
    assert job.status == JobStatus.DONE and (job.done, job.total) == (8, 8)
    assert job.started_by == world.user("rtp")
    assert job.message == "Import done: 8 created, 0 updated, 0 unchanged."
    assert job.outcome["created"] == 8 and imported(8) == 8
    page = rtp.get(response["Location"]).content.decode()
    assert "Import of “people.csv”" in page and "8 of 8 done" in page
    assert 'href="/en/directory/people/"' in page  # back to where the import started
    # The rows (people's contact details) are not kept in the job once written.
    assert job.task_kwargs["source"] == []


def test_with_a_worker_the_job_page_says_it_waits_and_nothing_is_written_until_it_runs(
    world, rtp, small_threshold
):
    # Without the on-commit callbacks the job is only queued: what a worker backend does.
    _preview, response = upload_and_confirm(rtp, people_csv(8))
    job = Job.objects.get(kind="directory.import")
    page = rtp.get(response["Location"]).content.decode()
    assert job.status == JobStatus.QUEUED and "waiting for the task worker" in page
    assert "being written in the background" in page  # the message the confirmation left
    assert imported(8) == 0
    job_enqueue(job)  # the worker takes it
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and imported(8) == 8


def test_an_import_of_at_most_the_threshold_is_written_at_once(rtp, small_threshold):
    _preview, response = upload_and_confirm(rtp, people_csv(5))
    assert response["Location"] == reverse("directory:people")
    assert imported(5) == 5 and not Job.objects.exists()


def test_the_default_threshold_is_500_rows(rtp):
    preview, response = upload_and_confirm(rtp, people_csv(501))
    assert "This file has 501 rows" in preview.content.decode()
    job = Job.objects.get(kind="directory.import")
    assert response["Location"] == f"/en/jobs/{job.pk}/" and job.total == 501


def test_a_large_import_into_a_stakeholder_list_adds_the_memberships(
    world, client_for, small_threshold, django_capture_on_commit_callbacks
):
    client = client_for(world.user("secretariat"))
    with django_capture_on_commit_callbacks(execute=True):
        upload_and_confirm(client, people_csv(6), url="/en/directory/groups/health/stakeholders/import/")
    job = Job.objects.get(kind="directory.import")
    assert job.status == JobStatus.DONE and job.return_path == "/en/directory/groups/health/stakeholders/"
    assert job.message.endswith("6 added to the stakeholder list.")
    assert (
        Membership.objects.current().filter(group=world.health, person__email__startswith="person").count()
        == 6
    )


def test_the_job_rejects_the_import_when_the_directory_changed_since_the_preview(
    world, rtp, small_threshold, django_capture_on_commit_callbacks
):
    rows = "".join(f"ຄົນ {n},Person {n},JP,person{n}@example.la\n" for n in range(6))
    file = SimpleUploadedFile("people.csv", (HEADER + rows).encode())
    rtp.post("/en/directory/import/", {"kind": "people", "file": file})
    world.japan.acronym, world.japan.name_en = "EOJ", "Japanese Embassy"
    world.japan.save()
    token = rtp.session["directory_import"]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = rtp.post("/en/directory/import/confirm/", {"token": token})
    job = Job.objects.get(kind="directory.import")
    assert job.status == JobStatus.FAILED and imported(6) == 0
    assert "The directory has changed since the preview; nothing was written." in job.message
    assert "Line 2: unknown organisation “JP”" in job.message
    page = rtp.get(response["Location"]).content.decode()
    assert "Try again" in page


def test_a_job_stopped_half_way_keeps_what_it_wrote_and_writes_only_the_rest_when_tried_again(
    world, rtp, small_threshold, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "IMPORT_CHUNK_ROWS", 3)
    write = services._write_row
    failures = {"left": 1}

    def write_or_fail(row, **kwargs):
        if row.line == 6 and failures["left"]:  # the second chunk (lines 5-7) stops half-way
            failures["left"] -= 1
            raise ConnectionError("the database went away")
        write(row, **kwargs)

    monkeypatch.setattr(services, "_write_row", write_or_fail)
    with django_capture_on_commit_callbacks(execute=True):
        upload_and_confirm(rtp, people_csv(8))
    job = Job.objects.get(kind="directory.import")
    assert job.status == JobStatus.FAILED and "the database went away" in job.message
    # The first chunk (lines 2-4) is written and recorded; the second was rolled back whole.
    assert imported(8) == 3 and job.done == 3
    job_retry(job)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and (job.done, job.total) == (8, 8)
    assert imported(8) == 8 and Person.objects.filter(email="person0@example.la").count() == 1
    assert job.outcome["created"] == 5  # the retry wrote the five rows left


def test_a_permission_lost_before_the_worker_runs_writes_nothing(world, client_for, small_threshold):
    client = client_for(world.user("secretariat"))
    upload_and_confirm(client, people_csv(6), url="/en/directory/groups/health/stakeholders/import/")
    job = Job.objects.get(kind="directory.import")
    Membership.objects.filter(person__user=world.user("secretariat"), group=world.health).delete()
    job_enqueue(job)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "may not" in job.message
    assert imported(6) == 0
