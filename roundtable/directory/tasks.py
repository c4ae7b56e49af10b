"""Background work of the directory: writing a large confirmed import (services.directory_import_start)."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

from roundtable.core.jobs.models import Job
from roundtable.core.tasks import job_run
from roundtable.groups.models import Group

from . import services


@task()
def import_directory_rows(
    *,
    job_id: int,
    import_kind: str,
    source: list[dict],
    group_id: int | None,
    actor_id: int,
    language: str,
) -> dict:
    """Write a confirmed import's rows for the job `job_id`, in the language of the person who confirmed it.

    The actor's permission and every row are checked again now (the directory may have changed since the
    preview). The outcome is the counts; the job's message says them in a sentence.
    """
    with job_run(job_id) as run:
        if run.already_done:
            return run.job.outcome
        with translation.override(language):
            actor = get_user_model().objects.get(pk=actor_id)
            group = Group.objects.get(pk=group_id) if group_id else None
            result = services.directory_import_in_steps(
                kind=import_kind, source=source, actor=actor, group=group, run=run
            )
            outcome = run.finish(asdict(result), message=result.summary(group is not None))
    # The rows hold people's contact details: once written they are not kept in the job (a job that is done
    # is never run again; one that failed keeps them, to be tried again).
    Job.objects.filter(pk=job_id).update(task_kwargs={**run.job.task_kwargs, "source": []})
    return outcome
