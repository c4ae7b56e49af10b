"""The public home page, a logged-in user's "My work" page and the RTP Secretariat's overview."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.core import permissions
from roundtable.core.pagination import paginate
from roundtable.core.sections import dashboard_sections, home_sections, secretariat_sections
from roundtable.directory import permissions as directory_permissions
from roundtable.directory.models import Membership
from roundtable.groups import permissions as group_permissions
from roundtable.groups.models import ChairRole, ChairTerm, Group, GroupKind
from roundtable.groups.roles import CHAIR, COCHAIR, MEMBER, SECRETARIAT, roles_by_group
from roundtable.groups.views import stakeholders_url
from roundtable.meetings.models import Meeting
from roundtable.minutes.models import Minutes, MinutesStatus
from roundtable.workplans.models import WorkPlan

ROLE_LABELS = {
    CHAIR: _("Chair"),
    COCHAIR: _("Co-chair"),
    SECRETARIAT: _("Secretariat"),
    MEMBER: _("Member"),
}
ROLE_ORDER = list(ROLE_LABELS)


HOME_LIST_LENGTH = 5


def home(request: HttpRequest) -> HttpResponse:
    """What is happening, the same for every visitor (public data only): the next public meetings, the
    latest published minutes and work plans, and the groups. A fixed number of queries (one per list),
    whatever the amount of data."""
    groups = list(
        Group.objects.active().filter(kind__in=[GroupKind.SWG, GroupKind.FORUM]).order_by("order", "code")
    )
    meetings = list(
        Meeting.objects.published()
        .upcoming()
        .select_related("group")
        .order_by("start", "pk")[:HOME_LIST_LENGTH]
    )
    published = Q(versions__status=MinutesStatus.PUBLISHED)
    minutes = list(
        Minutes.objects.published()
        .annotate(last_published=Max("versions__published_at", filter=published))
        .select_related("meeting", "meeting__group")
        .order_by("-last_published", "-pk")[:HOME_LIST_LENGTH]
    )
    plans = list(
        WorkPlan.objects.published()
        .select_related("group")
        .order_by("-published_at", "-pk")[:HOME_LIST_LENGTH]
    )
    context = {
        "meetings": meetings,
        "minutes_list": minutes,
        "plans": plans,
        "swgs": [g for g in groups if g.kind == GroupKind.SWG],
        "forums": [g for g in groups if g.kind == GroupKind.FORUM],
        "sections": home_sections.build(request),
    }
    return render(request, "website/home.html", context)


def site_map(request: HttpRequest) -> HttpResponse:
    """The site map for people: the site's sections, and each active group with its public pages (one
    query). Crawlers read /sitemap.xml."""
    sections = [
        (reverse("groups:list"), _("Groups"), _("Forums and Sector Working Groups, with who chairs them")),
        (reverse("meetings:calendar"), _("Calendar"), _("Public meetings by month")),
        (reverse("meetings:list"), _("Meetings"), _("Public meetings of every group")),
        (reverse("minutes:public_list"), _("Minutes"), _("Published minutes of every group")),
        (reverse("workplans:public_list"), _("Work plans"), _("Published annual work plans")),
        (
            reverse("directory:organisations"),
            _("Organisations"),
            _("Ministries and development partners taking part"),
        ),
        (
            reverse("reports:cycles"),
            _("Round Table meetings"),
            _("The Round Table meetings and their reports"),
        ),
        (reverse("compliance:public"), _("Scorecard"), _("How each group meets the guideline")),
        (reverse("frameworks:list"), _("Frameworks"), _("The NSEDP, the SDGs and the Vientiane Declaration")),
        (reverse("aid:overview"), _("Aid data"), _("Development assistance by sector and partner")),
        (reverse("search:search"), _("Search"), _("Search the whole site")),
        (reverse("opendata:index"), _("Open data and API"), _("The site's public data, for programs")),
    ]
    tree: list[tuple[Group, list[Group]]] = []
    children: dict[int, list[Group]] = {}
    for group in Group.objects.active().in_tree_order():
        if group.parent_id is None:
            children[group.pk] = []
            tree.append((group, children[group.pk]))
        elif group.parent_id in children:  # a sub-SWG of an inactive SWG has no branch to hang from
            children[group.parent_id].append(group)
    return render(request, "website/site_map.html", {"site_sections": sections, "tree": tree})


@dataclass
class MyGroup:
    group: Group
    roles: list[str]
    links: list[tuple[str, str]] = field(default_factory=list)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The user's groups with their roles, and where to act in each: the active ones (a retired group's
    page is for the RTP Secretariat only, and nothing is due in it)."""
    user = request.user
    roles = roles_by_group(user)
    groups = (
        Group.objects.active()
        .filter(pk__in=roles)
        .select_related("parent", "lead_ministry")
        .with_current_chairs()
        .in_tree_order()
    )
    my_groups = []
    for group in groups:
        # Permission answers for a handful of the user's own groups: no queries, roles are cached on the user.
        links = [(group.get_absolute_url(), _("Group page"))]
        if directory_permissions.can_view_stakeholders(user, group):
            links.append((stakeholders_url(group), _("Stakeholder list")))
        if group_permissions.can_edit_group_profile(user, group):
            links.append((reverse("groups:edit", args=[group.code]), _("Edit the profile")))
        labels = [ROLE_LABELS[r] for r in ROLE_ORDER if r in roles.get(group.pk, ())]
        my_groups.append(MyGroup(group=group, roles=labels, links=links))
    context = {
        "my_groups": my_groups,
        "person": permissions.person_of(user),
        "is_rtp": permissions.is_rtp_secretariat(user),
        "sections": dashboard_sections.build(request),
    }
    return render(request, "website/dashboard.html", context)


@login_required
def secretariat(request: HttpRequest) -> HttpResponse:
    """Every group with its chairs, rotation flags and counts: the RTP Secretariat's overview."""
    if not permissions.is_rtp_secretariat(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    # The directory's own rule of a current membership, as a subquery of the same single query.
    current_members = Q(memberships__in=Membership.objects.current(today).values("pk"))
    groups = (
        Group.objects.select_related("parent", "lead_ministry")
        .with_current_chairs()
        .annotate(
            member_count=Count("memberships", filter=current_members, distinct=True),
            tor_count=Count("tor_documents", distinct=True),
        )
        .in_tree_order()
    )
    page = paginate(request, groups, per_page=100)
    rotation_due = list(
        ChairTerm.objects.rotation_due(today)
        .filter(group__is_active=True)  # a group being wound down needs no rotation
        .select_related("group", "organisation", "person")
        .order_by("planned_end", "group__code")
    )
    by_kind = dict(Group.objects.active().values_list("kind").annotate(n=Count("pk")).order_by())
    current = ChairTerm.objects.current(today)
    active = Group.objects.active()
    counts = {
        "forums": by_kind.get(GroupKind.FORUM, 0),
        "swgs": by_kind.get(GroupKind.SWG, 0),
        "subswgs": by_kind.get(GroupKind.SUBSWG, 0),
        "without_chair": active.exclude(
            pk__in=current.filter(role=ChairRole.CHAIR).values("group_id")
        ).count(),
        "without_cochair": active.exclude(
            pk__in=current.filter(role=ChairRole.COCHAIR).values("group_id")
        ).count(),
        "rotation_due": len(rotation_due),
    }
    context = {
        "page_obj": page,
        "rotation_due": rotation_due,
        "counts": counts,
        "sections": secretariat_sections.build(request),
    }
    return render(request, "website/secretariat.html", context)
