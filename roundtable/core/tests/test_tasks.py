"""Background work: a job records its progress and outcome, and running a task again never sends twice
what went out. With the immediate backend (the default) the views say what they always said; with the
database backend they say the emails are being sent and link the job, and the worker sends them."""

from __future__ import annotations

import io
import signal
from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.contrib.auth.models import Group as AuthGroup
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from roundtable.conftest import make_person
from roundtable.core.jobs.models import Job, JobItem, JobStatus
from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.core.tasks import job_retry
from roundtable.groups.tests.conftest import noon
from roundtable.meetings import services as meeting_services
from roundtable.meetings.tasks import send_meeting_emails
from roundtable.meetings.tests.conftest import make_meeting
from roundtable.minutes.tests.conftest import make_minutes

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The Health stakeholder list of the test world: secretariat, chair, co-chair, member, stakeholder.
STAKEHOLDERS = 5


class FlakyBackend(LocmemBackend):
    """Delivers until the outbox holds `allow` messages, then the connection drops (the server went away)."""

    allow: int | None = None

    def send_messages(self, messages):
        if FlakyBackend.allow is not None and len(mail.outbox) >= FlakyBackend.allow:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "roundtable.core.tests.test_tasks.FlakyBackend"
    # The class Django loads by that path (pytest may have imported this module under another name).
    backend = import_string(settings.EMAIL_BACKEND)
    backend.allow = 2
    yield backend
    backend.allow = None


@pytest.fixture
def meeting(world):
    return make_meeting(world.health, days=10)


def invite(world, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return meeting_services.participants_invite(actor=world.user("secretariat"), meeting=meeting)


def addresses() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox)


def run_worker() -> str:
    """`manage.py db_worker --batch` in this process (its signal handlers are put back afterwards)."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    out = io.StringIO()
    try:
        call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, stdout=out)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    return out.getvalue()


def test_the_default_backend_runs_the_task_at_once_and_the_job_records_its_outcome(
    world, meeting, django_capture_on_commit_callbacks
):
    assert type(task_backends["default"]).__name__ == "ImmediateBackend"
    invite(world, meeting, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == STAKEHOLDERS
    job = Job.objects.get()
    assert (job.kind, job.status, job.total, job.done) == ("meetings.invitation", "done", 5, 5)
    assert job.outcome == {"sent": STAKEHOLDERS, "already_sent": 0}
    assert job.task_path == "roundtable.meetings.tasks.send_meeting_emails"
    assert job.task_result_id and job.finished_at and job.attempts == 1
    assert job.items.count() == STAKEHOLDERS
    assert job.title_en.startswith("Invitations to “") and job.title_lo and job.title_lo != job.title_en


def test_a_failed_send_keeps_what_went_out_and_the_retry_sends_only_the_rest(
    world, meeting, flaky, django_capture_on_commit_callbacks
):
    invite(world, meeting, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and (job.done, job.total) == (2, STAKEHOLDERS)
    assert "SMTPServerDisconnected" in job.message and job.finished_at
    first = addresses()
    assert len(first) == 2

    flaky.allow = None  # the server is back
    job = job_retry(job)
    assert job.status == JobStatus.DONE and job.done == STAKEHOLDERS and job.attempts == 2
    assert job.outcome == {"sent": 3, "already_sent": 2}
    # Everyone once: nobody got the invitation twice.
    assert len(mail.outbox) == STAKEHOLDERS and len(set(addresses())) == STAKEHOLDERS
    assert set(first) <= set(addresses())


def test_running_a_finished_job_again_sends_nothing(world, meeting, django_capture_on_commit_callbacks):
    invite(world, meeting, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    mail.outbox.clear()
    outcome = send_meeting_emails.call(job_id=job.pk, **job.task_kwargs)
    assert outcome == {"sent": STAKEHOLDERS, "already_sent": 0}  # the recorded outcome, untouched
    assert mail.outbox == []
    assert JobItem.objects.filter(job=job).count() == STAKEHOLDERS
    # A retry of a job that did not fail does nothing either.
    assert job_retry(job).status == JobStatus.DONE and mail.outbox == []


def test_the_task_reads_the_records_when_it_runs(
    world, meeting, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_BACKEND
    invite(world, meeting, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and mail.outbox == []
    # Before the worker gets to it, one invitee's address is cleared: they get nothing.
    member = meeting.participants.get(person=world.people["member"])
    member.email = ""
    member.save()
    outcome = send_meeting_emails.call(job_id=job.pk, **job.task_kwargs)
    assert outcome["sent"] == STAKEHOLDERS - 1
    assert world.people["member"].email not in addresses()


@pytest.mark.django_db(transaction=True)
def test_the_invite_page_credits_the_job_to_who_sent_it_and_says_what_it_always_said(
    world, meeting, client_for
):
    client = client_for(world.user("secretariat"))
    with translation.override("en"):
        url = reverse("meetings:invite", args=[meeting.pk])
    response = client.post(url, {"stakeholders": "on"}, follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert len(mail.outbox) == STAKEHOLDERS
    job = Job.objects.get()
    assert job.started_by == world.user("secretariat") and job.status == JobStatus.DONE
    assert texts == ["5 people added to the list; 5 invitations sent."]
    assert reverse("jobs:detail", args=[job.pk]) not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_when_sending_fails_the_page_says_so_and_links_the_job(world, meeting, client_for, flaky):
    flaky.allow = 0
    client = client_for(world.user("secretariat"))
    response = client.post(reverse("meetings:invite", args=[meeting.pk]), {"stakeholders": "on"}, follow=True)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and mail.outbox == []
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and reverse("jobs:detail", args=[job.pk]) in errors[0]
    # The people are on the list all the same: the job can send their invitations later.
    assert meeting.participants.count() == STAKEHOLDERS


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_page_links_the_job_and_the_worker_sends_the_invitations(
    world, meeting, client_for, settings
):
    settings.TASKS = DATABASE_BACKEND
    client = client_for(world.user("secretariat"))
    response = client.post(reverse("meetings:invite", args=[meeting.pk]), {"stakeholders": "on"}, follow=True)
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and mail.outbox == []
    (text,) = [str(m) for m in response.context["messages"]]
    assert reverse("jobs:detail", args=[job.pk]) in text
    page = client.get(reverse("jobs:detail", args=[job.pk]))
    assert page.status_code == 200 and 'hx-trigger="every 2s"' in page.content.decode()

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.done == STAKEHOLDERS
    assert len(mail.outbox) == STAKEHOLDERS
    result = DBTaskResult.objects.get(pk=job.task_result_id)
    assert result.status == "SUCCESSFUL" and result.return_value == {"sent": STAKEHOLDERS, "already_sent": 0}
    # The worker runs it once: a second batch finds nothing to do.
    run_worker()
    assert len(mail.outbox) == STAKEHOLDERS


@pytest.mark.django_db(transaction=True)
def test_circulating_the_minutes_is_a_job_of_the_secretariat_that_the_worker_sends(
    world, client_for, settings
):
    settings.TASKS = DATABASE_BACKEND
    minutes = make_minutes(world)
    client = client_for(world.user("secretariat"))
    response = client.post(
        reverse("minutes:step", args=[minutes.meeting_id, "en", "circulate"]),
        {"comments_until": (timezone.localdate() + timedelta(days=7)).isoformat()},
        follow=True,
    )
    job = Job.objects.get(kind="minutes.circulation")
    assert job.started_by == world.user("secretariat") and job.status == JobStatus.QUEUED
    # One job for the versions circulated together; the chairs (told by their notice) and the actor skipped.
    chairs = sorted([world.user("chair").pk, world.user("cochair").pk, world.user("secretariat").pk])
    english = minutes.versions.get(language="en").pk
    assert job.task_kwargs == {"version_ids": [english], "skip_user_ids": chairs}
    assert any(reverse("jobs:detail", args=[job.pk]) in str(m) for m in response.context["messages"])
    assert mail.outbox == []
    run_worker()
    job.refresh_from_db()
    # One email per attendee with an address (member, stakeholder); the chair and co-chair get their notice.
    assert job.status == JobStatus.DONE and job.done == 2
    # The circulation's subject in each language (the chairs' notice asks for their approval).
    subjects = ("Minutes for your comments", "ບົດບັນທຶກກອງປະຊຸມ ເພື່ອປະກອບຄຳເຫັນ")
    circulation = sorted(m.to[0] for m in mail.outbox if m.subject.startswith(subjects))
    assert circulation == sorted([world.people["member"].email, world.people["stakeholder"].email])
    assert len(mail.outbox) == 4


def test_a_failed_rotation_reminder_is_sent_by_the_next_run_to_whoever_did_not_get_it(world, flaky):
    officer = make_person("rtp-en", "Anna Martin", "ແອນນາ ມາແຕັງ", world.mpi, preferred_language="en")
    AuthGroup.objects.get(name=RTP_SECRETARIAT_GROUP).user_set.add(officer.user)
    flaky.allow = 1
    with time_machine.travel(noon(2027, 10, 15), tick=False):
        with pytest.raises(CommandError, match="failed after 1 of 2"):
            call_command("send_rotation_reminders", stdout=io.StringIO())
        assert len(mail.outbox) == 1
        flaky.allow = None
        out = io.StringIO()
        call_command("send_rotation_reminders", stdout=out)
    assert "Queued again the reminder job" in out.getvalue() and "No term is due" in out.getvalue()
    assert sorted(addresses()) == ["rtp-en@example.la", "rtp@example.la"]
    assert Job.objects.get(kind="groups.rotation_reminder").status == JobStatus.DONE


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("backend", ["immediate", "database"])
def test_a_changed_meeting_says_whether_its_update_was_sent_or_is_being_sent(
    world, meeting, client_for, settings, backend
):
    from roundtable.meetings.tests.test_meeting_pages import edit_data

    meeting_services.participants_invite(actor=world.user("secretariat"), meeting=meeting)
    mail.outbox.clear()
    if backend == "database":
        settings.TASKS = DATABASE_BACKEND
    client = client_for(world.user("secretariat"))
    with translation.override("en"):
        url = reverse("meetings:edit", args=[meeting.pk])
    meeting.refresh_from_db()
    response = client.post(url, edit_data(meeting, venue_en="Lao ITECC, Vientiane"), follow=True)
    (text,) = [str(m) for m in response.context["messages"]]
    job = Job.objects.get(kind="meetings.update")
    assert job.started_by == world.user("secretariat")
    if backend == "immediate":
        assert text == f"Saved. An update was sent to {STAKEHOLDERS} invitees."
        assert len(mail.outbox) == STAKEHOLDERS
    else:
        assert text.startswith(f"Saved. An update is being sent to {STAKEHOLDERS} invitees.")
        assert reverse("jobs:detail", args=[job.pk]) in text and mail.outbox == []
