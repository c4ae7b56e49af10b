"""A group's stakeholder list (the guideline's list of participants with contact details).

Members of the group and the RTP Secretariat read it; the group's secretariat (and the RTP
Secretariat) add people, edit their place on the list and end it. Ending never deletes: the list
keeps who took part, and when.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from roundtable.core.forms import add_service_error
from roundtable.core.history import history_for
from roundtable.core.htmx import render_page_or_partial, vary_on_htmx, wants_partial
from roundtable.core.pagination import paginate
from roundtable.core.services import Conflict, Refused
from roundtable.directory import permissions as directory_permissions
from roundtable.groups.models import Group

from .. import exporting, services
from ..forms import SEARCH_MAX_LENGTH, MembershipForm, StakeholderAddForm, StakeholderFilterForm
from ..models import Membership, Person
from ..permissions import contact_visible_person_ids


def get_group_for_stakeholders(request: HttpRequest, code: str, *, manage: bool = False) -> Group:
    """The group, if the user may read (or, with manage, change) its stakeholder list; else 404/403."""
    group = get_object_or_404(Group, code=code)
    allowed = (
        directory_permissions.can_manage_stakeholders(request.user, group)
        if manage
        else directory_permissions.can_view_stakeholders(request.user, group)
    )
    if not allowed:
        raise PermissionDenied
    return group


def get_membership_for_manager(request: HttpRequest, pk: int) -> Membership:
    membership = get_object_or_404(Membership.objects.for_list(), pk=pk)
    if not directory_permissions.can_manage_stakeholders(request.user, membership.group):
        raise PermissionDenied
    return membership


def filtered_memberships(request: HttpRequest, group: Group) -> tuple[StakeholderFilterForm, QuerySet]:
    """The group's memberships matching the list's filters (shared by the page and its export)."""
    form = StakeholderFilterForm(request.GET)
    memberships = Membership.objects.filter(group=group).for_list()
    data = form.cleaned_data if form.is_valid() else {}
    status = data.get("status") or "current"
    if status == "current":
        memberships = memberships.current()
    elif status == "ended":
        memberships = memberships.ended()
    query = (data.get("q") or "").strip()
    if query:
        match = (
            Q(person__name_lo__icontains=query)
            | Q(person__name_en__icontains=query)
            | Q(person__position__icontains=query)
            | Q(organisation__acronym__icontains=query)
            | Q(organisation__name_en__icontains=query)
            | Q(organisation__name_lo__icontains=query)
            | Q(person__organisation__acronym__icontains=query)
            | Q(person__organisation__name_en__icontains=query)
            | Q(person__organisation__name_lo__icontains=query)
        )
        # Searching by email must not reveal an address the user may not see: only among people
        # whose contacts they see (those who currently share a group with them).
        groups = directory_permissions.contact_visible_group_ids(request.user)
        email = Q(person__email__icontains=query)
        if groups is not None:
            email &= Q(
                person_id__in=Membership.objects.current().filter(group_id__in=groups).values("person_id")
            )
        memberships = memberships.filter(match | email)
    if data.get("role"):
        memberships = memberships.filter(role=data["role"])
    if data.get("kind"):
        kind = data["kind"]
        memberships = memberships.filter(
            Q(organisation__kind=kind) | Q(organisation__isnull=True, person__organisation__kind=kind)
        )
    return form, memberships.order_by("person__name_en", "person__name_lo", "pk")


@login_required
def stakeholder_list(request: HttpRequest, code: str) -> HttpResponse:
    group = get_group_for_stakeholders(request, code)
    form, memberships = filtered_memberships(request, group)
    page = paginate(request, memberships)
    visible = contact_visible_person_ids(request.user, [m.person_id for m in page])
    context = {
        "group": group,
        "form": form,
        "page_obj": page,
        "rows": [(m, m.person_id in visible) for m in page],
        "can_manage": directory_permissions.can_manage_stakeholders(request.user, group),
        "can_import": directory_permissions.can_manage_stakeholders(request.user, group),
    }
    return render_page_or_partial(
        request, "directory/stakeholder_list.html", context, partial="directory/_stakeholder_results.html"
    )


# How many people the picker shows for one search: enough to choose among namesakes, few enough for a phone.
PICKER_LIMIT = 20


@dataclass
class PersonChoices:
    """What the person picker of the "add" page shows: the search and the people it found."""

    find: str
    people: list[tuple[Person, bool]]  # (person, already on the list)
    more: bool  # more people match than are shown
    chosen: int | None


def person_choices(group: Group, find: str, chosen: Person | None = None) -> PersonChoices:
    """People matching `find` by name or organisation (never by email: the searcher may not see emails),
    each marked when already on the group's list; the chosen person stays in view. Three queries at most."""
    people: list[Person] = []
    more = False
    if find:
        found = list(
            Person.objects.select_related("organisation")
            .search(find)
            .order_by("name_en", "name_lo", "pk")[: PICKER_LIMIT + 1]
        )
        more = len(found) > PICKER_LIMIT
        people = found[:PICKER_LIMIT]
    if chosen is not None and all(person.pk != chosen.pk for person in people):
        people.insert(0, chosen)
    on_list = set(
        Membership.objects.current()
        .filter(group=group, person__in=[person.pk for person in people])
        .values_list("person_id", flat=True)
    )
    return PersonChoices(
        find=find,
        people=[(person, person.pk in on_list) for person in people],
        more=more,
        chosen=chosen.pk if chosen is not None else None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_add(request: HttpRequest, code: str) -> HttpResponse:
    """Add someone to the list: find them in the directory (a search that works with and without
    JavaScript: htmx swaps the results in as one types, else the search form reloads the page), or
    describe a new person."""
    group = get_group_for_stakeholders(request, code, manage=True)
    find = " ".join((request.GET.get("find") or request.POST.get("find") or "").split())[:SEARCH_MAX_LENGTH]
    if request.method == "GET" and wants_partial(request):
        context = {
            "group": group,
            "choices": person_choices(group, find),
            "form": StakeholderAddForm(group=group),
        }
        return vary_on_htmx(render(request, "directory/_person_choices.html", context))
    form = StakeholderAddForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.membership_add(
                group=group,
                actor=request.user,
                person=data["person"],
                new_person=None if data["person"] else form.new_person_data(),
                role=data["role"],
                organisation=data["organisation"],
                start_date=data["start_date"],
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(person)s was added to the stakeholder list.") % {"person": membership.person}
            )
            return redirect("directory:stakeholders", code=group.code)
    chosen = form.cleaned_data.get("person") if form.is_bound else None
    context = {"group": group, "form": form, "choices": person_choices(group, find, chosen)}
    # The same URL answers htmx's search with a fragment (above): caches must keep the two apart.
    return vary_on_htmx(render(request, "directory/stakeholder_add.html", context))


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership_for_manager(request, pk)
    # The form works on its own copy: input it rejects must not show in the page around it.
    form = MembershipForm(request.POST or None, instance=Membership.objects.get(pk=membership.pk))
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                membership=membership,
                actor=request.user,
                data=form.cleaned_data,
                revision=form.cleaned_data["revision"],
            )
        except Conflict as conflict:
            changes = conflict.changes
            messages.error(request, conflict.message)
            current = Membership.objects.get(pk=membership.pk)
            form = MembershipForm.again(request.POST, current.revision, instance=current)
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The membership was saved."))
            return redirect("directory:stakeholders", code=membership.group.code)
    context = {
        "membership": membership,
        "form": form,
        "changes": changes,
        "history": history_for(request.user, membership),
    }
    return render(request, "directory/membership_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST ends the membership today."""
    membership = get_membership_for_manager(request, pk)
    if request.method == "GET":
        return render(request, "directory/membership_end.html", {"membership": membership})
    try:
        services.membership_end(membership=membership, actor=request.user)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, _("%(person)s's membership has ended today.") % {"person": membership.person}
        )
    return redirect("directory:stakeholders", code=membership.group.code)


@login_required
def stakeholders_export(request: HttpRequest, code: str) -> HttpResponse:
    group = get_group_for_stakeholders(request, code)
    _form, memberships = filtered_memberships(request, group)
    memberships = list(memberships)
    visible = contact_visible_person_ids(request.user, [m.person_id for m in memberships])
    return exporting.table_response(
        request.GET.get("format", "csv"),
        f"stakeholders-{group.code}",
        exporting.STAKEHOLDER_COLUMNS,
        exporting.stakeholders_table(memberships, visible),
    )
