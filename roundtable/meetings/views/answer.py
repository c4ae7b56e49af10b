"""The invitee's answer, without logging in: the token in the emailed link is the key.

The link records one answer. Afterwards it shows the recorded answer and cannot change it: a
forwarded or leaked email must not let someone else undo the invitee's answer or name another
substitute. A change of mind goes through the group's secretariat, who can correct the list.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from roundtable.core.forms import add_service_error
from roundtable.core.i18n import current_lang

from .. import services
from ..emails import agenda_and_documents
from ..forms import AnswerForm
from ..models import MeetingState, Participant, Response


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    participant = get_object_or_404(
        Participant.objects.select_related("meeting", "meeting__group", "organisation"), token=token
    )
    meeting = participant.meeting
    closed = meeting.state == MeetingState.CANCELLED or meeting.end < timezone.now()
    answered = participant.response != Response.PENDING
    form = None
    status = 200
    notice = None
    if not answered and not closed:
        form = AnswerForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                try:
                    services.participant_answer(
                        participant=participant,
                        response=form.cleaned_data["response"],
                        substitute=form.cleaned_data,
                    )
                except services.Refused as refused:
                    if refused.code != "already_answered":
                        form.add_error(None, refused.message)
                    else:
                        # Another answer through this link was taken a moment before (a double click, the
                        # link opened twice): the page says so and shows the answer on record.
                        participant.refresh_from_db()
                        answered, form, notice = True, None, refused.message
                        status = 409
                except ValidationError as exc:
                    add_service_error(form, exc)
                else:
                    return redirect("meetings:answer", token=token)
            if status == 200:
                status = 400
    elif request.method == "POST":
        # A second answer through the same link is refused; the page shows the one on record.
        status = 409
        if answered:
            notice = services.ALREADY_ANSWERED
    substitute = participant.substitutes.first() if participant.response == Response.SUBSTITUTE else None
    agenda, documents = agenda_and_documents(meeting, current_lang())
    return render(
        request,
        "meetings/answer.html",
        {
            "participant": participant,
            "meeting": meeting,
            "form": form,
            "answered": answered,
            "closed": closed,
            "substitute": substitute,
            "notice": notice,
            "agenda": agenda,
            "documents": documents,
        },
        status=status,
    )
