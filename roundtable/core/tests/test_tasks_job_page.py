"""The page of a job: its starter and the RTP Secretariat follow it; nobody else learns it exists."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from roundtable.core.jobs.models import Job, JobStatus
from roundtable.core.tasks import jobs_started_by

SEES = {"secretariat", "rtp"}  # the starter (the group's secretariat) and the RTP Secretariat


def make_job(world, **fields) -> Job:
    values = {
        "kind": "meetings.invitation",
        "title_en": "Invitations to “Health SWG”",
        "title_lo": "ການເຊີນເຂົ້າຮ່ວມ “ກອງປະຊຸມສາທາລະນະສຸກ”",
        "started_by": world.user("secretariat"),
        "status": JobStatus.RUNNING,
        "total": 40,
        "done": 12,
        "task_path": "roundtable.meetings.tasks.send_meeting_emails",
        **fields,
    }
    return Job.objects.create(**values)


def job_url(job: Job, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("jobs:detail", args=[job.pk])


@pytest.mark.parametrize(
    "persona", ["anonymous", "outsider", "member", "other_secretariat", "secretariat", "rtp"]
)
def test_only_the_starter_and_the_rtp_secretariat_see_a_job(world, client_for, persona):
    job = make_job(world)
    response = client_for(world.user(persona)).get(job_url(job))
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif persona in SEES:
        assert response.status_code == 200
        assert "Invitations to “Health SWG”" in response.content.decode()
    else:
        assert response.status_code == 404


def test_a_running_job_shows_its_progress_a_reload_link_and_refreshes_itself(world, client_for):
    job = make_job(world)
    page = client_for(world.user("secretariat")).get(job_url(job)).content.decode()
    assert "12 of 40 done" in page
    assert '<progress value="12" max="40">' in page
    assert f'href="{job_url(job)}"' in page  # reload, without JavaScript
    assert 'hx-trigger="every 2s"' in page


def test_the_refresh_gets_only_the_progress_and_a_finished_job_stops_refreshing(world, client_for):
    job = make_job(world)
    client = client_for(world.user("secretariat"))
    partial = client.get(job_url(job), headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and 'id="job-progress"' in partial.content.decode()
    assert "HX-Request" in partial["Vary"] and partial["Cache-Control"] == "no-store"
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, done=40, outcome={"sent": 38, "already_sent": 2}, finished_at=timezone.now()
    )
    page = client.get(job_url(job)).content.decode()
    assert "38 emails sent." in page and "2 had been sent before." in page
    assert "hx-trigger" not in page and "Reload" not in page


def test_the_page_is_in_the_readers_language(world, client_for):
    job = make_job(world, return_path="/lo/meetings/1/participants/")
    client = client_for(world.user("secretariat"))
    lao = client.get(job_url(job, "lo")).content.decode()
    english = client.get(job_url(job, "en")).content.decode()
    assert "ກອງປະຊຸມສາທາລະນະສຸກ" in lao and "ສຳເລັດ 12 ຈາກ 40" in lao
    assert "Health SWG" in english and "12 of 40 done" in english
    # The way back follows the reader's language, whatever the starter's was.
    assert 'href="/en/meetings/1/participants/"' in english


def test_a_failed_job_says_why_and_the_starter_can_send_the_rest(
    world, client_for, django_capture_on_commit_callbacks
):
    from roundtable.meetings import services
    from roundtable.meetings.tests.conftest import make_meeting

    meeting = make_meeting(world.health, days=10)
    with jobs_started_by(world.user("secretariat")), django_capture_on_commit_callbacks(execute=True):
        services.participants_invite(actor=world.user("secretariat"), meeting=meeting)
    job = Job.objects.get()
    mail.outbox.clear()
    # As if the server had failed after two emails: the others are still to be sent.
    for key in sorted(job.items.values_list("key", flat=True))[2:]:
        job.items.filter(key=key).delete()
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, done=2, message="SMTPServerDisconnected: Connection unexpectedly closed"
    )
    client = client_for(world.user("secretariat"))
    page = client.get(job_url(job)).content.decode()
    assert "SMTPServerDisconnected" in page and "Try again" in page

    # Someone else cannot retry it (nor learn of it).
    with translation.override("en"):
        retry = reverse("jobs:retry", args=[job.pk])
    assert client_for(world.user("member")).post(retry).status_code == 404
    assert mail.outbox == []

    response = client_for(world.user("secretariat")).post(retry)
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.outcome == {"sent": 3, "already_sent": 2}
    assert len(mail.outbox) == 3
