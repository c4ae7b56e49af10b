"""The life of a plan: draft → with the chair → chair-approved → submitted → approved → published, or
returned with comments. Each step records who, when and the comment; some keep a version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.core.services import Conflict, Refused, changes_since, model_update, require

from .. import permissions
from ..models import WorkPlan, WorkPlanStatus, WorkPlanStep
from .common import HEADER_FIELDS, locked_plan, require_role
from .snapshots import version_create

S = WorkPlanStatus


def workplan_problems(plan: WorkPlan) -> list[str]:
    """Why the plan cannot go to the chair or the RTP Secretariat yet (empty when it can).

    The guideline asks for alignment with the NSEDP: at least one priority, each linked to an NSEDP output."""
    problems = []
    priorities = list(plan.priorities.prefetch_related("nsedp_outputs"))
    if not priorities:
        problems.append(_("Add at least one priority."))
    for priority in priorities:
        if not priority.nsedp_outputs.all():
            problems.append(
                _("The priority “%(title)s” is linked to no NSEDP output.") % {"title": priority.title or "?"}
            )
    return problems


@dataclass(frozen=True)
class Action:
    name: str
    label: Promise
    sources: frozenset
    target: str
    role: Callable  # (user, group) -> bool
    needs_comment: bool = False
    checks_content: bool = False
    snapshot: bool = False
    style: str = ""
    # A step that does two at once (the RTP Secretariat approves and publishes in one action) passes
    # through this status: both steps are recorded, the people are told once, of where it arrived.
    through: str = ""
    notice: str = ""  # the message sent (default: the step's own)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action(
            "send", gettext_lazy("Send to the chair"), frozenset({S.DRAFT, S.RETURNED}), S.WITH_CHAIR,
            permissions.role_may_send, checks_content=True,
        ),
        Action(
            "chair_approve", gettext_lazy("Approve (chair)"), frozenset({S.WITH_CHAIR}), S.CHAIR_APPROVED,
            permissions.role_may_decide_as_chair,
        ),
        Action(
            "chair_return", gettext_lazy("Return with comments"), frozenset({S.WITH_CHAIR}), S.RETURNED,
            permissions.role_may_decide_as_chair, needs_comment=True, style="btn-secondary",
        ),
        Action(
            "submit", gettext_lazy("Submit to the RTP Secretariat"),
            frozenset({S.CHAIR_APPROVED}), S.SUBMITTED,
            permissions.role_may_send, checks_content=True, snapshot=True,
        ),
        Action(
            "approve", gettext_lazy("Approve"), frozenset({S.SUBMITTED}), S.APPROVED,
            permissions.role_may_decide_as_rtp, snapshot=True,
        ),
        Action(
            "return", gettext_lazy("Return with comments"), frozenset({S.SUBMITTED}), S.RETURNED,
            permissions.role_may_decide_as_rtp, needs_comment=True, style="btn-secondary",
        ),
        Action(
            "publish", gettext_lazy("Publish"), frozenset({S.APPROVED}), S.PUBLISHED,
            permissions.role_may_decide_as_rtp, snapshot=True,
        ),
        Action(
            "approve_publish", gettext_lazy("Approve and publish"), frozenset({S.SUBMITTED}), S.PUBLISHED,
            permissions.role_may_decide_as_rtp, snapshot=True, through=S.APPROVED, notice="publish",
        ),
    ]
}  # fmt: skip


def available_actions(user, plan: WorkPlan) -> list[Action]:
    """The steps this user may take now (for the buttons; the service checks again)."""
    return [a for a in ACTIONS.values() if plan.status in a.sources and a.role(user, plan.group)]


def may_take_step(user, plan: WorkPlan, action: str) -> bool:
    act = ACTIONS.get(action)
    return act is not None and plan.status in act.sources and act.role(user, plan.group)


STEP_FIELDS = ["status", "submitted_at", "published_at"]


@transaction.atomic
def workplan_take_step(
    *,
    plan: WorkPlan,
    actor,
    action: str,
    comment: str = "",
    revision: int | None = None,
    notify: bool = True,
) -> WorkPlan:
    """Move the plan one step along its life, recording who, when and the comment.

    Refusals change nothing: Refused ("not_allowed") when the actor's role may not take this step at all,
    Refused ("wrong_state", "not_ready") when it cannot be taken now (another status, content not ready),
    Conflict when the plan changed since the page the actor decided on (`revision`), ValidationError on
    the comment when the step needs one. The people whose turn it now is are told (`notices`), after the
    commit; `notify=False` tells nobody (the demo)."""
    act = ACTIONS.get(action)
    if act is None:
        raise Refused(_("Unknown step."), code="unknown_step")
    current = locked_plan(plan)
    require_role(act.role(actor, current.group))
    require(
        current.status in act.sources,
        _("This step is not possible now: the plan is “%(status)s”.")
        % {"status": current.get_status_display()},
        code="wrong_state",
    )
    if revision is not None and revision != current.revision:
        raise Conflict(
            changes_since(current, revision, HEADER_FIELDS + ["status"]),
            _("The plan changed since you opened it. Look at it again before you decide."),
        )
    comment = (comment or "").strip()
    if act.needs_comment and not comment:
        raise ValidationError({"comment": _("Write what needs to change.")})
    if act.checks_content:
        problems = workplan_problems(current)
        require(not problems, " ".join(problems), code="not_ready")
    from_status = current.status
    now = timezone.now()
    changes = {"status": act.target, "published_at": now if act.target == S.PUBLISHED else None}
    if act.target == S.SUBMITTED and current.submitted_at is None:
        changes["submitted_at"] = now
    model_update(current, changes, fields=STEP_FIELDS)
    if act.through:
        WorkPlanStep.objects.create(
            workplan=current, from_status=from_status, to_status=act.through, actor=actor, comment=comment
        )
        from_status, comment_of_last = act.through, ""
    else:
        comment_of_last = comment
    WorkPlanStep.objects.create(
        workplan=current, from_status=from_status, to_status=act.target, actor=actor, comment=comment_of_last
    )
    if act.snapshot:
        version_create(plan=current, actor=actor)
    if notify:
        from .. import notices

        notices.step_taken(current, act.notice or act.name, actor=actor, comment=comment)
    return current
