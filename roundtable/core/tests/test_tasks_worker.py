"""The real task worker, in its own process, against PostgreSQL: the test queues, `manage.py db_worker
--batch` runs the task, the job's outcome and the email are checked.

Skipped on SQLite (the tests' in-memory database cannot be shared with another process; test_tasks.py
runs the worker in-process there). `.ci/run` runs this module on PostgreSQL with RT_REQUIRE_WORKER_TEST=1,
which turns the skip into a failure: CI cannot pass without the worker having run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django_tasks_db.models import DBTaskResult

from roundtable.core.jobs.models import Job, JobStatus
from roundtable.meetings import services as meeting_services
from roundtable.meetings.tests.conftest import make_meeting

ROOT = Path(__file__).resolve().parents[3]
STAKEHOLDERS = 5


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        if os.environ.get("RT_REQUIRE_WORKER_TEST"):
            pytest.fail("RT_REQUIRE_WORKER_TEST is set but the database is not PostgreSQL.")
        pytest.skip("the worker process needs a shared database: run with DATABASE_URL=postgres://...")


def database_url() -> str:
    """The URL of the database this test uses (pytest-django's test_<name>), for the worker process."""
    db = connection.settings_dict
    user = db["USER"] or ""
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


def run_worker_process() -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "RT_TASKS_BACKEND": "database",
        # No SMTP host: the worker's emails go to its standard output (the console backend).
        "EMAIL_HOST": "",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "roundtable.settings",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_the_worker_process_sends_the_invitations_queued_in_postgresql(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    meeting = make_meeting(world.health, days=10)
    # Outside a test transaction: the service commits, then queues the job (transaction=True above).
    added, invited = meeting_services.participants_invite(actor=world.user("secretariat"), meeting=meeting)
    assert invited == STAKEHOLDERS
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and mail.outbox == []
    assert DBTaskResult.objects.get(pk=job.task_result_id).status == "READY"

    worker = run_worker_process()

    assert worker.returncode == 0, worker.stderr + worker.stdout
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert (job.done, job.total) == (STAKEHOLDERS, STAKEHOLDERS)
    assert job.outcome == {"sent": STAKEHOLDERS, "already_sent": 0}
    result = DBTaskResult.objects.get(pk=job.task_result_id)
    assert result.status == "SUCCESSFUL" and result.return_value == job.outcome
    # The emails the worker sent, one per invitee, with the calendar invitation attached.
    for person in ("secretariat", "chair", "cochair", "member", "stakeholder"):
        assert f"To: {world.people[person].email}" in worker.stdout
    assert worker.stdout.count('Content-Type: text/calendar; method="REQUEST"') == STAKEHOLDERS
    # Nothing was sent by the test process itself.
    assert mail.outbox == []

    again = run_worker_process()
    assert again.returncode == 0 and "To: " not in again.stdout  # nothing left to run, nothing sent twice
