"""Invitations, the participant list with contacts, attendance and walk-ins (the secretariat only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from roundtable.core.tasks import job_message, jobs_started_by

from .. import permissions, querystring, services, sheets
from ..access import meeting_for_manager
from ..forms import InviteForm, WalkInForm
from ..models import Meeting
from ..stats import attendance


def _participants(meeting: Meeting):
    return meeting.participants.select_related("organisation", "substitute_for", "person").order_by(
        "organisation_name", "name"
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    form = InviteForm(request.POST or None)
    outside = []
    if request.method == "POST" and form.is_valid():
        people = list(form.cleaned_data["people"])
        outside = services.outside_stakeholders(meeting, people)
        confirmed = {p.pk for p in form.cleaned_data["outside_confirmed"]}
        if outside and not {p.pk for p in outside} <= confirmed:
            # Nothing is sent yet: the page says who is outside the stakeholder list, and the same
            # choice sent again (carrying these people as confirmed) invites them.
            data = request.POST.copy()
            data.setlist("outside_confirmed", [str(p.pk) for p in outside])
            form = InviteForm(data)
        else:
            outside = []
            try:
                # The invitations leave the request as a job: its page follows them when a worker sends them.
                with jobs_started_by(request.user) as started:
                    added, sent = services.participants_invite(
                        actor=request.user,
                        meeting=meeting,
                        stakeholders=form.cleaned_data["stakeholders"],
                        people=people,
                        outside_confirmed=True,
                    )
            except services.Refused as refused:
                form.add_error(None, refused.message)
            else:
                _invited_message(request, started, added, sent)
                return redirect("meetings:participants", pk=meeting.pk)
    stakeholder_count = meeting.group.memberships.current().count()
    return render(
        request,
        "meetings/invite.html",
        {"form": form, "meeting": meeting, "stakeholder_count": stakeholder_count, "outside": outside},
    )


def _invited_message(request: HttpRequest, started, added: int, sent: int) -> None:
    people = ngettext("%(n)d person added to the list", "%(n)d people added to the list", added) % {
        "n": added
    }
    job_message(
        request,
        started,
        done=_("%(people)s; %(emails)s")
        % {
            "people": people,
            "emails": ngettext("%(n)d invitation sent.", "%(n)d invitations sent.", sent) % {"n": sent},
        },
        queued=_("%(people)s; %(emails)s")
        % {
            "people": people,
            "emails": ngettext("%(n)d invitation is being sent.", "%(n)d invitations are being sent.", sent)
            % {"n": sent},
        },
    )


def _participants_context(request: HttpRequest, meeting: Meeting, walk_in_form=None) -> dict:
    participants = list(_participants(meeting))
    visible = permissions.contact_visible_participant_ids(request.user, participants)
    return {
        "meeting": meeting,
        # (participant, whether the viewer may read their email and phone)
        "rows": [(p, p.pk in visible) for p in participants],
        "contacts_hidden": len(participants) - len(visible),
        "attendance": attendance(meeting),
        "walk_in_form": walk_in_form or WalkInForm(),
        # Once the meeting has started, saving the attendance can mark it as held (one submit, not two).
        "can_mark_held": any(s.name == "hold" for s in services.available_steps(request.user, meeting)),
    }


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    return render(request, "meetings/participants.html", _participants_context(request, meeting))


@login_required
@require_POST
def record_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    ids = [pk for value in request.POST.getlist("attended") if (pk := querystring.whole_number(value))]
    count = services.attendance_record(actor=request.user, meeting=meeting, attended_ids=ids)
    held = False
    if request.POST.get("mark_held") == "1" and any(
        s.name == "hold" for s in services.available_steps(request.user, meeting)
    ):
        try:
            meeting, _sent = services.meeting_take_step(meeting=meeting, actor=request.user, step="hold")
        except services.Refused as refused:
            messages.error(request, refused.message)
        else:
            held = True
    if request.htmx and not held:
        return render(request, "meetings/_attendance.html", _participants_context(request, meeting))
    messages.success(request, _("Attendance saved: %(n)d present.") % {"n": count})
    if held and request.htmx:
        return HttpResponseClientRedirect(meeting.get_absolute_url())  # a whole page: the minutes start there
    if held:
        messages.success(request, str(services.STEPS["hold"].done))
        return redirect(meeting)  # where the minutes start
    return redirect("meetings:participants", pk=meeting.pk)


@login_required
@require_POST
def walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    form = WalkInForm(request.POST)
    if form.is_valid():
        services.walk_in_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("%(name)s is added as a walk-in.") % {"name": form.cleaned_data["name"]})
        return redirect("meetings:participants", pk=meeting.pk)
    context = _participants_context(request, meeting, form)
    return render(request, "meetings/participants.html", context, status=400)


@login_required
def sheet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    response = HttpResponse(sheets.sheet_pdf(meeting, request.user), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="participants-{meeting.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def sheet_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    response = HttpResponse(
        sheets.sheet_docx(meeting, request.user),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="participants-{meeting.pk}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response
