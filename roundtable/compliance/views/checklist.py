"""A group's checklist for a year, the records behind one of its obligations, and the hand ticks."""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roundtable.core.forms import add_service_error
from roundtable.core.services import Refused

from .. import permissions, services
from ..checklists import (
    build_scorecard,
    checklist_obligations,
    due_next,
    legend,
    rule_text,
    totals,
)
from ..forms import HandTickForm, read_year
from ..models import HandTick
from .access import checklist_group, group_obligation, require


def cell_url(group, obligation, year: int, *, public: bool = False) -> str:
    name = "compliance:public_cell" if public else "compliance:cell"
    return reverse(name, args=[year, group.code, obligation.code])


@login_required
def group_checklist(request: HttpRequest, code: str) -> HttpResponse:
    """Every obligation of the group's checklist for a year, ticked by the records, and what is due next."""
    group = checklist_group(code)
    require(permissions.can_view_checklist(request.user, group))
    year = read_year(request.GET.get("year"))
    obligations = checklist_obligations(year - 1, year, kinds=(group.kind,))
    card = build_scorecard(groups=[group], obligations=obligations, first_year=year - 1, last_year=year)
    cells = card.group_cells(group, year)
    # What the previous year left open (December's minutes, a co-chair term past its end) is due now too.
    still_open = [cell for cell in card.group_cells(group, year - 1) if any(i.is_open for i in cell.items)]
    summary = totals(cells)
    rows = [
        {
            "cell": cell,
            "rule": rule_text(cell.obligation),
            "url": cell_url(group, cell.obligation, year),
            "can_tick": permissions.can_tick(request.user, group, cell.obligation),
        }
        for cell in cells
    ]
    context = {
        "group": group,
        "year": year,
        "rows": rows,
        "due": due_next(cells + still_open, limit=8),
        "totals": summary,
        "summary": [(status, label, symbol, summary["counts"][status]) for status, label, symbol in legend()],
        "still_open": [(cell, cell_url(group, cell.obligation, year - 1)) for cell in still_open],
        "can_view_scorecard": permissions.can_view_scorecard(request.user),
    }
    return render(request, "compliance/group.html", context)


def _cell_page(request: HttpRequest, group, year: int, obligation_code: str, *, public: bool) -> HttpResponse:
    obligation = group_obligation(group, obligation_code, public=public)
    if not obligation.applies_in(year):
        raise Http404
    card = build_scorecard(
        groups=[group], obligations=[obligation], first_year=year, last_year=year, public=public
    )
    cell = card.cell(group, obligation, year)
    if cell is None:
        raise Http404
    can_tick = not public and permissions.can_tick(request.user, group, obligation)
    context = {
        "group": group,
        "obligation": obligation,
        "year": year,
        "cell": cell,
        "rule": rule_text(obligation),
        "public": public,
        "can_tick": can_tick,
        "checklist_url": None if public else reverse("compliance:group", args=[group.code]) + f"?year={year}",
        "scorecard_url": reverse("compliance:public" if public else "compliance:scorecard") + f"?year={year}",
        "show_scorecard_link": public or permissions.can_view_scorecard(request.user),
    }
    return render(request, "compliance/cell.html", context)


@login_required
def cell(request: HttpRequest, year: int, code: str, obligation: str) -> HttpResponse:
    """The records behind one cell of the scorecard (one obligation of a group in a year)."""
    group = checklist_group(code)
    require(permissions.can_view_checklist(request.user, group))
    return _cell_page(request, group, year, obligation, public=False)


def public_cell(request: HttpRequest, year: int, code: str, obligation: str) -> HttpResponse:
    """The public records behind one cell of the public scorecard."""
    if not permissions.can_view_public_scorecard(request.user):
        raise Http404
    return _cell_page(request, checklist_group(code), year, obligation, public=True)


@login_required
@require_http_methods(["GET", "POST"])
def tick(request: HttpRequest, code: str, year: int, obligation: str) -> HttpResponse:
    """Tick by hand one item of an obligation that no record proves: a date, a note, evidence."""
    group = checklist_group(code)
    ob = group_obligation(group, obligation)
    require(permissions.can_tick(request.user, group, ob))
    item_key = (request.POST.get("item") or request.GET.get("item") or "").strip()[:60]
    card = build_scorecard(groups=[group], obligations=[ob], first_year=year, last_year=year)
    the_cell = card.cell(group, ob, year)
    item = next((i for i in (the_cell.items if the_cell else []) if i.key == item_key and i.tickable), None)
    if item is None:
        raise Http404
    back = cell_url(group, ob, year)
    form = HandTickForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hand_tick_add(
                group=group,
                obligation=ob,
                year=year,
                item_key=item.key,
                actor=request.user,
                done_on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"],
                evidence=form.cleaned_data.get("evidence"),
                evidence_url=form.cleaned_data.get("evidence_url") or "",
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Ticked: “%(task)s”.") % {"task": ob.task})
            return redirect(back)
    context = {
        "group": group,
        "obligation": ob,
        "year": year,
        "item": item,
        "form": form,
        "back": back,
        "action": reverse("compliance:tick", args=[group.code, year, ob.code])
        + "?"
        + urlencode({"item": item.key}),
    }
    return render(request, "compliance/tick.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    tick_obj = get_object_or_404(HandTick.objects.select_related("group", "obligation__template"), pk=pk)
    require(permissions.can_withdraw_tick(request.user, tick_obj))
    back = cell_url(tick_obj.group, tick_obj.obligation, tick_obj.year)
    services.hand_tick_withdraw(tick=tick_obj, actor=request.user)
    messages.success(request, _("The tick was withdrawn: the item is open again."))
    return redirect(back)


@login_required
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """A hand tick's evidence: for those who see the group's checklist, never from a public /media/ URL."""
    tick_obj = get_object_or_404(HandTick.objects.select_related("group"), pk=pk)
    require(permissions.can_view_evidence(request.user, tick_obj))
    if not tick_obj.evidence:
        raise Http404
    try:
        handle = tick_obj.evidence.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(tick_obj.evidence.name))
