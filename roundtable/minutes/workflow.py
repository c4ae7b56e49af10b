"""The life of a language version of the minutes: draft → circulated for comments → approved by the chair
(or returned by the chair with comments) → sent to the RTP Secretariat → published, or returned with
comments (and circulated again). One step moves every language version that stands at it
(services.minutes_take_steps); a version may be held back on its own.

One table of steps, read by the service (services.minutes_take_step), the page's buttons and the tests:
where each step starts from, where it leads, who may take it, what it records, and what the person sees."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import permissions
from .models import MinutesStatus, MinutesVersion

S = MinutesStatus


@dataclass(frozen=True)
class Step:
    name: str
    label: Promise  # the button
    sources: frozenset
    target: str
    allowed: Callable  # (user, version, group) -> bool, from minutes.permissions
    refusal: Promise  # why the actor's role may not take it
    done: Promise  # shown once the step is taken
    records: tuple[str, ...] = ()  # timestamps set to the step's time
    clears: tuple[str, ...] = ()  # dates that no longer hold after the step
    title: Promise | None = None  # a heading above the button, when the step needs more than a click
    needs_date: bool = False  # circulation: the date until which comments are welcome
    needs_comment: bool = False
    waits_for_comments: bool = False  # not before the comments deadline, unless the actor says so
    notifies_attendees: bool = False  # each attendee with an email is told, after the commit
    publishes_meeting: bool = False  # published minutes make the meeting's information public
    style: str = ""


STEPS: dict[str, Step] = {
    s.name: s
    for s in [
        Step(
            "circulate", _("Circulate"), frozenset({S.DRAFT, S.RETURNED}), S.CIRCULATED,
            permissions.can_circulate, _("Only the group's secretariat can circulate the minutes."),
            _("The minutes are circulated to the attendees for comments."),
            title=_("Circulate to the attendees for comments"), needs_date=True, notifies_attendees=True,
        ),
        Step(
            "approve", _("Approve as chair"), frozenset({S.CIRCULATED}), S.CHAIR_APPROVED,
            permissions.can_approve, _("Only the chair or a co-chair of the group can approve the minutes."),
            _("The minutes are approved."), records=("chair_approved_at",), waits_for_comments=True,
        ),
        Step(
            "chair_return", _("Return to the secretariat"), frozenset({S.CIRCULATED}), S.RETURNED,
            permissions.can_approve, _("Only the chair or a co-chair of the group can return the minutes."),
            _("The minutes are returned to the group's secretariat."),
            title=_("Return with comments"), needs_comment=True, style="btn-danger",
        ),
        Step(
            "send", _("Send to the RTP Secretariat"), frozenset({S.CHAIR_APPROVED}), S.SENT,
            permissions.can_send,
            _("Only the group's secretariat can send the minutes to the RTP Secretariat."),
            # The guideline's deadlines count from this date.
            _("The minutes are sent to the RTP Secretariat."), records=("sent_to_rtp_at",),
        ),
        Step(
            "publish", _("Publish on the website"), frozenset({S.SENT}), S.PUBLISHED,
            permissions.can_publish, _("Only the RTP Secretariat can publish minutes."),
            _("The minutes are published on the website."), records=("published_at",),
            publishes_meeting=True,
        ),
        Step(
            "return", _("Return to the group's secretariat"), frozenset({S.SENT}), S.RETURNED,
            permissions.can_return, _("Only the RTP Secretariat can return minutes."),
            _("The minutes are returned to the group's secretariat."),
            # The chair's approval belongs to the text that was returned; the corrected text needs a new one.
            clears=("chair_approved_at",),
            title=_("Return with comments"), needs_comment=True, style="btn-danger",
        ),
    ]
}  # fmt: skip


def step_label(step: Step, user, group) -> Promise | str:
    """The button: a co-chair approves "as co-chair" (the step records who it was)."""
    roles = permissions.roles
    if (
        step.name == "approve"
        and not roles.is_group_chair(user, group)
        and roles.is_group_cochair(user, group)
    ):
        return _("Approve as co-chair")
    return step.label


def available_steps(user, version: MinutesVersion, group) -> list[Step]:
    """The steps this user may take on this version now (the page's buttons; the service checks again)."""
    return [s for s in STEPS.values() if version.status in s.sources and s.allowed(user, version, group)]


def allowed_steps(user, version: MinutesVersion, group) -> list[str]:
    """The names of the steps this user may take now (the dashboards count them)."""
    return [s.name for s in available_steps(user, version, group)]
