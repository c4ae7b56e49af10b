"""The RTP Secretariat's writes on a cycle: creating and editing it, its documents, opening it (each group's
report is then due, and its secretariat is told), reminding a late group, and publishing it with its
accepted reports."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.core.services import Conflict, changes_since, lock, model_update, require
from roundtable.groups.models import Group

from .. import notices
from ..models import (
    LIVE_STATUSES,
    Cycle,
    CycleDocument,
    CycleStatus,
    ProgressReport,
    ReportReminder,
    ReportStatus,
)
from .common import require_rtp
from .reports import report_take_step

CYCLE_FIELDS = [
    "code",
    "kind",
    "number",
    "year",
    "held_on",
    "venue",
    "theme_lo",
    "theme_en",
    "secretariat",
    "deadline",
    "groups",
    "meeting",
]


def default_groups():
    """The groups that report unless the RTP Secretariat says otherwise: every active SWG."""
    return Group.objects.active().swgs().order_by("order", "code")


@transaction.atomic
def cycle_create(*, actor, data: dict) -> Cycle:
    """A new cycle, in preparation (seen by the RTP Secretariat alone until it is opened)."""
    require_rtp(actor)
    groups = data.get("groups")
    cycle = Cycle(**{k: v for k, v in data.items() if k in CYCLE_FIELDS and k != "groups"})
    cycle.full_clean()
    cycle.save()
    # None: every SWG reports (the form's empty choice); an empty list: none (a meeting without reports).
    cycle.groups.set(default_groups() if groups is None else groups)
    return cycle


@transaction.atomic
def cycle_update(*, cycle: Cycle, actor, data: dict, revision: int) -> Cycle:
    require_rtp(actor)
    current = lock(cycle, None)
    if current.revision != revision:
        raise Conflict(changes_since(current, revision, CYCLE_FIELDS))
    if current.status != CycleStatus.DRAFT and "groups" in data:
        # Once the cycle is open, a group that already reports cannot be dropped from it.
        reporting = set(current.reports.values_list("group_id", flat=True))
        kept = {getattr(g, "pk", g) for g in data["groups"]}
        if reporting - kept:
            raise ValidationError(
                {"groups": _("A group that has started its report cannot be taken out of the cycle.")}
            )
    model_update(current, data, fields=CYCLE_FIELDS)
    return current


@transaction.atomic
def cycle_open(*, cycle: Cycle, actor, notify: bool = True) -> Cycle:
    """Open the cycle: each group that must report has its report due; its secretariat is told. (A meeting
    prepared without progress reports has no group that reports: it opens all the same, for its road map.)"""
    require_rtp(actor)
    current = lock(cycle, None)
    require(
        current.status == CycleStatus.DRAFT,
        _("The cycle is “%(status)s”: only a cycle in preparation can be opened.")
        % {"status": current.get_status_display()},
        code="wrong_state",
    )
    model_update(
        current, {"status": CycleStatus.OPEN, "opened_at": timezone.now()}, fields=["status", "opened_at"]
    )
    if notify:
        for group in current.groups.order_by("order", "code"):
            notices.report_due(current, group, actor=actor)
    return current


@transaction.atomic
def cycle_publish(*, cycle: Cycle, actor, notify: bool = True) -> Cycle:
    """Publish the cycle with the meeting: every accepted report is published with it (each through its
    own step), and the compiled report becomes public. Reports accepted later are published one by one."""
    require_rtp(actor)
    current = lock(cycle, None)
    require(
        current.status == CycleStatus.OPEN,
        _("The cycle is “%(status)s”: only an open cycle can be published.")
        % {"status": current.get_status_display()},
        code="wrong_state",
    )
    model_update(
        current,
        {"status": CycleStatus.PUBLISHED, "published_at": timezone.now()},
        fields=["status", "published_at"],
    )
    for report in current.reports.filter(status=ReportStatus.ACCEPTED).order_by(
        "group__order", "group__code"
    ):
        report_take_step(report=report, actor=actor, step="publish", notify=notify)
    return current


@transaction.atomic
def report_remind(*, cycle: Cycle, group: Group, actor, notify: bool = True) -> ReportReminder:
    """Remind the secretariat (and the chairs) of a group whose report has not reached the RTP Secretariat.
    `notify=False` records the reminder without sending it (the demo)."""
    require_rtp(actor)
    current = lock(cycle, None)
    require(current.is_open, _("Reminders are sent only while the cycle is open."), code="wrong_state")
    require(current.groups.filter(pk=group.pk).exists(), _("This group does not report in this cycle."))
    report = ProgressReport.objects.filter(cycle=current, group=group).first()
    require(
        report is None or report.status in LIVE_STATUSES,
        _("The group's report has reached the RTP Secretariat already."),
        code="wrong_state",
    )
    reminder = ReportReminder.objects.create(cycle=current, group=group, sent_by=actor)
    told = notices.reminder(current, group, reminder, report=report, actor=actor) if notify else []
    ReportReminder.objects.filter(pk=reminder.pk).update(recipients=len(told))
    reminder.recipients = len(told)
    return reminder


# --- documents -------------------------------------------------------------------------------------------


@transaction.atomic
def document_add(*, cycle: Cycle, actor, data: dict, upload) -> CycleDocument:
    """A document of the cycle (already checked by the form: core.uploads.validate_document)."""
    require_rtp(actor)
    document = CycleDocument(
        cycle=cycle,
        title=data["title"],
        kind=data["kind"],
        language=data.get("language", ""),
        milestone=data.get("milestone"),
        uploaded_by=actor,
    )
    document.file.save(upload.name.rsplit("/", 1)[-1], upload, save=False)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_remove(*, document: CycleDocument, actor) -> None:
    require_rtp(actor)
    name, storage = document.file.name, document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
