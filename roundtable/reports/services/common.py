"""What the report services share: the text fields, and the guards every write passes through (the actor's
role, the report's state, a row lock on the report). Refusals and stale saves raise core's `Refused` and
`Conflict` (roundtable.core.services), like every other app's services."""

from __future__ import annotations

from django.utils.translation import gettext as _

from roundtable.core.services import require

from .. import permissions
from ..models import ProgressReport

TEXT_FIELDS = [
    "overview_lo",
    "overview_en",
    "challenges_lo",
    "challenges_en",
    "messages_lo",
    "messages_en",
    "next_priorities_lo",
    "next_priorities_en",
]
PRIORITY_FIELDS = ["status", "reason_lo", "reason_en", "narrative_lo", "narrative_en"]
FOLLOW_UP_FIELDS = ["status", "text_lo", "text_en"]
NOTE_FIELDS = ["text_lo", "text_en"]


def locked_report(report: ProgressReport) -> ProgressReport:
    """The report, row-locked for the transaction (so that an edit and a step are serialised), with its
    cycle and group."""
    return ProgressReport.objects.select_for_update().select_related("cycle", "group").get(pk=report.pk)


def require_role(allowed: bool) -> None:
    require(allowed, _("You may not do this with this progress report."))


def require_editable(actor, report: ProgressReport) -> None:
    """The actor is the group's secretariat and the report is in its hands (else Refused: "not_allowed"
    or "wrong_state")."""
    require_role(permissions.may_write_reports_of(actor, report.group))
    require(
        report.is_editable,
        _("The report is “%(status)s”: it can be changed only as a draft or when returned.")
        % {"status": report.get_status_display()},
        code="wrong_state",
    )


def require_rtp(actor) -> None:
    require(permissions.can_manage_cycles(actor), _("Only the RTP Secretariat can do this."))
