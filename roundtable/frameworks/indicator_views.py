"""Pages of the indicators' monitoring: a framework's public monitoring page, an indicator's page (the
chart, the values a visitor may see, the owner's and the RTP Secretariat's buttons), the owner's value
forms, the review steps, the evidence, and the RTP Secretariat's review queue.

Every path decides its permission here, through `permissions` (the templates only see the answers): the
public sees published values only; an indicator's owner enters its values; the RTP Secretariat reviews.
"""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roundtable.core.forms import add_service_error
from roundtable.core.history import history_for, history_of_records
from roundtable.core.htmx import render_page_or_partial
from roundtable.core.services import Refused

from . import indicators as services
from . import permissions
from .indicator_charts import indicator_chart
from .indicator_forms import IndicatorForm, NewValueForm, StepForm, ValueForm
from .indicator_models import Indicator, IndicatorValue, ValueState
from .models import Framework
from .owners import owner_directory

GET_POST = require_http_methods(["GET", "POST"])


# --- access helpers ----------------------------------------------------------------------------


def _get_indicator(code: str, item: str) -> Indicator:
    """A monitored indicator by framework and item code (public); 404 when there is none."""
    return get_object_or_404(
        Indicator.objects.select_related("item__framework"), item__framework__code=code, item__code=item
    )


def _get_value(request: HttpRequest, code: str, item: str, year: int) -> IndicatorValue:
    """A value the visitor may see; 404 otherwise (the public does not learn that a draft exists)."""
    indicator = _get_indicator(code, item)
    value = get_object_or_404(IndicatorValue, indicator=indicator, year=year)
    value.indicator = indicator
    if not permissions.can_view_value(request.user, value):
        raise Http404
    return value


def _private(response: HttpResponse, request: HttpRequest, indicator: Indicator) -> HttpResponse:
    # A page that shows unpublished values is for its reader alone.
    if permissions.can_view_unpublished_values(request.user, indicator):
        response["Cache-Control"] = "private, no-store"
    return response


# --- public pages --------------------------------------------------------------------------------


def _owners(indicators) -> dict[str, object]:
    return owner_directory().groups_by_code({indicator.owner_code for indicator in indicators})


def monitoring(request: HttpRequest, code: str) -> HttpResponse:
    """A framework's monitored indicators with their published values and charts, in a fixed number of
    queries (the indicators with their items, the published values, the owners)."""
    framework = get_object_or_404(Framework, code=code)
    indicators = list(
        Indicator.objects.filter(item__framework=framework)
        .select_related("item__framework")
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.published().order_by("year"), to_attr="shown")
        )
        .order_by("item__sort_key")
    )
    if not indicators:
        raise Http404
    owners = _owners(indicators)
    rows = [
        {
            "indicator": indicator,
            "values": indicator.shown,
            "owner": owners.get(indicator.owner_code),
            "chart": indicator_chart(indicator, indicator.shown, chart_id=f"chart-{indicator.item.code}"),
        }
        for indicator in indicators
    ]
    context = {
        "framework": framework,
        "rows": rows,
        "illustrative_count": sum(1 for indicator in indicators if indicator.illustrative),
        "can_review": permissions.can_review_values(request.user),
    }
    return render(request, "frameworks/indicators/monitoring.html", context)


def _indicator_context(request: HttpRequest, indicator: Indicator) -> dict:
    user = request.user
    values = services.visible_values(user, indicator, indicator.values.order_by("year"))
    for value in values:
        value.indicator = indicator
        value.steps = services.available_steps(user, value)
        value.can_edit = permissions.can_edit_value(user, value)
        value.can_see_evidence = bool(value.evidence) and permissions.can_view_evidence(user, value)
    published = [value for value in values if value.is_published]
    may_see_history = permissions.can_review_values(user)
    return {
        "framework": indicator.item.framework,
        "indicator": indicator,
        "item": indicator.item,
        "owner": _owners([indicator]).get(indicator.owner_code),
        "values": values,
        "chart": indicator_chart(indicator, published, chart_id="chart"),
        "can_enter": permissions.can_enter_values(user, indicator),
        "can_edit_indicator": permissions.can_edit_indicator(user),
        "step_form": StepForm(),
        "history": history_for(user, indicator) if may_see_history else None,
        "value_history": history_of_records(
            user, IndicatorValue.history.filter(indicator_id=indicator.pk), IndicatorValue
        ),
    }


def indicator_detail(request: HttpRequest, code: str, item: str) -> HttpResponse:
    indicator = _get_indicator(code, item)
    response = render(request, "frameworks/indicators/indicator.html", _indicator_context(request, indicator))
    return _private(response, request, indicator)


@require_GET
def indicator_values(request: HttpRequest, code: str, item: str) -> HttpResponse:
    """The values table alone (htmx), the whole page without JavaScript; the same permissions."""
    indicator = _get_indicator(code, item)
    response = render_page_or_partial(
        request,
        "frameworks/indicators/indicator.html",
        _indicator_context(request, indicator),
        partial="frameworks/indicators/_values.html",
    )
    return _private(response, request, indicator)


# --- the owner's forms ---------------------------------------------------------------------------


@login_required
@GET_POST
def value_add(request: HttpRequest, code: str, item: str) -> HttpResponse:
    indicator = _get_indicator(code, item)
    if not permissions.can_enter_values(request.user, indicator):
        raise PermissionDenied
    form = NewValueForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.value_create(
                indicator=indicator,
                actor=request.user,
                year=data["year"],
                value=data["value"],
                note=data["note"],
                evidence=data["evidence"],
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The value for %(year)s has been saved as a draft.") % data)
            return redirect("frameworks:indicator", code, item)
    context = {"framework": indicator.item.framework, "indicator": indicator, "form": form, "value": None}
    return render(request, "frameworks/indicators/value_form.html", context)


@login_required
@GET_POST
def value_edit(request: HttpRequest, code: str, item: str, year: int) -> HttpResponse:
    value = _get_value(request, code, item, year)
    if not permissions.can_edit_value(request.user, value):
        raise PermissionDenied
    form = ValueForm(
        request.POST or None, request.FILES or None, initial={"value": value.value, "note": value.note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.value_update(value=value, actor=request.user, data=form.cleaned_data)
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The value for %(year)s has been saved.") % {"year": year})
            return redirect("frameworks:indicator", code, item)
    context = {"framework": value.indicator.item.framework, "indicator": value.indicator, "form": form}
    return render(request, "frameworks/indicators/value_form.html", {**context, "value": value})


@login_required
@require_POST
def value_step(request: HttpRequest, code: str, item: str, year: int, step: str) -> HttpResponse:
    value = _get_value(request, code, item, year)
    chosen = services.STEPS.get(step)
    if chosen is None:
        raise Http404
    if not chosen.may(request.user, value):
        raise PermissionDenied
    form = StepForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.value_take_step(value=value, actor=request.user, step=step, comment=comment)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, str(chosen.done))
    return redirect("frameworks:indicator", code, item)


@login_required
@require_GET
def value_evidence(request: HttpRequest, code: str, item: str, year: int) -> FileResponse:
    """A value's evidence: for its owner and the RTP Secretariat, never from a public /media/ URL."""
    value = _get_value(request, code, item, year)
    if not permissions.can_view_evidence(request.user, value):
        raise PermissionDenied
    if not value.evidence:
        raise Http404
    try:
        handle = value.evidence.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=os.path.basename(value.evidence.name))
    response["Cache-Control"] = "private, no-store"
    return response


# --- the RTP Secretariat -------------------------------------------------------------------------


@login_required
@GET_POST
def indicator_edit(request: HttpRequest, code: str, item: str) -> HttpResponse:
    indicator = _get_indicator(code, item)
    if not permissions.can_edit_indicator(request.user):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=indicator.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(
                indicator=indicator,
                actor=request.user,
                data={name: form.cleaned_data[name] for name in IndicatorForm.Meta.fields},
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The indicator has been saved."))
            return redirect("frameworks:indicator", code, item)
    context = {"framework": indicator.item.framework, "indicator": indicator, "form": form}
    return render(request, "frameworks/indicators/indicator_form.html", context)


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    """Values submitted or accepted, waiting for the RTP Secretariat, oldest first."""
    if not permissions.can_review_values(request.user):
        raise PermissionDenied
    waiting = (
        IndicatorValue.objects.filter(state__in=[ValueState.SUBMITTED, ValueState.ACCEPTED])
        .select_related("indicator__item__framework", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    response = render(request, "frameworks/indicators/review.html", {"waiting": list(waiting)})
    response["Cache-Control"] = "private, no-store"
    return response
