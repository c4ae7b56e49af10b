"""The page of one job: its progress while it runs, its outcome when it is done (no JavaScript needed)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from roundtable.core.htmx import render_page_or_partial
from roundtable.core.tasks import job_retry

from .models import Job, JobStatus
from .permissions import can_see_job


def _in_language(path: str, lang: str) -> str:
    """The same page in `lang`: the path was recorded in the starter's language (its /lo/ or /en/ prefix)."""
    prefix = path.split("/")[1] if path.startswith("/") and path.count("/") > 1 else ""
    # translate_url resolves the path in the active language: activate the one the path is in.
    with translation.override(prefix if prefix in dict(settings.LANGUAGES) else lang):
        return translate_url(path, lang)


def _job_for_user(request: HttpRequest, pk: int) -> Job:
    """The job, for its starter and the RTP Secretariat; a 404 for anyone else (they learn nothing of it)."""
    job = get_object_or_404(Job.objects.select_related("started_by"), pk=pk)
    if not can_see_job(request.user, job):
        raise Http404
    return job


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for_user(request, pk)
    context = {
        "job": job,
        "back_url": _in_language(job.return_path, get_language()) if job.return_path else "",
        "can_retry": job.status == JobStatus.FAILED,
    }
    response = render_page_or_partial(
        request, "core/job_detail.html", context, partial="core/_job_progress.html"
    )
    # The page changes while the job runs: a reload (or the back button) must not show a stored copy.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed job again: what an earlier run finished (the emails sent) is not done twice."""
    job = _job_for_user(request, pk)
    job_retry(job)
    return redirect("jobs:detail", pk=job.pk)
