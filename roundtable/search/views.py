"""The search page: `/lo/search/?q=` and `/en/search/?q=`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from roundtable.core.i18n import current_lang
from roundtable.core.pagination import paginate
from roundtable.groups.models import Group
from roundtable.groups.permissions import can_view_group

from .forms import SearchForm
from .query import Scope, search

PER_PAGE = 20


def search_page(request: HttpRequest) -> HttpResponse:
    """Results the visitor may find (the public: public records; a member: also their groups' own), with a
    snippet in the page's language, filters and pages. A fixed number of queries, whatever the index holds."""
    groups = [g for g in Group.objects.in_tree_order() if can_view_group(request.user, g)]
    form = SearchForm(request.GET or None, groups=groups)
    page_obj, query, capped = None, "", False
    if form.is_bound:
        form.is_valid()  # an invalid filter is left out (and said); the rest still searches
        data = form.cleaned_data
        query = data.get("q") or ""
        if query.strip():
            kind = data.get("type")
            results = search(
                query,
                scope=Scope.for_user(request.user),
                lang=current_lang(),
                kinds=[kind] if kind else None,
                group_ids=form.group_ids(),
                year=data.get("year"),
            )
            page_obj = paginate(request, results, PER_PAGE)
            capped = results.capped
    return render(
        request,
        "search/search.html",
        {"form": form, "page_obj": page_obj, "query": query, "capped": capped},
    )
