"""The secretariat's editor: start the minutes, the overview, one item at a time, items and languages added.

Saves carry the revision they were made from: a save from a stale form is refused (see services)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roundtable.core.i18n import current_lang
from roundtable.meetings.models import AgendaItemKind, Meeting

from .. import permissions, services
from ..access import detail_url, minutes_for_editor
from ..document import build_document, minutes_queryset
from ..forms import (
    ActionPointFormSet,
    AddItemForm,
    DecisionFormSet,
    ItemForm,
    StartForm,
    StepsForm,
    lock_languages,
)
from ..models import Minutes, MinutesItem

GET_POST = require_http_methods(["GET", "POST"])


@login_required
@require_POST
def start(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=meeting_id)
    if not permissions.can_start_minutes(request.user, meeting.group):
        raise PermissionDenied
    form = StartForm(request.POST)
    if not form.is_valid():
        return render(request, "minutes/start.html", {"meeting": meeting, "form": form}, status=400)
    try:
        minutes = services.minutes_start(
            meeting=meeting, languages=form.cleaned_data["languages"], actor=request.user
        )
    except services.Refused as refused:
        messages.error(request, refused.message)
        return redirect(detail_url(meeting.pk))
    messages.success(request, _("The minutes are started, with one item per agenda item."))
    # Straight to the first item of substance (the standing items, previous minutes and the review of
    # action points, come first and usually need no text): one page less on the way.
    first = (
        minutes.items.exclude(
            agenda_item__kind__in=[AgendaItemKind.PREVIOUS_MINUTES, AgendaItemKind.ACTION_REVIEW]
        )
        .order_by("order", "id")
        .first()
    )
    if first is not None and first.agenda_item_id:
        return redirect("minutes:item_edit", meeting_id=meeting.pk, item_id=first.pk)
    return redirect("minutes:edit", meeting_id=meeting.pk)


@login_required
def edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The editor's overview: header, attendance, and each item with its decisions and action points."""
    minutes_for_editor(request, meeting_id)
    minutes = minutes_queryset().get(meeting_id=meeting_id)
    locked = services.locked_languages(minutes)
    circulate = services.STEPS["circulate"]
    group = minutes.meeting.group
    to_circulate = (
        [v for v in minutes.versions.all() if v.status in circulate.sources]
        if circulate.allowed(request.user, None, group)
        else []
    )
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "group": group,
        "items": list(minutes.items.all()),
        # Circulation from the editor: every version in draft or returned at once, one deadline for all.
        "circulate_form": StepsForm(step=circulate, versions=to_circulate, meeting=minutes.meeting)
        if to_circulate
        else None,
        "to_circulate": to_circulate,
        "locked": locked,
        "doc": build_document(minutes, current_lang(), with_names=True),
        "add_form": AddItemForm(initial={"revision": minutes.revision}),
        "missing_languages": [
            (code, name)
            for code, name in settings.LANGUAGES
            if code not in {v.language for v in minutes.versions.all()}
        ],
    }
    return render(request, "minutes/edit.html", context)


def _item_forms(minutes: Minutes, item: MinutesItem, data=None, locked: set[str] = frozenset()):
    group = minutes.meeting.group
    item_form = ItemForm(data, instance=item, initial={"revision": minutes.revision})
    decisions = DecisionFormSet(data, queryset=item.decisions.all(), prefix="d")
    actions = ActionPointFormSet(
        data,
        queryset=item.action_points.select_related("responsible_organisation", "responsible_person"),
        prefix="a",
        form_kwargs={"group": group},
    )
    for form in [item_form, *decisions.forms, decisions.empty_form, *actions.forms]:
        lock_languages(form, locked)
    return item_form, decisions, actions


def _changed_rows(formset) -> list[dict]:
    """The rows of a formset the user changed or deleted, as data for services.minutes_item_save."""
    rows = []
    for form in formset.forms:
        pk = form.instance.pk
        if form in formset.deleted_forms:
            if pk:
                rows.append({"id": pk, "delete": True})
        elif form.has_changed():
            fields = {k: v for k, v in form.cleaned_data.items() if k not in ("id", "DELETE")}
            rows.append({"id": pk, **fields})
    return rows


@login_required
@GET_POST
def item_edit(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """One agenda item: discussion, decisions, action points. Saves only from the current revision."""
    minutes = minutes_for_editor(request, meeting_id)
    item = get_object_or_404(MinutesItem, pk=item_id, minutes=minutes)
    locked = services.locked_languages(minutes)
    conflict = None
    if request.method == "POST":
        item_form, decisions, actions = _item_forms(minutes, item, request.POST, locked)
        if item_form.is_valid() and decisions.is_valid() and actions.is_valid():
            try:
                services.minutes_item_save(
                    minutes=minutes,
                    item=item,
                    revision=item_form.cleaned_data["revision"],
                    actor=request.user,
                    data={k: v for k, v in item_form.cleaned_data.items() if k != "revision"},
                    decisions=_changed_rows(decisions),
                    action_points=_changed_rows(actions),
                )
            except services.Conflict as stale:
                # Keep the user's input; the next save from this page is made knowing what changed.
                data = request.POST.copy()
                data["revision"] = str(Minutes.objects.get(pk=minutes.pk).revision)
                fresh_item = MinutesItem.objects.get(pk=item.pk)
                item_form, decisions, actions = _item_forms(minutes, fresh_item, data, locked)
                conflict = {
                    "changes": stale.changes,
                    "edits": stale.edits,
                    "current": fresh_item,
                    "decisions": list(fresh_item.decisions.all()),
                    "actions": list(fresh_item.action_points.select_related("responsible_organisation")),
                }
                messages.error(
                    request,
                    _(
                        "Someone else saved these minutes while you were editing. "
                        "Your changes are NOT saved yet: check what changed below, then save again."
                    ),
                )
            except services.Refused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("minutes:edit", meeting_id=minutes.meeting_id)
        status = 409 if conflict else 400
    else:
        item_form, decisions, actions = _item_forms(minutes, item, None, locked)
        status = 200
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "group": minutes.meeting.group,
        "item": item,
        "item_form": item_form,
        "decisions": decisions,
        "actions": actions,
        "locked": locked,
        "conflict": conflict,
    }
    return render(request, "minutes/item_edit.html", context, status=status)


@login_required
@require_POST
def item_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    minutes = minutes_for_editor(request, meeting_id)
    form = AddItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("minutes:edit", meeting_id=meeting_id)
    try:
        item = services.minutes_item_add(
            minutes=minutes,
            revision=form.cleaned_data["revision"],
            actor=request.user,
            title_lo=form.cleaned_data["title_lo"],
            title_en=form.cleaned_data["title_en"],
        )
    except services.Conflict:
        messages.error(
            request,
            _(
                "Someone else saved these minutes in the meantime; nothing was added. "
                "Look at the items and try again."
            ),
        )
        return redirect("minutes:edit", meeting_id=meeting_id)
    except services.Refused as refused:
        messages.error(request, refused.message)
        return redirect("minutes:edit", meeting_id=meeting_id)
    return redirect("minutes:item_edit", meeting_id=meeting_id, item_id=item.pk)


@login_required
@require_POST
def language_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    minutes = minutes_for_editor(request, meeting_id)
    try:
        version = services.minutes_add_language(
            minutes=minutes, language=request.POST.get("language", ""), actor=request.user
        )
    except services.Refused as refused:
        messages.error(request, refused.message)
        return redirect("minutes:edit", meeting_id=meeting_id)
    messages.success(request, _("The new language version is a draft."))
    return redirect(detail_url(meeting_id, version.language))
