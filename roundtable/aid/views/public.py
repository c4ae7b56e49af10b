"""The public aid pages: all sectors side by side, a group's aid, a partner's, the activities, the unmapped
bucket and the mapping. IATI data is public; projects of the national ODA database show only to those who
may see them (`permissions.can_view_oda_projects`), in the figures as in the lists."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from roundtable.core.htmx import render_page_or_partial
from roundtable.core.pagination import paginate
from roundtable.directory.models import Organisation
from roundtable.groups.models import Group
from roundtable.workplans import permissions as workplan_permissions

from .. import charts, figures, permissions
from ..codelists import DAC_VOCABULARIES, dac_name
from ..forms import FilterForm
from ..models import (
    Activity,
    ActivitySector,
    PriorityLink,
    SectorMapping,
    effective_budgets,
)
from ..provinces import province_choices
from .access import chosen_currency, chosen_year, get_activity, get_group, officer_links

PER_PAGE = 25


def _base(request: HttpRequest, **extra) -> dict:
    return {
        "currency": chosen_currency(request),
        "year": chosen_year(request),
        **officer_links(request.user),
        **extra,
    }


def _order(activities, currency: str):
    return activities.order_by(
        F("committed").desc(nulls_last=True), F("disbursed").desc(nulls_last=True), "pk"
    )


def overview(request: HttpRequest) -> HttpResponse:
    """Every SWG side by side (with its sub-SWGs), the unmapped bucket, with a chart."""
    context = _base(request)
    currency, year = context["currency"], context["year"]
    swgs = list(Group.objects.active().swgs().prefetch_related("children").order_by("order", "code"))
    data = figures.overview(request.user, currency, year, swgs)
    counted = sum((r["committed"] for r in data.rows), Decimal(0)) + data.unmapped["committed"]
    counted_d = sum((r["disbursed"] for r in data.rows), Decimal(0)) + data.unmapped["disbursed"]
    other = {"committed": data.total["committed"] - counted, "disbursed": data.total["disbursed"] - counted_d}
    chart_rows = [
        {"label": r["group"].name, "committed": r["committed"], "disbursed": r["disbursed"]}
        for r in data.rows
    ]
    chart_rows.append(
        {"label": str(_unmapped_label()), **{k: data.unmapped[k] for k in ("committed", "disbursed")}}
    )
    context.update(
        rows=data.rows,
        unmapped=data.unmapped,
        other=other if other["committed"] or other["disbursed"] else None,
        total=data.total,
        without_rate=data.without_rate,
        chart=charts.group_bars(chart_rows),
        available_years=figures.years_of(figures.visible_shares(request.user)),
        activity_count=Activity.objects.visible_to(request.user).count(),
    )
    return render(request, "aid/overview.html", context)


def _unmapped_label():
    from django.utils.translation import gettext_lazy as _

    return _("Not mapped to a group")


def group_aid(request: HttpRequest, code: str) -> HttpResponse:
    """A group's funding by year and by partner, the activities behind it, the share of those activities
    that is unmapped, and the work-plan priorities they fund."""
    group = get_group(request, code)
    context = _base(request, group=group)
    currency, year = context["currency"], context["year"]
    scope = figures.group_scope(group)
    shares = figures.visible_shares(request.user).filter(group__in=scope)
    in_year = shares.filter(transaction__date__year=year) if year else shares
    years = figures.by_year(shares, currency)
    form = FilterForm(request.GET or None)
    activities = figures.activities_for(request.user, scope, currency, year=year, text=form.value("q") or "")
    page = paginate(request, _order(activities, currency), PER_PAGE)
    these = shares.values("activity")
    unmapped = figures.totals(
        figures.visible_shares(request.user)
        .filter(group__isnull=True, activity__in=these)
        .filter(**({"transaction__date__year": year} if year else {})),
        currency,
    )
    context.update(
        totals=figures.totals(in_year, currency),
        years_rows=years,
        chart=charts.year_bars(years),
        partners=figures.by_partner(in_year, currency),
        unmapped_of_these=unmapped,
        without_rate=figures.without_rate(in_year, currency),
        page_obj=page,
        form=form,
        available_years=[r["year"] for r in reversed(years)],
        links=_priority_links(request, scope),
        can_link=permissions.can_link_priorities(request.user, group),
        subgroups=list(group.children.filter(is_active=True).order_by("order", "code")),
    )
    return render_page_or_partial(request, "aid/group.html", context, partial="aid/_activity_table.html")


def _priority_links(request: HttpRequest, scope: list[int]) -> list[dict]:
    """The priorities of the group's plans that the visitor may see, each with its funding activities."""
    links = (
        PriorityLink.objects.filter(priority__workplan__group__in=scope)
        .select_related("priority__workplan__group", "activity")
        .order_by("-priority__workplan__year", "priority__order", "activity__title_en")
    )
    visible = Activity.objects.visible_to(request.user)
    visible_ids = set(visible.filter(priority_links__in=links).values_list("pk", flat=True))
    by_priority: dict[int, dict] = {}
    for link in links:
        plan = link.priority.workplan
        if (
            not workplan_permissions.can_view_workplan(request.user, plan)
            or link.activity_id not in visible_ids
        ):
            continue
        entry = by_priority.setdefault(
            link.priority_id, {"priority": link.priority, "plan": plan, "activities": []}
        )
        entry["activities"].append(link.activity)
    return list(by_priority.values())


def partner_aid(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner's activities and funding, by year and by group."""
    organisation = get_object_or_404(Organisation, pk=pk)
    context = _base(request, organisation=organisation)
    currency, year = context["currency"], context["year"]
    shares = figures.visible_shares(request.user).filter(activity__organisation=organisation)
    in_year = shares.filter(transaction__date__year=year) if year else shares
    years = figures.by_year(shares, currency)
    exact = figures.by_group(in_year, currency)
    groups = Group.objects.in_bulk([g for g in exact if g is not None])
    group_rows = sorted(
        ({**row, "group": groups.get(g)} for g, row in exact.items()),
        key=lambda r: (r["group"] is None, -(r["committed"] + r["disbursed"])),
    )
    activities = (
        Activity.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .annotate(**figures.sums(currency, prefix="shares__"))
    )
    if year:
        activities = activities.filter(transactions__date__year=year).distinct()
    context.update(
        totals=figures.totals(in_year, currency),
        years_rows=years,
        chart=charts.year_bars(years),
        group_rows=group_rows,
        page_obj=paginate(request, _order(activities, currency), PER_PAGE),
        available_years=[r["year"] for r in reversed(years)],
        without_rate=figures.without_rate(in_year, currency),
    )
    return render_page_or_partial(request, "aid/partner.html", context, partial="aid/_activity_table.html")


def activity_list(request: HttpRequest) -> HttpResponse:
    """Every visible activity, with a search and filters (group, partner, province, year)."""
    context = _base(request)
    form = FilterForm(request.GET or None)
    activities = Activity.objects.visible_to(request.user).select_related("organisation")
    activities = activities.search(form.value("q") or "")
    group_code = request.GET.get("group") or ""
    group = (
        Group.objects.filter(code=group_code, kind__in=permissions.FUNDED_KINDS).first()
        if group_code
        else None
    )
    if group is not None:
        activities = activities.filter(shares__group__in=figures.group_scope(group))
    province = request.GET.get("province") or ""
    if province:
        activities = activities.filter(locations__province=province)
    if context["year"]:
        activities = activities.filter(transactions__date__year=context["year"])
    activities = activities.distinct().annotate(**figures.sums(context["currency"], prefix="shares__"))
    page = paginate(request, _order(activities, context["currency"]), PER_PAGE)
    context.update(
        page_obj=page,
        form=form,
        groups=Group.objects.active()
        .filter(kind__in=permissions.FUNDED_KINDS)
        .select_related("parent")
        .in_tree_order(),
        group=group,
        province=province,
        provinces=province_choices(),
    )
    return render_page_or_partial(request, "aid/activities.html", context, partial="aid/_activity_table.html")


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity(request, pk)
    currency = chosen_currency(request)
    shares = figures.visible_shares(request.user).filter(activity=activity)
    exact = figures.by_group(shares, currency)
    groups = Group.objects.in_bulk([g for g in exact if g is not None])
    links = [
        link
        for link in PriorityLink.objects.filter(activity=activity).select_related("priority__workplan__group")
        if workplan_permissions.can_view_workplan(request.user, link.priority.workplan)
    ]
    related = activity.extras.get("related-activity", [])
    known = dict(
        Activity.objects.visible_to(request.user)
        .filter(identifier__in=[r.get("ref", "") for r in related])
        .values_list("identifier", "pk")
    )
    context = {
        **_base(request),
        "activity": activity,
        "participants": list(activity.participants.select_related("organisation")),
        "sectors": list(activity.sectors.all()),
        "locations": list(activity.locations.all()),
        "budgets": effective_budgets(list(activity.budgets.all())),
        "transactions": list(activity.transactions.all()),
        "group_rows": sorted(
            ({**row, "group": groups.get(g)} for g, row in exact.items()), key=lambda r: r["group"] is None
        ),
        "totals": figures.totals(shares, currency),
        "versions": list(activity.versions.select_related("source_file")[:10]),
        "links": links,
        "documents": activity.extras.get("document-link", []),
        "related": [{**r, "pk": known.get(r.get("ref", ""))} for r in related],
        "policy_markers": activity.extras.get("policy-marker", []),
        "other_identifiers": activity.extras.get("other-identifier", []),
        "kept_elements": sorted(activity.extras),
    }
    return render(request, "aid/activity.html", context)


def unmapped(request: HttpRequest) -> HttpResponse:
    """The unmapped bucket: its activities, and the DAC codes in use that no mapping covers."""
    context = _base(request)
    currency = context["currency"]
    shares = figures.visible_shares(request.user).filter(group__isnull=True)
    activities = figures.activities_for(request.user, None, currency)
    mapped = set(SectorMapping.objects.values_list("code", flat=True))
    in_use = (
        ActivitySector.objects.filter(
            vocabulary__in=DAC_VOCABULARIES, activity__in=Activity.objects.visible_to(request.user)
        )
        .values("code")
        .annotate(activities=Count("activity", distinct=True))
        .order_by("-activities", "code")
    )
    codes = [
        {"code": row["code"], "name": dac_name(row["code"]), "activities": row["activities"]}
        for row in in_use
        if row["code"] not in mapped and row["code"][:3] not in mapped
    ]
    context.update(
        totals=figures.totals(shares, currency),
        all_totals=figures.totals(figures.visible_shares(request.user), currency),
        page_obj=paginate(request, _order(activities, currency), PER_PAGE),
        codes=codes,
    )
    return render_page_or_partial(request, "aid/unmapped.html", context, partial="aid/_activity_table.html")


def mapping(request: HttpRequest) -> HttpResponse:
    """The mapping of DAC codes to groups, readable by all (the figures depend on it)."""
    rows = SectorMapping.objects.select_related("group", "group__parent").order_by("code", "-percentage")
    by_code: dict[str, list] = defaultdict(list)
    for row in rows:
        by_code[row.code].append(row)
    entries = [
        {
            "code": code,
            "name": dac_name(code),
            "rows": parts,
            "unmapped": Decimal(100) - sum((p.percentage for p in parts), Decimal(0)),
        }
        for code, parts in sorted(by_code.items())
    ]
    return render(request, "aid/mapping.html", {**_base(request), "entries": entries})
