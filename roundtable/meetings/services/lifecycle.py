"""The life of a meeting: planned → scheduled → held, or postponed, or cancelled (for good).

One table of steps, read by the service, the state form and the tests: where each step starts from, where
it leads, who may take it, what it records and sends, and what the person sees (button, done-message)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from roundtable.core.services import Refused, lock, model_update, require

from .. import emails, permissions
from ..models import Meeting, MeetingState
from .schedule import invited

S = MeetingState


@dataclass(frozen=True)
class MeetingStep:
    name: str
    label: Promise  # the choice in the state form
    sources: frozenset
    target: str
    allowed: Callable  # (user, meeting) -> bool
    done: Promise  # shown once the step is taken
    needs_reason: bool = False  # the reason is recorded in state_reason and sent to the invitees
    email: str | None = None  # the calendar message the invitees get (emails.UPDATE, emails.CANCELLATION)


STEPS: dict[str, MeetingStep] = {
    s.name: s
    for s in [
        MeetingStep(
            "schedule", _("Scheduled"), frozenset({S.PLANNED, S.POSTPONED, S.HELD}), S.SCHEDULED,
            permissions.can_manage, _("The meeting is scheduled."), email=emails.UPDATE,
        ),
        MeetingStep(
            "hold", _("Held"), frozenset({S.PLANNED, S.SCHEDULED, S.POSTPONED}), S.HELD,
            permissions.can_manage, _("The meeting is marked as held."),
        ),
        MeetingStep(
            "postpone", _("Postponed"), frozenset({S.PLANNED, S.SCHEDULED}), S.POSTPONED,
            permissions.can_manage, _("The meeting is postponed."), needs_reason=True, email=emails.UPDATE,
        ),
        MeetingStep(
            "cancel", _("Cancelled"), frozenset({S.PLANNED, S.SCHEDULED, S.POSTPONED}), S.CANCELLED,
            permissions.can_manage, _("The meeting is cancelled."), needs_reason=True,
            email=emails.CANCELLATION,
        ),
    ]
}  # fmt: skip


def step_to(meeting: Meeting, state: str) -> MeetingStep | None:
    """The step that takes this meeting to `state` now (None: no step leads there from its state)."""
    return next((s for s in STEPS.values() if s.target == state and meeting.state in s.sources), None)


def available_steps(user, meeting: Meeting) -> list[MeetingStep]:
    """The steps this user may take now (for the state form; the service checks again): from the
    meeting's state, and "held" only once it has started."""
    return [
        s
        for s in STEPS.values()
        if meeting.state in s.sources
        and s.allowed(user, meeting)
        and not (s.target == S.HELD and meeting.start > timezone.now())
    ]


@transaction.atomic
def meeting_take_step(
    *, meeting: Meeting, actor, step: str, reason: str = "", notify: bool = True
) -> tuple[Meeting, int]:
    """Take one step of the meeting's life; returns the meeting and how many invitees were told.

    Cancelling sends METHOD:CANCEL of the same event to the invitees; postponing sends an update (the
    event becomes tentative, with the reason). Refused (nothing changed) when the actor may not, or the
    meeting is not in a state the step starts from; ValidationError when the reason is missing."""
    taken = STEPS.get(step)
    if taken is None:
        raise Refused(_("Unknown step."), code="unknown_step")
    require(
        taken.allowed(actor, meeting), _("Only the group's secretariat or the RTP Secretariat can do this.")
    )
    locked = lock(meeting, None)
    if locked.state not in taken.sources:
        raise Refused(
            _("A meeting that is “%(old)s” cannot become “%(new)s”.")
            % {"old": locked.get_state_display(), "new": MeetingState(taken.target).label},
            code="wrong_state",
        )
    if taken.target == S.HELD and locked.start > timezone.now():
        raise Refused(_("A meeting cannot be marked as held before it starts."), code="not_started")
    reason = (reason or "").strip()
    if taken.needs_reason and not reason:
        raise ValidationError({"reason": _("Say why the meeting is postponed or cancelled.")})
    data: dict = {"state": taken.target}
    if taken.needs_reason:
        data["state_reason"] = reason
    if taken.email:
        data["ical_sequence"] = locked.ical_sequence + 1
    model_update(locked, data, fields=["state", "state_reason", "ical_sequence"])
    sent = 0
    if taken.email and notify:
        recipients = list(invited(locked))
        transaction.on_commit(lambda: emails.send(locked, recipients, taken.email, actor=actor))
        sent = len(recipients)
    return locked, sent


def meeting_set_state(
    *, meeting: Meeting, actor, state: str, reason: str = "", notify: bool = True
) -> tuple[Meeting, int]:
    """Move the meeting to `state` by the step that leads there (the state form's entry point)."""
    current = Meeting.objects.get(pk=meeting.pk)
    step = step_to(current, state)
    if step is None:
        label = MeetingState(state).label if state in MeetingState.values else state
        raise Refused(
            _("A meeting that is “%(old)s” cannot become “%(new)s”.")
            % {"old": current.get_state_display(), "new": label},
            code="wrong_state",
        )
    return meeting_take_step(meeting=current, actor=actor, step=step.name, reason=reason, notify=notify)
