"""The meeting list, the meeting page, and the secretariat's create/edit/state screens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from roundtable.core import permissions as core_permissions
from roundtable.core.forms import add_service_error
from roundtable.core.history import history_for
from roundtable.core.pagination import paginate
from roundtable.core.sections import meeting_sections
from roundtable.core.tasks import job_message, jobs_started_by
from roundtable.groups import roles
from roundtable.groups.models import Group, GroupKind
from roundtable.workplans.permissions import can_view_workplan

from .. import permissions, querystring, services
from ..access import meeting_for_manager, meeting_for_viewer
from ..forms import AgendaItemForm, MeetingForm, StateForm
from ..models import Meeting, MeetingDocument, MeetingKind, MeetingState, Participant
from ..stats import attendance


def _selected_group(request: HttpRequest) -> Group | None:
    code = querystring.text(request.GET.get("group"))
    return Group.objects.filter(code=code).first() if code else None


VISIBILITIES = ("public", "internal")


def meeting_list(request: HttpRequest) -> HttpResponse:
    """All meetings the visitor may see, newest first (or oldest first: ?sort=start), filterable by
    group, year and, for those who see internal meetings, visibility (?visibility=public|internal).

    A year that no meeting can be in (0, 10000, a word) shows all years, and says so; an unknown sort or
    visibility is ignored."""
    group = _selected_group(request)
    typed_year = request.GET.get("year") or ""
    year = querystring.year(typed_year)
    sort = "start" if request.GET.get("sort") == "start" else "-start"
    visibility = request.GET.get("visibility") if request.GET.get("visibility") in VISIBILITIES else ""
    meetings = permissions.visible_meetings(request.user).select_related("group").order_by(sort, "pk")
    if visibility:
        meetings = meetings.filter(is_public=visibility == "public")
    if group is not None:
        meetings = meetings.filter(group__in=[group, *group.children.all()])
    if year:
        meetings = meetings.in_year(year)
    page = paginate(request, meetings)
    years = range(timezone.localdate().year + 1, timezone.localdate().year - 6, -1)
    return render(
        request,
        "meetings/list.html",
        {
            "page_obj": page,
            "groups": Group.objects.active().order_by("order", "code"),
            "group": group,
            "year": year,
            "years": years,
            "bad_year": typed_year if typed_year and year is None else "",
            "can_schedule": _schedulable_groups(request.user).exists(),
            "sort": sort,
            "visibility": visibility,
            # Only those who may see internal meetings need to tell them apart.
            "filters_visibility": request.user.is_authenticated,
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_viewer(request, pk)
    user = request.user
    levels = permissions.visible_document_levels(user, meeting)
    documents = MeetingDocument.objects.filter(meeting=meeting, visibility__in=levels).order_by("title")
    items = list(
        meeting.agenda_items.select_related(
            "priority", "priority__workplan", "priority__workplan__group"
        ).prefetch_related(Prefetch("documents", queryset=documents, to_attr="visible_documents"))
    )
    for item in items:
        # The priority an item discusses is shown where its work plan may be: a draft or returned plan's
        # priorities are the group's own until the plan is published.
        item.visible_priority = (
            item.priority if item.priority_id and can_view_workplan(user, item.priority.workplan) else None
        )
    can_manage = permissions.can_manage(user, meeting)
    insider = permissions.is_insider(user, meeting)
    context = {
        "meeting": meeting,
        "items": items,
        "loose_documents": [d for d in documents if d.agenda_item_id is None],
        "attendance": attendance(meeting),
        "can_manage": can_manage,
        # The agenda grows on the meeting's page: a title in each language is one submit.
        "agenda_form": AgendaItemForm() if can_manage else None,
        "insider": insider,
        "history": history_for(user, meeting),
        "participants": (
            meeting.participants.select_related("organisation", "person").order_by(
                "organisation_name", "name"
            )
            if insider
            else None
        ),
        "my_participation": _my_participation(user, meeting),
        # The minutes app adds the meeting's minutes and the review of open action points.
        "sections": meeting_sections.build(request, meeting),
    }
    return render(request, "meetings/detail.html", context)


def _my_participation(user, meeting: Meeting) -> Participant | None:
    person = core_permissions.person_of(user)
    if person is None:
        return None
    return meeting.participants.filter(person=person).first()


def _schedulable_groups(user):
    if core_permissions.is_rtp_secretariat(user):
        return Group.objects.active()
    return Group.objects.active().filter(pk__in=roles.managed_group_ids(user))


def _default_kind(group: Group) -> str:
    if group.kind == GroupKind.SWG:
        return MeetingKind.SWG
    if group.kind == GroupKind.SUBSWG:
        return MeetingKind.SUBSWG
    return group.forum_kind if group.forum_kind in MeetingKind.values else MeetingKind.OTHER


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    groups = _schedulable_groups(request.user)
    code = querystring.text(request.GET.get("group") or request.POST.get("group"))
    if not code:
        return render(request, "meetings/choose_group.html", {"groups": groups.order_by("order", "code")})
    group = get_object_or_404(Group, code=code)
    if not permissions.can_schedule(request.user, group):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, group=group)
    if request.method == "GET":
        # Start from the group's previous meeting: same kind, venue and chair are the usual case.
        previous = (
            Meeting.objects.filter(group=group)
            .exclude(state=MeetingState.CANCELLED)
            .order_by("-start")
            .first()
        )
        # An SWG's meetings are public by default (the guideline publishes them); others are ticked by hand.
        form.initial.update({"kind": _default_kind(group), "is_public": group.kind == GroupKind.SWG})
        if previous is not None:
            form.initial.update(
                {
                    "venue_lo": previous.venue_lo,
                    "venue_en": previous.venue_en,
                    "chair_person": previous.chair_person_id,
                    "kind": previous.kind,
                }
            )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
        try:
            meeting = services.meeting_create(actor=request.user, group=group, data=data)
        except services.Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The meeting is scheduled. Add the agenda, then send the invitations.")
            )
            return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "group": group, "meeting": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=meeting.pk), group=meeting.group)
    if meeting.state == MeetingState.CANCELLED:
        messages.error(request, _("A cancelled meeting cannot be changed."))
        return redirect(meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
        try:
            with jobs_started_by(request.user) as started:
                meeting, sent = services.meeting_update(
                    meeting=meeting, actor=request.user, data=data, revision=form.cleaned_data.get("revision")
                )
        except services.Conflict as stale:
            # The user's input stays in the form; the next save is made knowing what changed.
            conflict = stale
            form = _rebound_on_current(request, meeting)
        except services.Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if sent:
                # Said as it is: sent already (the immediate backend), or being sent by the worker (a link).
                job_message(
                    request,
                    started,
                    done=ngettext(
                        "Saved. An update was sent to %(n)d invitee.",
                        "Saved. An update was sent to %(n)d invitees.",
                        sent,
                    )
                    % {"n": sent},
                    queued=ngettext(
                        "Saved. An update is being sent to %(n)d invitee.",
                        "Saved. An update is being sent to %(n)d invitees.",
                        sent,
                    )
                    % {"n": sent},
                )
            else:
                messages.success(request, _("Saved."))
            return redirect(meeting)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "group": meeting.group, "meeting": meeting, "conflict": conflict},
    )


def _rebound_on_current(request: HttpRequest, meeting: Meeting) -> MeetingForm:
    """The user's input, with the revision now saved: a deliberate second save goes through."""
    current = Meeting.objects.get(pk=meeting.pk)
    data = request.POST.copy()
    data["revision"] = str(current.revision)
    form = MeetingForm(data, instance=current, group=current.group)
    form.is_valid()
    return form


@login_required
@require_http_methods(["GET", "POST"])
def change_state(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manager(request, pk)
    steps = services.available_steps(request.user, meeting)
    form = StateForm(request.POST or None, steps=steps, initial={"state": meeting.state})
    if request.method == "POST" and form.is_valid():
        step = services.step_to(meeting, form.cleaned_data["state"])
        if step is not None and step.needs_reason and request.POST.get("confirmed") != "1":
            # Postponing and cancelling tell every invitee: a page says so first (no JavaScript needed).
            return render(
                request,
                "meetings/state_confirm.html",
                {
                    "form": form,
                    "meeting": meeting,
                    "step": step,
                    "invited": services.invited(meeting).count(),
                },
            )
        try:
            with jobs_started_by(request.user) as started:
                meeting, sent = services.meeting_set_state(
                    meeting=meeting,
                    actor=request.user,
                    state=form.cleaned_data["state"],
                    reason=form.cleaned_data["reason"],
                )
        except services.Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if sent:
                told = ngettext("%(n)d invitee was told.", "%(n)d invitees were told.", sent) % {"n": sent}
                telling = ngettext("%(n)d invitee is being told.", "%(n)d invitees are being told.", sent) % {
                    "n": sent
                }
                job_message(request, started, done=f"{step.done} {told}", queued=f"{step.done} {telling}")
            else:
                messages.success(request, str(step.done))
            return redirect(meeting)
    return render(request, "meetings/state_form.html", {"form": form, "meeting": meeting, "steps": steps})
