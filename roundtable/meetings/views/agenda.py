"""The ordered agenda of a meeting: add, edit, remove and move items (the secretariat)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roundtable.workplans.models import Priority

from .. import services
from ..access import meeting_for_manager
from ..forms import AgendaItemForm
from ..models import AgendaItem, Meeting


def priorities_for(meeting: Meeting):
    """The priorities of the group's work plan for the meeting's year (none when there is no plan)."""
    year = timezone.localtime(meeting.start).year
    return Priority.objects.filter(workplan__group=meeting.group, workplan__year=year).order_by("order", "pk")


def _agenda_url(meeting: Meeting) -> str:
    return meeting.get_absolute_url() + "#agenda"


@login_required
@require_http_methods(["GET", "POST"])
def item_form(request: HttpRequest, pk: int, item_pk: int | None = None) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting) if item_pk else None
    form = AgendaItemForm(request.POST or None, instance=item, priorities=priorities_for(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_save(meeting=meeting, item=item, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The agenda is saved."))
            return redirect(_agenda_url(meeting))
    return render(
        request,
        "meetings/agenda_form.html",
        {
            "form": form,
            "meeting": meeting,
            "item": item,
            "has_priorities": form.fields["priority"].queryset.exists(),
        },
    )


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    services.agenda_item_delete(item=item)
    messages.success(request, _("The agenda item is removed."))
    return redirect(_agenda_url(meeting))


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    services.agenda_item_move(item=item, offset=-1 if request.POST.get("direction") == "up" else 1)
    return redirect(_agenda_url(meeting))
