"""Pages of the group structure: the public list and group pages, and the RTP Secretariat's tools
for chairs, co-chairs, profiles and Terms of Reference."""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from roundtable.core import permissions
from roundtable.core.forms import add_service_error
from roundtable.core.history import history_for, history_of_records
from roundtable.core.pagination import paginate
from roundtable.core.sections import group_sections
from roundtable.core.services import Conflict, Refused
from roundtable.directory import permissions as directory_permissions

from . import permissions as group_permissions
from . import services
from .forms import (
    ChairTermChangeForm,
    ChairTermEndForm,
    ChairTermForm,
    GroupForm,
    GroupProfileForm,
    TermsOfReferenceForm,
)
from .models import ChairRole, ChairTerm, Group, GroupKind, TermsOfReference

GET_POST = require_http_methods(["GET", "POST"])


# --- access helpers ----------------------------------------------------------------------------


def _get_group_for_user(request: HttpRequest, code: str) -> Group:
    """The group by code; 404 when it does not exist or the user may not see it (inactive groups)."""
    group = get_object_or_404(Group.objects.select_related("lead_ministry", "parent"), code=code)
    if not group_permissions.can_view_group(request.user, group):
        raise Http404
    return group


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def stakeholders_url(group: Group) -> str:
    return reverse("directory:stakeholders", args=[group.code])


# --- public pages --------------------------------------------------------------------------------


def group_list(request: HttpRequest) -> HttpResponse:
    """Forums, then SWGs with their sub-SWGs, each with who chairs it now (a fixed number of queries)."""
    children = (
        Group.objects.active().select_related("lead_ministry").with_current_chairs().order_by("order", "code")
    )
    groups = (
        Group.objects.active()
        .top_level()
        .select_related("lead_ministry")
        .with_current_chairs()
        .prefetch_related(Prefetch("children", queryset=children, to_attr="active_children"))
        .order_by("kind", "order", "code")
    )
    page = paginate(request, groups)
    forums = [g for g in page.object_list if g.kind == GroupKind.FORUM]
    swgs = [g for g in page.object_list if g.kind != GroupKind.FORUM]
    context = {
        "page_obj": page,
        "forums": forums,
        "swgs": swgs,
        "can_create": group_permissions.can_create_group(request.user),
    }
    return render(request, "groups/list.html", context)


def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    group = _get_group_for_user(request, code)
    user = request.user
    children = list(
        group.children.active()
        .select_related("lead_ministry")
        .with_current_chairs()
        .order_by("order", "code")
    )
    can_manage_chairs = group_permissions.can_manage_chairs(user, group)
    parent = group.parent
    context = {
        "group": group,
        # An inactive SWG is not shown: an active sub-SWG's page does not name it or link to it either.
        "parent": parent if parent is not None and group_permissions.can_view_group(user, parent) else None,
        "chair": group.current_chair,
        "cochairs": group.current_cochairs,
        "children": children,
        "tor_documents": list(group.tor_documents.all()),
        "outcomes": list(group.nsedp_outcomes.select_related("framework").order_by("framework", "sort_key")),
        "sdgs": list(group.sdgs.select_related("framework").order_by("framework", "sort_key")),
        "show_rotation": permissions.can_see_rotation_flags(user),
        "can_edit": group_permissions.can_edit_group_profile(user, group),
        "can_manage_tor": group_permissions.can_manage_tor(user, group),
        "can_manage_chairs": can_manage_chairs,
        "stakeholders_url": stakeholders_url(group)
        if directory_permissions.can_view_stakeholders(user, group)
        else None,
        "history": history_for(user, group),
        "sections": group_sections.build(request, group),
    }
    return render(request, "groups/detail.html", context)


def tor_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """ToR documents are public for a visible group; served here, never from a public /media/ URL."""
    group = _get_group_for_user(request, code)
    tor = get_object_or_404(TermsOfReference, pk=pk, group=group)
    try:
        handle = tor.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(tor.file.name))


def chairs(request: HttpRequest, code: str) -> HttpResponse:
    """Who chaired and co-chaired the group, when (public); reasons and rotation flags for those allowed."""
    group = _get_group_for_user(request, code)
    user = request.user
    terms = list(
        group.chair_terms.select_related("organisation", "person").order_by("-start_date", "role", "pk")
    )
    context = {
        "group": group,
        "chair_terms": [t for t in terms if t.role == ChairRole.CHAIR],
        "cochair_terms": [t for t in terms if t.role == ChairRole.COCHAIR],
        "show_rotation": permissions.can_see_rotation_flags(user),
        "show_reasons": group_permissions.can_read_change_reasons(user, group),
        "can_manage_chairs": group_permissions.can_manage_chairs(user, group),
        "today": timezone.localdate(),
        "history": history_of_records(user, ChairTerm.history.filter(group_id=group.pk), ChairTerm),
    }
    return render(request, "groups/chairs.html", context)


# --- the RTP Secretariat's and the group secretariat's tools ----------------------------------------


def _form_page(
    request: HttpRequest,
    group: Group | None,
    form: Form,
    *,
    title: str,
    submit: str,
    cancel: str,
    intro: str = "",
    multipart: bool = False,
    changes=None,
) -> HttpResponse:
    return render(
        request,
        "groups/form.html",
        {
            "group": group,
            "form": form,
            "title": title,
            "submit": submit,
            "cancel": cancel,
            "intro": intro,
            "multipart": multipart,
            "changes": changes,
        },
    )


def _add_refusal(form: Form, error: ValidationError | Refused) -> None:
    if isinstance(error, Refused):
        form.add_error(None, error.message)
    else:
        add_service_error(form, error)


@login_required
@GET_POST
def group_create(request: HttpRequest) -> HttpResponse:
    _require(group_permissions.can_create_group(request.user))
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, **form.cleaned_data)
        except (Refused, ValidationError) as error:
            _add_refusal(form, error)
        else:
            messages.success(request, _("The group was created."))
            return redirect(group)
    return _form_page(
        request, None, form, title=_("New group"), submit=_("Create the group"), cancel=reverse("groups:list")
    )


@login_required
@GET_POST
def group_edit(request: HttpRequest, code: str) -> HttpResponse:
    group = _get_group_for_user(request, code)
    _require(group_permissions.can_edit_group_profile(request.user, group))
    # The RTP Secretariat also moves the group in the structure; the code stays: it is in every link.
    form_class = GroupForm if permissions.can_manage_structure(request.user) else GroupProfileForm
    # The form works on its own copy: the input it validates must not leak into the page around it.
    form = form_class(
        request.POST or None, instance=Group.objects.get(pk=group.pk), initial={"revision": group.revision}
    )
    if "code" in form.fields:
        form.fields["code"].disabled = True
    changes = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"code", "revision"}}
        try:
            services.group_update(
                group=group, actor=request.user, data=data, revision=form.cleaned_data["revision"]
            )
        except Conflict as conflict:
            # The user's input again, with the current revision: saving once more, knowingly, overwrites.
            changes = conflict.changes
            messages.error(request, conflict.message)
            current = Group.objects.get(pk=group.pk)
            form = _rebound(form_class, request, current.revision, instance=current)
        except (Refused, ValidationError) as error:
            _add_refusal(form, error)
        else:
            messages.success(request, _("The group's profile was saved."))
            return redirect(group)
    return _form_page(
        request,
        group,
        form,
        title=_("Edit the group"),
        submit=_("Save"),
        cancel=group.get_absolute_url(),
        changes=changes,
    )


def _rebound(form_class, request: HttpRequest, revision: int, **kwargs) -> Form:
    data = request.POST.copy()
    data["revision"] = str(revision)
    form = form_class(data, **kwargs)
    if "code" in form.fields:
        form.fields["code"].disabled = True
    form.is_valid()
    return form


@login_required
@GET_POST
def tor_upload(request: HttpRequest, code: str) -> HttpResponse:
    group = _get_group_for_user(request, code)
    _require(group_permissions.can_manage_tor(request.user, group))
    form = TermsOfReferenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tor_add(group=group, actor=request.user, **form.cleaned_data)
        except (Refused, ValidationError) as error:
            _add_refusal(form, error)
        else:
            messages.success(request, _("The Terms of Reference document was added."))
            return redirect(group)
    return _form_page(
        request,
        group,
        form,
        title=_("Add a Terms of Reference document"),
        submit=_("Upload"),
        cancel=group.get_absolute_url(),
        multipart=True,
    )


@login_required
@GET_POST
def tor_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    group = _get_group_for_user(request, code)
    _require(group_permissions.can_manage_tor(request.user, group))
    tor = get_object_or_404(TermsOfReference, pk=pk, group=group)
    if request.method == "POST":
        services.tor_delete(tor=tor, actor=request.user)
        messages.success(request, _("The Terms of Reference document was deleted."))
        return redirect(group)
    return render(request, "groups/tor_delete.html", {"group": group, "tor": tor})


def _get_term(request: HttpRequest, group: Group, pk: int) -> ChairTerm:
    return get_object_or_404(ChairTerm.objects.select_related("organisation", "person"), pk=pk, group=group)


@login_required
@GET_POST
def chair_add(request: HttpRequest, code: str) -> HttpResponse:
    group = _get_group_for_user(request, code)
    _require(group_permissions.can_manage_chairs(request.user, group))
    initial = {"role": request.GET.get("role", ChairRole.COCHAIR), "start_date": timezone.localdate()}
    form = ChairTermForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.chair_term_add(group=group, actor=request.user, **form.cleaned_data)
        except (Refused, ValidationError) as error:
            _add_refusal(form, error)
        else:
            messages.success(request, _("The term was added."))
            return redirect("groups:chairs", code=group.code)
    return _form_page(
        request,
        group,
        form,
        title=_("Add a chair or co-chair term"),
        submit=_("Add the term"),
        cancel=reverse("groups:chairs", args=[group.code]),
    )


@login_required
@GET_POST
def chair_end(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    group = _get_group_for_user(request, code)
    _require(group_permissions.can_manage_chairs(request.user, group))
    term = _get_term(request, group, pk)
    form = ChairTermEndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.chair_term_end(term=term, actor=request.user, **form.cleaned_data)
        except (Refused, ValidationError) as error:
            _add_refusal(form, error)
        else:
            messages.success(request, _("The term was ended."))
            return redirect("groups:chairs", code=group.code)
    intro = _("End the term of %(organisation)s (%(role)s).") % {
        "organisation": term.organisation,
        "role": term.get_role_display(),
    }
    return _form_page(
        request,
        group,
        form,
        title=_("End a term"),
        submit=_("End the term"),
        cancel=reverse("groups:chairs", args=[group.code]),
        intro=intro,
    )


@login_required
@GET_POST
def chair_change(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    group = _get_group_for_user(request, code)
    _require(group_permissions.can_manage_chairs(request.user, group))
    term = _get_term(request, group, pk)
    form = ChairTermChangeForm(request.POST or None, initial={"start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.chair_term_change(term=term, actor=request.user, **form.cleaned_data)
        except (Refused, ValidationError) as error:
            _add_refusal(form, error)
        else:
            messages.success(request, _("The change was recorded."))
            return redirect("groups:chairs", code=group.code)
    if term.role == ChairRole.CHAIR:
        title = _("Change the chair")
        intro = _("%(organisation)s hands the chair over. Its term ends the day before the new one starts.")
    else:
        title = _("Change a co-chair")
        intro = _(
            "%(organisation)s hands its co-chair seat over. Its term ends the day before the new one starts."
        )
    return _form_page(
        request,
        group,
        form,
        title=title,
        submit=_("Record the change"),
        cancel=reverse("groups:chairs", args=[group.code]),
        intro=intro % {"organisation": term.organisation},
    )
