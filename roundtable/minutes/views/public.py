"""The public list of published minutes and the minutes page (every reader, each sees what they may)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from roundtable.core.history import history_for
from roundtable.core.i18n import current_lang
from roundtable.core.pagination import paginate
from roundtable.meetings.models import Meeting

from .. import permissions, services
from ..access import minutes_for_reader
from ..document import build_document
from ..forms import CommentForm, PublicListFilterForm, SignedPdfForm, StartForm
from ..models import Minutes, MinutesStep, MinutesVersion
from ..workflow import step_label


def public_list(request: HttpRequest) -> HttpResponse:
    """Published minutes of all groups, newest first, by group and year (the same for every visitor)."""
    published = Minutes.objects.published()
    years = sorted(
        {d.year for d in Meeting.objects.filter(minutes__in=published).datetimes("start", "year")},
        reverse=True,
    )
    form = PublicListFilterForm(request.GET or None, years=years)
    rows = (
        published.select_related("meeting", "meeting__group")
        .prefetch_related(
            Prefetch("versions", queryset=MinutesVersion.objects.published(), to_attr="published_versions")
        )
        .order_by("-meeting__start", "-pk")
    )
    # Each filter that is good applies, whatever the other one is; a bad one is said on its field.
    chosen: dict = {}
    if form.is_bound:
        form.full_clean()
        chosen = form.cleaned_data
    group = chosen.get("group")
    if group:
        rows = rows.filter(Q(meeting__group=group) | Q(meeting__group__parent=group))
    year = chosen.get("year")
    if year:
        rows = rows.filter(meeting__start__year=year)
    page = paginate(request, rows, per_page=25)
    return render(request, "minutes/public_list.html", {"page_obj": page, "form": form})


def step_links(user, minutes, group) -> list[tuple]:
    """(step, its label for this user, the languages it would move) for the steps the user may take now."""
    links = []
    for step in services.STEPS.values():
        langs = [
            v.get_language_display()
            for v in minutes.versions.all()
            if v.status in step.sources and step.allowed(user, v, group)
        ]
        if langs:
            links.append((step, step_label(step, user, group), langs))
    return links


def detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=meeting_id)
    group = meeting.group
    user = request.user
    if not Minutes.objects.filter(meeting=meeting).exists():
        if permissions.can_start_minutes(user, group):
            return render(request, "minutes/start.html", {"meeting": meeting, "form": StartForm()})
        raise Http404
    minutes, visible = minutes_for_reader(request, meeting_id)
    wanted = request.GET.get("version") or current_lang()
    version = next((v for v in visible if v.language == wanted), visible[0])
    sees_unpublished = permissions.can_view_unpublished(user, group)
    attendee_user_ids = permissions.attendee_user_ids(minutes.meeting) if user.is_authenticated else set()
    attendee = user.is_authenticated and user.pk in attendee_user_ids
    # Attendees were in the room: they read each other's names, as members do. Never contacts.
    document = build_document(minutes, version.language, with_names=sees_unpublished or attendee)
    if permissions.can_read_comments(user, group):
        comments = list(version.comments.select_related("author"))
    elif attendee and not version.is_published:
        comments = list(version.comments.filter(author=user).select_related("author"))
    else:
        comments = None
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "group": group,
        "version": version,
        "version_language": services.language_name(version.language),
        "versions": visible,
        "doc": document,
        "sees_unpublished": sees_unpublished,
        # An attendee outside the group, reading a version circulated for comments.
        "attendee_reading": attendee and not sees_unpublished and not version.is_published,
        "can_edit": permissions.can_edit_minutes(user, group) and permissions.is_language_editable(version),
        "can_edit_any": permissions.can_edit_minutes(user, group),
        # One step for all the versions standing at it: each button opens the step page (its confirmation).
        "step_links": step_links(user, minutes, group) if user.is_authenticated else [],
        "can_comment": user.is_authenticated
        and permissions.can_comment(user, version, group, attendee_user_ids),
        "comment_form": CommentForm(),
        "comments": comments,
        "step_log": list(MinutesStep.objects.filter(version=version).select_related("actor"))
        if sees_unpublished
        else None,
        "can_upload_signed": permissions.can_upload_signed_pdf(user, version, group),
        "signed_form": SignedPdfForm(),
        "send_deadline": version.send_deadline(),
        "days_late": version.days_late() if sees_unpublished else 0,
        "send_within": settings.ROUNDTABLE["MINUTES_SEND_WITHIN_DAYS"],
        "missing_languages": [
            (code, name)
            for code, name in settings.LANGUAGES
            if code not in {v.language for v in minutes.versions.all()}
        ],
        # The audit history of this version (status, dates), for those core.permissions lets read it.
        "history": history_for(user, version),
    }
    return render(request, "minutes/detail.html", context)
