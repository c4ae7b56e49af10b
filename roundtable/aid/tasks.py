"""The aid app's background task: importing the IATI files of an upload (arguments: ids, as JSON)."""

from __future__ import annotations

from django_tasks import task

from roundtable.core.tasks import job_run

from .models import ImportRun


@task()
def import_iati_run(*, job_id: int, run_id: int) -> dict:
    """Import every file of an upload; the job's progress counts files, the upload's page the activities
    read in the file being imported. A failed job tried again skips the files already imported."""
    with job_run(job_id) as run:
        if run.already_done:
            return run.job.outcome
        from .services.runs import run_files

        import_run = ImportRun.objects.get(pk=run_id)
        run_files(import_run, run)
        files = list(import_run.files.all())
        outcome = {
            "files": len(files),
            "activities": sum(f.activities for f in files),
            "lao_activities": sum(f.lao_activities for f in files),
            "refused_activities": sum(f.refused_activities for f in files),
            "refused_files": sum(1 for f in files if f.status == "refused"),
        }
        return run.finish(outcome)
