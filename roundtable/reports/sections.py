"""What the reports add to other pages (imported by ReportsConfig.ready()):
- "My work": each of the user's groups' due reports in the open cycles, with the deadline (the secretariat
  starts or opens it there); the reports waiting for a chair's or co-chair's approval; for the RTP
  Secretariat, each open cycle's submissions to decide on and the groups that are late;
- the RTP Secretariat's overview: the open cycles' tracker in figures;
- a group's page: its published progress reports, and (for its members) this cycle's report and deadline.
Each is a fixed number of queries.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from roundtable.core.sections import dashboard_sections, group_sections, secretariat_sections
from roundtable.groups.roles import CHAIR, COCHAIR, managed_group_ids, roles_by_group

from . import permissions
from .models import Cycle, ProgressReport, ReportStatus
from .tracker import tracker_counts, tracker_rows
from .workflow import STEPS


def _open_cycles():
    return list(Cycle.objects.open().prefetch_related("groups").order_by("deadline", "code"))


def my_reports(request: HttpRequest) -> dict | None:
    user = request.user
    today = timezone.localdate()
    roles = roles_by_group(user)
    cycles = _open_cycles() if roles or permissions.can_view_tracker(user) else []
    secretariat_ids = managed_group_ids(user)
    due = []
    if secretariat_ids and cycles:
        reports = {
            (r.cycle_id, r.group_id): r
            for r in ProgressReport.objects.filter(cycle__in=cycles, group_id__in=secretariat_ids)
        }
        for cycle in cycles:
            for group in cycle.groups.all():
                if group.pk not in secretariat_ids:
                    continue
                report = reports.get((cycle.pk, group.pk))
                if report is not None:
                    report.cycle, report.group = cycle, group
                submitted = (
                    timezone.localdate(report.submitted_at) if report and report.submitted_at else None
                )
                due.append(
                    {
                        "cycle": cycle,
                        "group": group,
                        "report": report,
                        "days_late": cycle.days_late(submitted, today),
                        "can_start": report is None and permissions.can_start_report(user, cycle, group),
                    }
                )
    chair_ids = [gid for gid, r in roles.items() if r & {CHAIR, COCHAIR}]
    to_approve = []
    if chair_ids:
        approve = STEPS["chair_approve"]
        to_approve = [
            report
            for report in ProgressReport.objects.filter(group_id__in=chair_ids, status__in=approve.sources)
            .select_related("cycle", "group")
            .order_by("cycle__deadline", "group__order")
            if approve.role(user, report.group)
        ]
    overview = []
    if permissions.can_view_tracker(user):
        overview = [{"cycle": c, "counts": tracker_counts(tracker_rows(c, today))} for c in cycles]
    if not due and not to_approve and not overview:
        return None
    return {
        "template": "reports/_dashboard_section.html",
        "context": {"due": due, "to_approve": to_approve, "overview": overview},
    }


def rtp_overview(request: HttpRequest) -> dict | None:
    if not permissions.can_view_tracker(request.user):
        return None
    today = timezone.localdate()
    cycles = _open_cycles()
    return {
        "template": "reports/_secretariat_section.html",
        "context": {
            "overview": [{"cycle": c, "counts": tracker_counts(tracker_rows(c, today))} for c in cycles],
            "drafts": Cycle.objects.filter(status="draft").count(),
        },
    }


def group_reports(request: HttpRequest, group) -> dict | None:
    """Published reports for everyone; the open cycles' report for the group's members. Three queries."""
    if group.kind not in permissions.REPORTING_KINDS:
        return None
    user = request.user
    published = list(
        ProgressReport.objects.published()
        .filter(group=group)
        .select_related("cycle")
        .order_by("-cycle__held_on")
    )
    for report in published:
        report.group = group
    current = []
    if permissions.can_view_unpublished_of(user, group):
        cycles = list(Cycle.objects.open().filter(groups=group).order_by("deadline"))
        reports = {r.cycle_id: r for r in ProgressReport.objects.filter(group=group, cycle__in=cycles)}
        for cycle in cycles:
            report = reports.get(cycle.pk)
            if report is not None:
                report.cycle, report.group = cycle, group
            current.append(
                {
                    "cycle": cycle,
                    "report": report,
                    "days_late": report.days_late()
                    if report
                    else cycle.days_late(None, timezone.localdate()),
                    "can_start": report is None and permissions.can_start_report(user, cycle, group),
                }
            )
    if not published and not current:
        return None
    return {
        "template": "reports/_group_section.html",
        "context": {"published": published, "current": current, "accepted": ReportStatus.ACCEPTED},
    }


dashboard_sections.register(my_reports, order=30)
secretariat_sections.register(rtp_overview, order=30)
group_sections.register(group_reports, order=30)
