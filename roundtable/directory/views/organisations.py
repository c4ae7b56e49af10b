"""Organisations: public list and page; creation and editing for the secretariats."""

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
from roundtable.core.htmx import render_page_or_partial
from roundtable.core.pagination import paginate
from roundtable.core.services import Refused
from roundtable.directory import permissions as directory_permissions
from roundtable.groups.models import Group

from .. import exporting, services
from ..forms import OrganisationFilterForm, OrganisationForm
from ..models import Membership, Organisation
from ..permissions import can_view_people

PEOPLE_SHOWN = 50


def filtered_organisations(request: HttpRequest):
    """The organisations matching the list's filters (shared by the page and its export)."""
    form = OrganisationFilterForm(request.GET or None)
    organisations = Organisation.objects.order_by("name_en", "name_lo", "pk")
    if form.is_valid():
        organisations = organisations.search(form.cleaned_data["q"])
        if form.cleaned_data["kind"]:
            organisations = organisations.filter(kind=form.cleaned_data["kind"])
    return form, organisations


def organisation_list(request: HttpRequest) -> HttpResponse:
    form, organisations = filtered_organisations(request)
    context = {
        "form": form,
        "page_obj": paginate(request, organisations),
        "can_edit": directory_permissions.can_edit_directory(request.user),
    }
    return render_page_or_partial(
        request, "directory/organisation_list.html", context, partial="directory/_organisation_results.html"
    )


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    chair_terms = (
        organisation.chair_terms.current()
        .select_related("group")
        .order_by("group__order", "group__code", "role")
    )
    member_of = Group.objects.filter(
        pk__in=Membership.objects.current().filter(organisation=organisation).values("group_id")
    ).order_by("order", "code")
    # People are named only to logged-in users; contact details never appear on this page. A ministry
    # may have hundreds in the directory: the page names the first ones and links to the searchable list.
    people, people_count = None, 0
    if can_view_people(request.user):
        people = list(organisation.people.order_by("name_en", "name_lo", "pk")[: PEOPLE_SHOWN + 1])
        people_count = len(people)
        if people_count > PEOPLE_SHOWN:
            people_count = organisation.people.count()
            people = people[:PEOPLE_SHOWN]
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "chair_terms": chair_terms,
            "led_groups": organisation.led_groups.order_by("order", "code"),
            "member_of": member_of,
            "people": people,
            "people_count": people_count,
            "people_search": organisation.acronym or organisation.name_en or organisation.name_lo,
            "can_edit": directory_permissions.can_edit_organisation(request.user, organisation),
            "history": history_for(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not directory_permissions.can_edit_directory(request.user):
        raise PermissionDenied
    return _organisation_form(request, Organisation())


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not directory_permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    return _organisation_form(request, organisation)


def _organisation_form(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    creating = organisation.pk is None
    # The form works on its own copy: input it rejects must not show in the page's heading and links.
    form = OrganisationForm(
        request.POST or None,
        instance=Organisation() if creating else Organisation.objects.get(pk=organisation.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if creating:
                organisation = services.organisation_create(actor=request.user, data=form.cleaned_data)
            else:
                services.organisation_update(
                    organisation=organisation, actor=request.user, data=form.cleaned_data
                )
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Organisation saved."))
            return redirect(organisation)
    return render(
        request,
        "directory/organisation_form.html",
        {"form": form, "organisation": None if creating else organisation, "creating": creating},
    )


def organisations_export(request: HttpRequest) -> HttpResponse:
    """Organisations are public: anyone may download the (filtered) list."""
    _form, organisations = filtered_organisations(request)
    return exporting.table_response(
        request.GET.get("format", "csv"),
        "organisations",
        exporting.ORGANISATION_COLUMNS,
        exporting.organisations_table(organisations),
    )
