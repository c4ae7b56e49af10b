"""Pages of the minutes: the public list and page, the secretariat's editor, each version's steps,
exports, the signed PDF, and the action points of each group."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roundtable.core import permissions as core
from roundtable.core.history import history_for
from roundtable.core.i18n import current_lang
from roundtable.core.pagination import paginate
from roundtable.directory.models import Organisation
from roundtable.groups.models import Group
from roundtable.meetings.models import Meeting, MeetingState

from . import exports, permissions, services
from .document import build_document, minutes_queryset
from .forms import (
    ActionPointFilterForm,
    ActionPointFormSet,
    ActionPointStatusForm,
    AddItemForm,
    CirculateForm,
    CommentForm,
    DecisionFormSet,
    ItemForm,
    PublicListFilterForm,
    SignedPdfForm,
    StartForm,
    StepForm,
    lock_languages,
)
from .models import (
    ActionPoint,
    ActionStatus,
    Minutes,
    MinutesItem,
    MinutesStatus,
    MinutesStep,
    MinutesVersion,
)

GET_POST = require_http_methods(["GET", "POST"])
LANGS = dict(settings.LANGUAGES)


# --- access helpers ------------------------------------------------------------------------------


def published_minutes():
    """Minutes with at least one published language version (the only ones the public may learn of)."""
    return Minutes.objects.filter(Exists(MinutesVersion.objects.published().filter(minutes=OuterRef("pk"))))


def _get_minutes_for_user(request: HttpRequest, meeting_id: int) -> tuple[Minutes, list[MinutesVersion]]:
    """The minutes and the versions this user may read; 404 when there is nothing they may read.

    A visitor who may not see unpublished minutes gets the same 404 whether they exist or not.
    """
    minutes = minutes_queryset().filter(meeting_id=meeting_id).first()
    if minutes is None:
        raise Http404
    group = minutes.meeting.group
    visible = [v for v in minutes.versions.all() if permissions.can_view_version(request.user, v, group)]
    if not visible:
        raise Http404
    return minutes, visible


def _get_version_for_user(request: HttpRequest, meeting_id: int, lang: str) -> tuple[Minutes, MinutesVersion]:
    if lang not in LANGS:
        raise Http404
    minutes, visible = _get_minutes_for_user(request, meeting_id)
    version = next((v for v in visible if v.language == lang), None)
    if version is None:
        raise Http404
    return minutes, version


def _get_minutes_for_editor(request: HttpRequest, meeting_id: int) -> Minutes:
    minutes = get_object_or_404(
        Minutes.objects.select_related("meeting", "meeting__group").prefetch_related("versions"),
        meeting_id=meeting_id,
    )
    if not permissions.can_edit_minutes(request.user, minutes.meeting.group):
        if permissions.can_view_unpublished(request.user, minutes.meeting.group):
            raise PermissionDenied
        raise Http404
    return minutes


def _detail_url(meeting_id: int, lang: str | None = None) -> str:
    url = reverse("minutes:detail", args=[meeting_id])
    return f"{url}?version={lang}" if lang else url


# --- public list and page ------------------------------------------------------------------------


def public_list(request: HttpRequest) -> HttpResponse:
    """Published minutes of all groups, newest first, by group and year (the same for every visitor)."""
    published = published_minutes()
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
    if form.is_valid():
        group = form.cleaned_data.get("group")
        if group:
            rows = rows.filter(Q(meeting__group=group) | Q(meeting__group__parent=group))
        year = form.cleaned_data.get("year")
        if year:
            rows = rows.filter(meeting__start__year=year)
    page = paginate(request, rows, per_page=25)
    return render(request, "minutes/public_list.html", {"page_obj": page, "form": form})


def detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=meeting_id)
    group = meeting.group
    user = request.user
    if not Minutes.objects.filter(meeting=meeting).exists():
        if permissions.can_start_minutes(user, group):
            return render(request, "minutes/start.html", {"meeting": meeting, "form": StartForm()})
        raise Http404
    minutes, visible = _get_minutes_for_user(request, meeting_id)
    wanted = request.GET.get("version") or current_lang()
    version = next((v for v in visible if v.language == wanted), visible[0])
    sees_unpublished = permissions.can_view_unpublished(user, group)
    document = build_document(minutes, version.language, with_names=sees_unpublished)
    attendee_user_ids = (
        {p.person.user_id for p in minutes.meeting.attendees if p.person_id and p.person and p.person.user_id}
        if user.is_authenticated
        else set()
    )
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "group": group,
        "version": version,
        "version_language": services.language_name(version.language),
        "versions": visible,
        "doc": document,
        "sees_unpublished": sees_unpublished,
        "can_edit": permissions.can_edit_minutes(user, group) and permissions.is_language_editable(version),
        "can_edit_any": permissions.can_edit_minutes(user, group),
        "steps_allowed": services.allowed_steps(user, version, group) if user.is_authenticated else [],
        "circulate_form": CirculateForm(initial={"comments_until": timezone.localdate() + timedelta(days=7)}),
        "step_form": StepForm(),
        "can_comment": user.is_authenticated
        and permissions.can_comment(user, version, group, attendee_user_ids),
        "comment_form": CommentForm(),
        "comments": list(version.comments.select_related("author"))
        if permissions.can_read_comments(user, group)
        else None,
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


# --- the secretariat's editor --------------------------------------------------------------------


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
        services.minutes_start(meeting=meeting, languages=form.cleaned_data["languages"], actor=request.user)
    except services.StepRefused as refused:
        messages.error(request, refused.message)
        return redirect(_detail_url(meeting.pk))
    messages.success(request, _("The minutes are started, with one item per agenda item."))
    return redirect("minutes:edit", meeting_id=meeting.pk)


@login_required
def edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The editor's overview: header, attendance, and each item with its decisions and action points."""
    _get_minutes_for_editor(request, meeting_id)
    minutes = minutes_queryset().get(meeting_id=meeting_id)
    locked = services.locked_languages(minutes)
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "group": minutes.meeting.group,
        "items": list(minutes.items.all()),
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


@login_required
@GET_POST
def item_edit(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """One agenda item: discussion, decisions, action points. Saves only from the current revision."""
    minutes = _get_minutes_for_editor(request, meeting_id)
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
                    item_form=item_form,
                    decision_formset=decisions,
                    action_formset=actions,
                )
            except services.StaleMinutes as stale:
                # Keep the user's input; the next save from this page is made knowing what changed.
                data = request.POST.copy()
                data["revision"] = str(stale.current_revision)
                fresh_item = MinutesItem.objects.get(pk=item.pk)
                item_form, decisions, actions = _item_forms(minutes, fresh_item, data, locked)
                conflict = {
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
            except services.StepRefused as refused:
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
    minutes = _get_minutes_for_editor(request, meeting_id)
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
    except services.StaleMinutes:
        messages.error(
            request,
            _(
                "Someone else saved these minutes in the meantime; nothing was added. "
                "Look at the items and try again."
            ),
        )
        return redirect("minutes:edit", meeting_id=meeting_id)
    except services.StepRefused as refused:
        messages.error(request, refused.message)
        return redirect("minutes:edit", meeting_id=meeting_id)
    return redirect("minutes:item_edit", meeting_id=meeting_id, item_id=item.pk)


@login_required
@require_POST
def language_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    minutes = _get_minutes_for_editor(request, meeting_id)
    try:
        version = services.minutes_add_language(
            minutes=minutes, language=request.POST.get("language", ""), actor=request.user
        )
    except services.StepRefused as refused:
        messages.error(request, refused.message)
        return redirect("minutes:edit", meeting_id=meeting_id)
    messages.success(request, _("The new language version is a draft."))
    return redirect(_detail_url(meeting_id, version.language))


# --- steps, comments, signed PDF -----------------------------------------------------------------


@login_required
@require_POST
def step(request: HttpRequest, meeting_id: int, lang: str, step_name: str) -> HttpResponse:
    """Take one step of a version's life. A refused step changes nothing and says why."""
    minutes, version = _get_version_for_user(request, meeting_id, lang)
    if step_name not in services.STEPS:
        raise Http404
    form = CirculateForm(request.POST) if step_name == "circulate" else StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_detail_url(meeting_id, lang))
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
        return redirect(_detail_url(meeting_id, lang))
    done = {
        "circulate": _("The minutes are circulated to the attendees for comments."),
        "approve": _("The minutes are approved."),
        "send": _("The minutes are sent to the RTP Secretariat."),
        "publish": _("The minutes are published on the website."),
        "return": _("The minutes are returned to the group's secretariat."),
    }
    messages.success(request, done[step_name])
    return redirect(_detail_url(meeting_id, lang))


@login_required
@require_POST
def comment(request: HttpRequest, meeting_id: int, lang: str) -> HttpResponse:
    minutes, version = _get_version_for_user(request, meeting_id, lang)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return redirect(_detail_url(meeting_id, lang))
    attendees = {
        p.person.user_id for p in minutes.meeting.attendees if p.person_id and p.person and p.person.user_id
    }
    try:
        services.minutes_comment_add(
            version=version, actor=request.user, text=form.cleaned_data["text"], attendee_user_ids=attendees
        )
    except services.StepRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Thank you: your comment is recorded for the secretariat."))
    return redirect(_detail_url(meeting_id, lang) + "#comments")


@login_required
@require_POST
def signed_upload(request: HttpRequest, meeting_id: int, lang: str) -> HttpResponse:
    minutes, version = _get_version_for_user(request, meeting_id, lang)
    form = SignedPdfForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_detail_url(meeting_id, lang))
    try:
        services.minutes_signed_pdf_attach(
            version=version, actor=request.user, upload=form.cleaned_data["file"]
        )
    except services.StepRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The signed PDF is attached."))
    return redirect(_detail_url(meeting_id, lang))


def signed_pdf(request: HttpRequest, meeting_id: int, lang: str) -> FileResponse:
    """The signed PDF, through this permission check (public only once that version is published)."""
    minutes, version = _get_version_for_user(request, meeting_id, lang)
    if not version.signed_pdf:
        raise Http404
    response = FileResponse(
        version.signed_pdf.open("rb"),
        content_type="application/pdf",
        filename=f"minutes-{meeting_id}-{lang}-signed.pdf",
    )
    if not version.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


# --- exports -------------------------------------------------------------------------------------


def _export(request: HttpRequest, meeting_id: int, lang: str, kind: str) -> HttpResponse:
    minutes, version = _get_version_for_user(request, meeting_id, lang)
    document = build_document(
        minutes, lang, with_names=permissions.can_view_unpublished(request.user, minutes.meeting.group)
    )
    if kind == "docx":
        content = exports.minutes_docx(document, version)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
    else:
        content = exports.minutes_pdf(document, version)
        response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="minutes-{minutes.meeting.group.code}-{document.date:%Y-%m-%d}-{lang}.{kind}"'
    )
    if not version.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


def export_docx(request: HttpRequest, meeting_id: int, lang: str) -> HttpResponse:
    return _export(request, meeting_id, lang, "docx")


def export_pdf(request: HttpRequest, meeting_id: int, lang: str) -> HttpResponse:
    return _export(request, meeting_id, lang, "pdf")


# --- the user's work -----------------------------------------------------------------------------


@login_required
def work(request: HttpRequest) -> HttpResponse:
    """What waits for this user: meetings without minutes, versions waiting for their step."""
    user = request.user
    roles = core.roles_by_group(user)
    kept = {gid for gid, r in roles.items() if core.SECRETARIAT in r}
    if core.is_rtp_secretariat(user):
        kept |= set(Group.objects.filter(kind="forum").values_list("id", flat=True))
    to_start = (
        Meeting.objects.filter(group_id__in=kept, minutes__isnull=True, start__lte=timezone.now())
        .exclude(state=MeetingState.CANCELLED)
        .select_related("group")
        .order_by("-start")[:50]
    )
    candidates = MinutesVersion.objects.exclude(status=MinutesStatus.PUBLISHED).filter(
        minutes__meeting__group_id__in=set(roles)
    )
    if core.is_rtp_secretariat(user):
        candidates = MinutesVersion.objects.exclude(status=MinutesStatus.PUBLISHED).filter(
            Q(minutes__meeting__group_id__in=set(roles) | kept) | Q(status=MinutesStatus.SENT)
        )
    candidates = candidates.select_related("minutes__meeting__group").order_by(
        "-minutes__meeting__start", "language"
    )[:200]
    waiting, in_progress = [], []
    for version in candidates:
        group = version.minutes.meeting.group
        steps = services.allowed_steps(user, version, group)
        (waiting if steps else in_progress).append((version, steps))
    return render(
        request, "minutes/work.html", {"to_start": to_start, "waiting": waiting, "in_progress": in_progress}
    )


# --- action points -------------------------------------------------------------------------------


def _action_rows(request: HttpRequest, qs, organisations):
    form = ActionPointFilterForm(request.GET or None, organisations=organisations)
    if form.is_valid():
        show = form.cleaned_data.get("show")
        if show == "open":
            qs = qs.open()
        elif show == "overdue":
            qs = qs.overdue()
        if form.cleaned_data.get("status"):
            qs = qs.filter(status=form.cleaned_data["status"])
        if form.cleaned_data.get("organisation"):
            qs = qs.filter(responsible_organisation=form.cleaned_data["organisation"])
        if request.GET.get("group"):
            qs = qs.filter(group__code=request.GET["group"])
    qs = qs.select_related(
        "group", "item", "item__minutes__meeting", "responsible_organisation", "responsible_person"
    ).order_by("due_date", "id")
    page = paginate(request, qs)
    user = request.user
    rows = []
    secretariat_cache: dict[int, bool] = {}
    for action in page.object_list:
        if action.group_id not in secretariat_cache:
            secretariat_cache[action.group_id] = permissions.is_minutes_secretariat(user, action.group)
        can_update = secretariat_cache[action.group_id] or (
            action.responsible_person_id is not None and action.responsible_person.user_id == user.pk
        )
        rows.append({"action": action, "can_update": can_update})
    return form, page, rows


@login_required
def action_points(request: HttpRequest, code: str) -> HttpResponse:
    group = get_object_or_404(Group, code=code)
    if not permissions.can_view_action_points(request.user, group):
        raise PermissionDenied
    qs = ActionPoint.objects.filter(group=group)
    organisations = (
        Organisation.objects.filter(action_points__group=group).distinct().order_by("name_en", "name_lo")
    )
    form, page, rows = _action_rows(request, qs, organisations)
    context = {
        "group": group,
        "form": form,
        "page_obj": page,
        "rows": rows,
        "status_form": ActionPointStatusForm(),
        "status_choices": ActionStatus.choices,
        "all_groups": False,
        "open_count": ActionPoint.objects.filter(group=group).open().count(),
        "overdue_count": ActionPoint.objects.filter(group=group).overdue().count(),
    }
    return render(request, "minutes/action_points.html", context)


@login_required
def action_points_all(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_all_action_points(request.user):
        raise PermissionDenied
    organisations = (
        Organisation.objects.filter(action_points__isnull=False).distinct().order_by("name_en", "name_lo")
    )
    form, page, rows = _action_rows(request, ActionPoint.objects.all(), organisations)
    context = {
        "group": None,
        "form": form,
        "page_obj": page,
        "rows": rows,
        "status_choices": ActionStatus.choices,
        "all_groups": True,
        "groups": Group.objects.active().order_by("kind", "order", "code"),
        "open_count": ActionPoint.objects.open().count(),
        "overdue_count": ActionPoint.objects.overdue().count(),
    }
    return render(request, "minutes/action_points.html", context)


@login_required
@GET_POST
def action_point(request: HttpRequest, pk: int) -> HttpResponse:
    """One action point with its updates; POST records a new status with a note."""
    action = get_object_or_404(
        ActionPoint.objects.select_related(
            "group", "item__minutes__meeting", "responsible_organisation", "responsible_person"
        ),
        pk=pk,
    )
    if not permissions.can_view_action_points(request.user, action.group):
        raise PermissionDenied
    can_update = permissions.can_update_action_point(request.user, action)
    form = ActionPointStatusForm(initial={"status": action.status})
    if request.method == "POST":
        form = ActionPointStatusForm(request.POST)
        if form.is_valid():
            try:
                services.action_point_update_status(
                    action_point=action,
                    actor=request.user,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
            except services.StepRefused as refused:
                messages.error(request, refused.message)
                return redirect("minutes:action_point", pk=pk)
            messages.success(request, _("The action point is updated."))
            back = request.POST.get("next", "")
            if back.startswith("/") and not back.startswith("//"):
                return redirect(back)
            return redirect("minutes:action_point", pk=pk)
    context = {
        "action": action,
        "group": action.group,
        "form": form,
        "can_update": can_update,
        "updates": list(action.updates.select_related("by")),
    }
    return render(request, "minutes/action_point.html", context, status=400 if form.errors else 200)
