"""The checklist templates and their obligations, edited by the RTP Secretariat (with their history)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from roundtable.core.forms import add_service_error
from roundtable.core.history import history_for, history_of_records
from roundtable.core.services import Conflict, Refused

from .. import permissions, services
from ..checklists import rule_text
from ..forms import ObligationEditForm, ObligationForm, TemplateForm
from ..models import ChecklistTemplate, Obligation
from .access import require


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    require(permissions.can_edit_templates(request.user))
    templates = list(ChecklistTemplate.objects.prefetch_related("obligations"))
    return render(request, "compliance/templates.html", {"templates": templates})


def _conflict_form(form_class, request, instance, error: Conflict, **kwargs):
    """The form again with the user's input, on the record as it is now (its current revision)."""
    data = request.POST.copy()
    data["revision"] = str(type(instance).objects.get(pk=instance.pk).revision)
    form = form_class(data, instance=type(instance).objects.get(pk=instance.pk), **kwargs)
    form.is_valid()
    return form


@login_required
@require_http_methods(["GET", "POST"])
def template_detail(request: HttpRequest, kind: str) -> HttpResponse:
    require(permissions.can_edit_templates(request.user))
    template = get_object_or_404(ChecklistTemplate, kind=kind)
    conflict = None
    if request.method == "POST":
        form = TemplateForm(request.POST, instance=ChecklistTemplate.objects.get(pk=template.pk))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
            try:
                services.template_update(
                    template=template, actor=request.user, data=data, revision=form.cleaned_data["revision"]
                )
            except Conflict as error:
                conflict = error
                form = _conflict_form(TemplateForm, request, template, error)
            except (Refused, ValidationError) as error:
                add_service_error(
                    form, error if isinstance(error, ValidationError) else ValidationError(error.message)
                )
            else:
                messages.success(request, _("The template was saved."))
                return redirect(template)
    else:
        form = TemplateForm(instance=template, initial={"revision": template.revision})
    obligations = list(template.obligations.select_related("template").order_by("order", "code"))
    for ob in obligations:
        ob.rule_text = rule_text(ob)
    context = {
        "template": template,
        "form": form,
        "conflict": conflict,
        "obligations": obligations,
        "history": history_for(request.user, template),
        "obligation_history": history_of_records(
            request.user,
            Obligation.history.filter(template_id=template.pk).order_by("-history_date"),
            Obligation,
        ),
    }
    return render(request, "compliance/template.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def obligation_add(request: HttpRequest, kind: str) -> HttpResponse:
    require(permissions.can_edit_templates(request.user))
    template = get_object_or_404(ChecklistTemplate, kind=kind)
    form = ObligationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.obligation_create(template=template, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The obligation was added."))
            return redirect(template)
    context = {"template": template, "form": form, "title": _("New obligation"), "conflict": None}
    return render(request, "compliance/obligation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def obligation_edit(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    require(permissions.can_edit_templates(request.user))
    template = get_object_or_404(ChecklistTemplate, kind=kind)
    obligation = get_object_or_404(
        Obligation.objects.select_related("template"), template=template, code=code
    )
    conflict = None
    if request.method == "POST":
        form = ObligationEditForm(request.POST, instance=Obligation.objects.get(pk=obligation.pk))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
            try:
                services.obligation_update(
                    obligation=obligation,
                    actor=request.user,
                    data=data,
                    revision=form.cleaned_data["revision"],
                )
            except Conflict as error:
                conflict = error
                form = _conflict_form(ObligationEditForm, request, obligation, error)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The obligation was saved."))
                return redirect(template)
    else:
        form = ObligationEditForm(instance=obligation, initial={"revision": obligation.revision})
    context = {
        "template": template,
        "obligation": obligation,
        "form": form,
        "title": obligation.task,
        "conflict": conflict,
        "history": history_for(request.user, obligation),
    }
    return render(request, "compliance/obligation_form.html", context)
