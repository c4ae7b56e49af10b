"""People: pages for logged-in users; contact details only for those allowed to see them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from roundtable.core.forms import add_service_error
from roundtable.core.history import history_for
from roundtable.core.pagination import paginate
from roundtable.core.services import Conflict, Refused
from roundtable.directory import permissions as directory_permissions

from .. import exporting, services
from ..forms import SEARCH_MAX_LENGTH, PersonForm
from ..models import Person
from ..permissions import can_view_people, contact_visible_person_ids


def filtered_people(request: HttpRequest):
    query = (request.GET.get("q") or "").strip()[:SEARCH_MAX_LENGTH]
    people = Person.objects.select_related("organisation").search(query).order_by("name_en", "name_lo", "pk")
    return query, people


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    query, people = filtered_people(request)
    page = paginate(request, people)
    visible = contact_visible_person_ids(request.user, [person.pk for person in page])
    rows = [(person, person.pk in visible) for person in page]
    return render(
        request,
        "directory/person_list.html",
        {
            "q": query,
            "page_obj": page,
            "rows": rows,
            "can_edit": directory_permissions.can_edit_directory(request.user),
        },
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    memberships = (
        person.memberships.current().select_related("group", "organisation").order_by("group__order")
    )
    return render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "memberships": memberships,
            "chair_terms": person.chair_terms.current().select_related("group", "organisation"),
            "show_contact": directory_permissions.can_view_contact(request.user, person),
            "can_edit": directory_permissions.can_edit_person(request.user, person),
            "history": history_for(request.user, person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    if not directory_permissions.can_edit_directory(request.user):
        raise PermissionDenied
    return _person_form(request, Person())


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    if not directory_permissions.can_edit_person(request.user, person):
        raise PermissionDenied
    return _person_form(request, person)


def _person_form(request: HttpRequest, person: Person) -> HttpResponse:
    creating = person.pk is None
    # The form works on its own copy: input it rejects must not show in the page's heading and links.
    form = PersonForm(
        request.POST or None, instance=Person() if creating else Person.objects.get(pk=person.pk)
    )
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            if creating:
                person = services.person_create(actor=request.user, data=form.cleaned_data)
            else:
                services.person_update(
                    person=person,
                    actor=request.user,
                    data=form.cleaned_data,
                    revision=form.cleaned_data["revision"],
                )
        except Conflict as conflict:
            changes = conflict.changes
            messages.error(request, conflict.message)
            current = Person.objects.get(pk=person.pk)
            form = PersonForm.again(request.POST, current.revision, instance=current)
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Person saved."))
            return redirect(person)
    return render(
        request,
        "directory/person_form.html",
        {"form": form, "person": None if creating else person, "creating": creating, "changes": changes},
    )


@login_required
def people_export(request: HttpRequest) -> HttpResponse:
    """The (searched) people; email and phone only of those whose contacts the user may see."""
    if not can_view_people(request.user):
        raise PermissionDenied
    _query, people = filtered_people(request)
    people = list(people)
    visible = contact_visible_person_ids(request.user, [person.pk for person in people])
    return exporting.table_response(
        request.GET.get("format", "csv"),
        "people",
        exporting.PEOPLE_COLUMNS,
        exporting.people_table(people, visible),
    )
