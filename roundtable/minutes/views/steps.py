"""The life of a language version: its steps and the attendees' comments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
    form = CirculateForm(request.POST) if step_name == "circulate" else StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(detail_url(meeting_id, lang))
    try:
        services.take_step(
            step_name,
            version=version,
            actor=request.user,
            comment=form.cleaned_data.get("comment", ""),
            comments_until=form.cleaned_data.get("comments_until"),
        )
    except services.StepRefused as refused:
        messages.error(request, refused.message)
        return redirect(detail_url(meeting_id, lang))
    done = {
        "circulate": _("The minutes are circulated to the attendees for comments."),
        "approve": _("The minutes are approved."),
        "send": _("The minutes are sent to the RTP Secretariat."),
        "publish": _("The minutes are published on the website."),
        "return": _("The minutes are returned to the group's secretariat."),
    }
    messages.success(request, done[step_name])
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
    except services.StepRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Thank you: your comment is recorded for the secretariat."))
    return redirect(detail_url(meeting_id, lang) + "#comments")
