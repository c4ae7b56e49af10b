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

from roundtable.core.forms import add_service_error
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
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
        try:
            services.agenda_item_save(
                actor=request.user,
                meeting=meeting,
                item=item,
                data=data,
                revision=form.cleaned_data.get("revision"),
            )
        except services.Conflict as stale:
            # Keep the user's input; the next save from this page is made knowing what changed.
            conflict = stale
            item = AgendaItem.objects.get(pk=item.pk)
            posted = request.POST.copy()
            posted["revision"] = str(item.revision)
            form = AgendaItemForm(posted, instance=item, priorities=priorities_for(meeting))
            form.is_valid()
        except services.Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as exc:
            add_service_error(form, exc)
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
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """GET: the confirmation page (the agenda's "Remove" links here; no JavaScript needed); POST: remove."""
    meeting = meeting_for_manager(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    if request.method == "GET":
        return render(request, "meetings/agenda_confirm_delete.html", {"meeting": meeting, "item": item})
    services.agenda_item_delete(actor=request.user, item=item)
    messages.success(request, _("The agenda item is removed."))
    return redirect(_agenda_url(meeting))


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    services.agenda_item_move(
        actor=request.user, item=item, offset=-1 if request.POST.get("direction") == "up" else 1
    )
    return redirect(_agenda_url(meeting))
