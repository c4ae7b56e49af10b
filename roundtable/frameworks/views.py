"""Pages of the results frameworks: the public list and trees, and the RTP Secretariat's editing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from roundtable.core.forms import add_service_error
from roundtable.core.history import history_for
from roundtable.core.pagination import paginate
from roundtable.core.services import Refused

from . import services
from .forms import FrameworkForm, FrameworkItemAddForm, FrameworkItemForm
from .indicator_models import Indicator
from .models import Framework, FrameworkItem
from .permissions import can_edit_frameworks

GET_POST = require_http_methods(["GET", "POST"])


# --- access helpers ----------------------------------------------------------------------------


def _get_framework(code: str) -> Framework:
    """Any framework by code (frameworks are public); 404 when there is none."""
    return get_object_or_404(Framework, code=code)


def _get_framework_for_editor(request: HttpRequest, code: str) -> Framework:
    framework = _get_framework(code)
    if not can_edit_frameworks(request.user):
        raise PermissionDenied
    return framework


def _get_item_for_editor(request: HttpRequest, code: str, pk: int) -> FrameworkItem:
    framework = _get_framework_for_editor(request, code)
    return get_object_or_404(
        FrameworkItem.objects.select_related("framework", "parent"), framework=framework, pk=pk
    )


# --- public pages --------------------------------------------------------------------------------


def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = Framework.objects.annotate(item_count=Count("items")).order_by("kind", "-start_year", "code")
    return render(
        request,
        "frameworks/list.html",
        {"page": paginate(request, frameworks), "can_edit": can_edit_frameworks(request.user)},
    )


@dataclass
class Node:
    item: FrameworkItem
    children: list[Node] = field(default_factory=list)
    groups: list = field(default_factory=list)  # groups.Group: that app sits above this one


def _linked_groups(framework: Framework) -> dict[int, list]:
    """{item id: active groups that link to it as an NSEDP outcome or an SDG}, in two queries."""
    links: dict[int, list] = defaultdict(list)
    # Reached through the reverse relations: the groups app links to frameworks, not the other way round.
    for through in (FrameworkItem.groups_as_outcome.through, FrameworkItem.groups_as_sdg.through):
        rows = (
            through.objects.filter(frameworkitem__framework=framework, group__is_active=True)
            .select_related("group")
            .order_by("group__order", "group__code")
        )
        for row in rows:
            links[row.frameworkitem_id].append(row.group)
    return links


def build_tree(items: list[FrameworkItem], links: dict[int, list] | None = None) -> list[Node]:
    """Nest items (already sorted) under their parents; an item whose parent is missing stays on top."""
    links = links or {}
    nodes = {item.pk: Node(item, groups=links.get(item.pk, [])) for item in items}
    roots = []
    for item in items:
        parent = nodes.get(item.parent_id)
        (parent.children if parent else roots).append(nodes[item.pk])
    return roots


# A framework of more items than this is shown one top-level branch at a time (`?part=<code>`): the SDGs'
# 417 goals, targets and indicators made a 296 KB page, too heavy on a slow link.
BRANCH_PAGE_ITEMS = 150


def _size(node: Node) -> int:
    """How many items are below this node."""
    return sum(1 + _size(child) for child in node.children)


def framework_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The framework's tree (outcomes → outputs → indicators, goals → targets → indicators) in a fixed
    number of queries, whatever its size: one for the items, two for the links from groups.

    A large framework lists its top-level items, each with how many items it holds, and shows the whole
    branch of the one chosen (`?part=<code>`)."""
    framework = _get_framework(code)
    items = list(framework.items.order_by("sort_key"))
    tree = build_tree(items, _linked_groups(framework))
    branches = [(node, _size(node)) for node in tree] if len(items) > BRANCH_PAGE_ITEMS else []
    part = None
    if branches:
        chosen = (request.GET.get("part") or "").strip()
        part = next((node for node in tree if node.item.code == chosen), None)
        tree = [part] if part is not None else []
    context = {
        "framework": framework,
        "tree": tree,
        "branches": branches,
        "part": part,
        "item_count": len(items),
        "illustrative_count": sum(1 for item in items if item.illustrative),
        # Its monitored indicators have a public page of their own (indicator_views.monitoring).
        "has_indicators": Indicator.objects.filter(item__framework=framework).exists(),
        "can_edit": can_edit_frameworks(request.user),
        "history": history_for(request.user, framework),
    }
    return render(request, "frameworks/detail.html", context)


# --- editing by the RTP Secretariat --------------------------------------------------------------


@login_required
@GET_POST
def framework_edit(request: HttpRequest, code: str) -> HttpResponse:
    framework = _get_framework_for_editor(request, code)
    form = FrameworkForm(request.POST or None, instance=Framework.objects.get(pk=framework.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.framework_update(
                framework=framework,
                actor=request.user,
                data={name: form.cleaned_data[name] for name in FrameworkForm.Meta.fields},
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The framework has been saved."))
            return redirect(framework)
    return render(request, "frameworks/framework_form.html", {"framework": framework, "form": form})


@login_required
@GET_POST
def item_add(request: HttpRequest, code: str) -> HttpResponse:
    framework = _get_framework_for_editor(request, code)
    initial = {}
    # "Add below" links give the parent's id; anything else typed there (`?parent=²`) adds at the top level.
    parent_pk = request.GET.get("parent", "").strip()
    if parent_pk.isascii() and parent_pk.isdigit() and len(parent_pk) <= 18:
        parent = FrameworkItem.objects.filter(framework=framework, pk=int(parent_pk)).first()
        if parent is not None:
            initial = {"parent": parent, "code": f"{parent.code}.", "level": _child_level(parent)}
    form = FrameworkItemAddForm(request.POST or None, framework=framework, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.item_create(
                framework=framework,
                actor=request.user,
                parent=data["parent"],
                level=data["level"],
                code=data["code"],
                title_lo=data["title_lo"],
                title_en=data["title_en"],
                short_lo=data["short_lo"],
                short_en=data["short_en"],
                illustrative=data["illustrative"],
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Item %(code)s has been added.") % {"code": item.code})
            return redirect(item)
    return render(request, "frameworks/item_form.html", {"framework": framework, "form": form, "item": None})


def _child_level(parent: FrameworkItem) -> str:
    """The usual level below `parent`: outcome → output, goal → target, anything else → indicator."""
    return {"outcome": "output", "goal": "target"}.get(parent.level, "indicator")


@login_required
@GET_POST
def item_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    item = _get_item_for_editor(request, code, pk)
    # The form works on its own copy, so that a rejected code does not leak into the page's links.
    form = FrameworkItemForm(request.POST or None, instance=FrameworkItem.objects.get(pk=item.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(
                item=item,
                actor=request.user,
                data={name: form.cleaned_data[name] for name in FrameworkItemForm.Meta.fields},
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Item %(code)s has been saved.") % {"code": item.code})
            return redirect(item)
    context = {
        "framework": item.framework,
        "form": form,
        "item": item,
        "history": history_for(request.user, item),
    }
    return render(request, "frameworks/item_form.html", context)


@login_required
@GET_POST
def item_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    item = _get_item_for_editor(request, code, pk)
    framework = item.framework
    if request.method == "POST":
        try:
            count = services.item_delete(item=item, actor=request.user)
        except Refused as refused:
            messages.error(request, refused.message)
            return redirect(item)
        messages.success(
            request, ngettext("%(count)d item removed.", "%(count)d items removed.", count) % {"count": count}
        )
        return redirect(framework)
    context = {"framework": framework, "item": item, "below": services.item_descendant_count(item)}
    return render(request, "frameworks/item_delete.html", context)
