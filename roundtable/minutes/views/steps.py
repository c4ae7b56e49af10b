"""The life of a language version: its steps and the attendees' comments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.core.tasks import job_message, jobs_started_by

from .. import services
from ..access import detail_url, minutes_for_reader, version_for_reader
from ..forms import CirculateForm, CommentForm, StepForm, StepsForm
from ..workflow import step_label


@login_required
def steps(request: HttpRequest, meeting_id: int, step_name: str) -> HttpResponse:
    """One step for every language version that stands at it: the page is its confirmation (it works
    without JavaScript; the notifications link here), the form takes it. A version can be held back."""
    minutes, visible = minutes_for_reader(request, meeting_id)
    taken = services.STEPS.get(step_name)
    if taken is None:
        raise Http404
    meeting, group = minutes.meeting, minutes.meeting.group
    versions = [v for v in visible if v.status in taken.sources and taken.allowed(request.user, v, group)]
    if not taken.allowed(request.user, visible[0], group):
        messages.error(request, str(taken.refusal))
        return redirect(detail_url(meeting_id))
    if not versions:
        messages.info(request, _("No language version of these minutes stands at this step now."))
        return redirect(detail_url(meeting_id))
    form = StepsForm(
        request.POST if request.method == "POST" else None, step=taken, versions=versions, meeting=meeting
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with jobs_started_by(request.user) as started:
                    moved = services.minutes_take_steps(
                        minutes=minutes,
                        actor=request.user,
                        step=step_name,
                        languages=[v.language for v in versions],
                        hold_back=form.cleaned_data.get("hold_back") or (),
                        comment=form.cleaned_data.get("comment", ""),
                        comments_until=form.cleaned_data.get("comments_until"),
                        early=form.cleaned_data.get("early", False),
                    )
            except services.Refused as refused:
                form.add_error(None, refused.message)
            else:
                queued = _("The minutes are circulated; the emails to the attendees are being sent.")
                job_message(request, started, done=str(taken.done), queued=queued)
                return redirect(detail_url(meeting_id, moved[0].language))
        status = 400
    context = {
        "minutes": minutes,
        "meeting": meeting,
        "group": group,
        "step": taken,
        "label": step_label(taken, request.user, group),
        "versions": versions,
        "form": form,
    }
    return render(request, "minutes/step.html", context, status=status)


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
                early=form.cleaned_data.get("early", False),
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
