"""The life of a language version: its steps and the attendees' comments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.core.tasks import job_message, jobs_started_by

from .. import services
from ..access import detail_url, version_for_reader
from ..forms import CirculateForm, CommentForm, StepForm


@login_required
@require_POST
def step(request: HttpRequest, meeting_id: int, lang: str, step_name: str) -> HttpResponse:
    """Take one step of a version's life. A refused step changes nothing and says why."""
    minutes, version = version_for_reader(request, meeting_id, lang)
    if step_name not in services.STEPS:
        raise Http404
    form = CirculateForm(request.POST) if services.STEPS[step_name].needs_date else StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(detail_url(meeting_id, lang))
    try:
        # Circulation emails the attendees through a job: its page follows them when a worker sends them.
        with jobs_started_by(request.user) as started:
            services.take_step(
                step_name,
                version=version,
                actor=request.user,
                comment=form.cleaned_data.get("comment", ""),
                comments_until=form.cleaned_data.get("comments_until"),
            )
    except services.Refused as refused:
        messages.error(request, refused.message)
        return redirect(detail_url(meeting_id, lang))
    queued = _("The minutes are circulated; the emails to the attendees are being sent.")
    job_message(request, started, done=str(services.STEPS[step_name].done), queued=queued)
    return redirect(detail_url(meeting_id, lang))


@login_required
@require_POST
def comment(request: HttpRequest, meeting_id: int, lang: str) -> HttpResponse:
    minutes, version = version_for_reader(request, meeting_id, lang)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return redirect(detail_url(meeting_id, lang))
    try:
        services.minutes_comment_add(version=version, actor=request.user, text=form.cleaned_data["text"])
    except services.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Thank you: your comment is recorded for the secretariat."))
    return redirect(detail_url(meeting_id, lang) + "#comments")
