"""Background work through Django's tasks API (`django-tasks` on Django 5.2, `django.tasks` from 6.0).

The backend is a setting (`TASKS`, from `RT_TASKS_BACKEND`): the immediate backend runs a task at once
in the process that queued it (the default: nothing else to run), the database backend queues it for
`manage.py db_worker`. Code here and in the apps is the same for both.

Long work that a person waits for is a `Job`: the record its starter follows on `/<lang>/jobs/<id>/`.

    job = job_start(tasks.send_meeting_emails, kind="meetings.invitation", title=lambda: _("..."),
                    meeting_id=meeting.pk, participant_ids=ids)

records the job and queues the task (with `job_id=`) once the transaction commits. The task runs under
`job_run(job_id)`, which marks it running, then done with its outcome, or failed with the error, and
keeps the keys of the items it finished so that running it again does only what is left.

Task arguments are stored as JSON by a worker backend: ids and language codes, never model instances.
The task reads the records again when it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks.base import Task

from .jobs.models import Job, JobItem, JobStatus
from .links import current_request_origin, origin_scope
from .permissions import is_logged_in

# Who pressed the button, for the jobs started while their request runs (see `jobs_started_by`).
_starter: ContextVar[tuple[object, list[Job]] | None] = ContextVar("roundtable_job_starter", default=None)


@contextmanager
def jobs_started_by(user) -> Iterator[list[Job]]:
    """Credit the jobs started inside the block to `user` and collect them (for the view's message).

    The services that queue emails do it in `transaction.on_commit`, inside the view's call but far from
    the request; this is how the job learns who is waiting for it without every service passing the
    user down to the email helpers.
    """
    started: list[Job] = []
    token = _starter.set((user, started))
    try:
        yield started
    finally:
        _starter.reset(token)


def job_create(
    task: Task,
    *,
    kind: str,
    title: Callable[[], str],
    total: int = 0,
    return_path: str = "",
    started_by=None,
    **task_kwargs,
) -> Job:
    """Record a job for `task` (not queued yet: see `job_enqueue`). `title` is called once per language."""
    current = _starter.get()
    if started_by is None and current is not None:
        started_by = current[0]
    titles = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles[f"title_{code}"] = str(title())[:300]
    job = Job.objects.create(
        kind=kind,
        started_by=started_by if is_logged_in(started_by) else None,
        total=total,
        return_path=return_path,
        task_path=task.module_path,
        task_kwargs=task_kwargs,
        origin=current_request_origin(),
        **titles,
    )
    if current is not None:
        current[1].append(job)
    return job


def job_enqueue(job: Job) -> Job:
    """Queue the job's task now (with the immediate backend: run it now)."""
    task = import_string(job.task_path)
    result = task.enqueue(job_id=job.pk, **job.task_kwargs)
    Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))
    job.refresh_from_db()
    return job


def job_start(task: Task, **fields) -> Job:
    """Record a job and queue its task when the current transaction commits (at once outside one).

    A worker must find the records the task reads: queuing before the commit could run it on rows that
    are not there yet, or on rows that a rollback then takes back.
    """
    job = job_create(task, **fields)
    transaction.on_commit(lambda: job_enqueue(job))
    return job


def job_retry(job: Job) -> Job:
    """Queue a failed job's task again: the task skips the items a previous run finished."""
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED, message="", finished_at=None
    )
    if not updated:
        job.refresh_from_db()
        return job
    return job_enqueue(job)


@dataclass
class JobRun:
    """What a task sees of its job while it runs."""

    job: Job
    done_keys: set[str] = field(default_factory=set)

    @property
    def already_done(self) -> bool:
        return self.job.status == JobStatus.DONE

    def set_total(self, total: int) -> None:
        Job.objects.filter(pk=self.job.pk).update(total=total)
        self.job.total = total

    def item_done(self, key: str) -> None:
        """Record one finished item and move the progress on (each its own commit: the page sees it)."""
        JobItem.objects.get_or_create(job=self.job, key=key)
        self.done_keys.add(key)
        Job.objects.filter(pk=self.job.pk).update(done=len(self.done_keys))

    def finish(self, outcome: dict, message: str = "") -> dict:
        Job.objects.filter(pk=self.job.pk).update(
            status=JobStatus.DONE, outcome=outcome, message=message, finished_at=timezone.now()
        )
        return outcome


def failure_message(exc: Exception) -> str:
    """What the job page says of an error: a refusal's own message (written for people, with `message`),
    else the exception's kind and text, for whoever looks into it."""
    if getattr(exc, "message", None):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


@contextmanager
def job_run(job_id: int) -> Iterator[JobRun]:
    """Run the body as the job: running, then failed with the error if the body raises.

    The body calls `run.finish(outcome)` when it is done. A job that is done already is not run again:
    the body sees `run.already_done` and returns the recorded outcome.
    """
    job = Job.objects.get(pk=job_id)
    run = JobRun(job=job, done_keys=set(job.items.values_list("key", flat=True)))
    if run.already_done:
        yield run
        return
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    try:
        with origin_scope(job.origin):
            yield run
    except Exception as exc:
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, message=failure_message(exc), finished_at=timezone.now()
        )
        raise


# --- For the views that start jobs -------------------------------------------------------------------


def job_url(job: Job) -> str:
    return reverse("jobs:detail", args=[job.pk])


def job_message(request: HttpRequest, started: list[Job], *, done: str, queued: str) -> None:
    """The view's message once it has started `started`.

    When the jobs are done already (the immediate backend) the view says what it always said (`done`);
    when a worker still has them, `queued` with a link to the page that follows them; when one failed,
    `done` and an error with that link (the page can send the rest).
    """
    jobs = list(Job.objects.filter(pk__in=[job.pk for job in started]).order_by("pk"))
    failed = [job for job in jobs if job.status == JobStatus.FAILED]
    waiting = [job for job in jobs if not job.is_finished]
    if failed:
        messages.success(request, done)
        messages.error(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Not every email could be sent."),
                job_url(failed[0]),
                _("See what happened"),
            ),
        )
    elif waiting:
        messages.success(
            request,
            format_html('{} <a href="{}">{}</a>', queued, job_url(waiting[0]), _("Follow the sending")),
        )
    else:
        messages.success(request, done)
