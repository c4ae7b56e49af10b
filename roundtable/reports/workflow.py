"""The life of a progress report: draft → with the chair → approved by the chair (or a co-chair) → submitted
to the RTP Secretariat → accepted → published with the cycle, or returned with comments at the chair's or
the RTP Secretariat's step.

One table of steps, read by the service (`services.report_take_step`), the page's buttons, the
notifications and the tests: where each step starts from, where it leads, who may take it, what it
records, who is told next, and what the person sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from roundtable.groups import recipients

from . import permissions
from .models import ReportStatus

S = ReportStatus

# Who is told once a step is taken (groups.recipients): the next actor.
CHAIRS, SECRETARIAT, RTP = recipients.CHAIRS, recipients.SECRETARIAT, recipients.RTP


@dataclass(frozen=True)
class Step:
    name: str
    label: Promise  # the button
    sources: frozenset
    target: str
    role: Callable  # (user, group) -> bool, from reports.permissions
    refusal: Promise  # why the actor's role may not take it
    done: Promise  # the message once it is taken
    notifies: tuple[str, ...]  # who is told: CHAIRS, SECRETARIAT, RTP
    cochair_label: Promise | None = None  # the button a co-chair sees
    records: tuple[str, ...] = ()  # timestamps set to the step's time
    records_once: tuple[str, ...] = ()  # set the first time only (lateness counts from the first submission)
    clears: tuple[str, ...] = ()  # dates that no longer hold after the step
    needs_comment: bool = False
    checks_content: bool = False  # refused while services.report_problems() finds something
    freezes_facts: bool = False  # the platform's numbers are kept as they are now
    thaws_facts: bool = False  # the numbers are computed again from the records
    snapshot: bool = False  # a numbered version is kept
    needs_published_cycle: bool = False
    confirm: Promise | None = None  # asked before the step (it cannot be undone by the one who takes it)
    style: str = ""


STEPS: dict[str, Step] = {
    s.name: s
    for s in [
        Step(
            "send", _("Send to the chair"), frozenset({S.DRAFT, S.RETURNED}), S.WITH_CHAIR,
            permissions.role_may_send, _("Only the group's secretariat can send its report to the chair."),
            _("The report is sent to the chair and the co-chairs."), (CHAIRS,), checks_content=True,
        ),
        Step(
            "chair_approve", _("Approve (chair)"), frozenset({S.WITH_CHAIR}), S.CHAIR_APPROVED,
            permissions.role_may_decide_as_chair,
            _("Only the group's chair or a co-chair can approve its report."),
            _("The report is approved: the secretariat can submit it."), (SECRETARIAT,),
            cochair_label=_("Approve (co-chair)"), records=("chair_approved_at",),
        ),
        Step(
            "chair_return", _("Return with comments"), frozenset({S.WITH_CHAIR}), S.RETURNED,
            permissions.role_may_decide_as_chair,
            _("Only the group's chair or a co-chair can return its report."),
            _("The report is returned to the secretariat."), (SECRETARIAT,),
            cochair_label=_("Return with comments (co-chair)"), needs_comment=True, style="btn-secondary",
        ),
        Step(
            "submit", _("Submit to the RTP Secretariat"), frozenset({S.CHAIR_APPROVED}), S.SUBMITTED,
            permissions.role_may_send,
            _("Only the group's secretariat can submit its report to the RTP Secretariat."),
            _("The report is submitted to the RTP Secretariat; its facts are frozen."), (RTP,),
            records_once=("submitted_at",), checks_content=True, freezes_facts=True, snapshot=True,
            confirm=_(
                "Once submitted, the report and its facts are frozen as they are now: nobody can change "
                "them unless the RTP Secretariat returns the report."
            ),
        ),
        Step(
            "accept", _("Accept"), frozenset({S.SUBMITTED}), S.ACCEPTED,
            permissions.role_may_decide_as_rtp, _("Only the RTP Secretariat can accept a report."),
            _("The report is accepted: it is published with the cycle."), (SECRETARIAT, CHAIRS),
            records=("accepted_at",),
        ),
        Step(
            "return", _("Return with comments"), frozenset({S.SUBMITTED}), S.RETURNED,
            permissions.role_may_decide_as_rtp, _("Only the RTP Secretariat can return a submitted report."),
            _("The report is returned to the group's secretariat."), (SECRETARIAT,),
            # The chair's approval belongs to the text that was returned; the corrected text needs a new one.
            clears=("chair_approved_at",), needs_comment=True, thaws_facts=True, style="btn-danger",
        ),
        Step(
            "publish", _("Publish"), frozenset({S.ACCEPTED}), S.PUBLISHED,
            permissions.role_may_decide_as_rtp, _("Only the RTP Secretariat can publish a report."),
            _("The report is published on the website."), (SECRETARIAT, CHAIRS),
            records=("published_at",), needs_published_cycle=True,
        ),
    ]
}  # fmt: skip


@dataclass(frozen=True)
class Button:
    step: Step
    label: str


def label_for(step: Step, user, group) -> Promise:
    """The button's words for this user: a co-chair's say co-chair."""
    if step.cochair_label is not None and permissions.chair_role_of(user, group) == "cochair":
        return step.cochair_label
    return step.label


def available_steps(user, report) -> list[Button]:
    """The steps this user may take on the report now (the page's buttons; the service checks again)."""
    group = report.group
    buttons = []
    for step in STEPS.values():
        if report.status not in step.sources or not step.role(user, group):
            continue
        if step.needs_published_cycle and not report.cycle.is_published:
            continue
        buttons.append(Button(step, str(label_for(step, user, group))))
    return buttons


def may_take_step(user, report, name: str) -> bool:
    step = STEPS.get(name)
    return step is not None and report.status in step.sources and step.role(user, report.group)
