"""Every write to minutes and action points: views, the API, commands and the demo call these.

They follow roundtable.core.services: the `actor` whose permission each checks (minutes.permissions),
plain data, `Refused` for a step that may not be taken (a refused step changes nothing), `Conflict` for a
save from a stale editor. The life of a language version is the STEPS table of minutes.workflow, taken by
`minutes_take_step`, which records a MinutesStep (who, when, from, to, comment). Editing the content is in
minutes.editing (re-exported here).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from roundtable.core.services import Conflict, Refused, model_update, require
from roundtable.meetings.models import Meeting

from . import emails, permissions
from .editing import (
    language_name,
    locked_languages,
    minutes_add_language,
    minutes_conflict,
    minutes_item_add,
    minutes_item_save,
    minutes_start,
)
from .models import (
    ActionPoint,
    ActionPointUpdate,
    ActionStatus,
    MinutesComment,
    MinutesStep,
    MinutesVersion,
)
from .workflow import STEPS, Step, allowed_steps, available_steps

__all__ = [
    "STEPS",
    "Conflict",
    "Refused",
    "Step",
    "action_point_update_status",
    "allowed_steps",
    "available_steps",
    "language_name",
    "locked_languages",
    "minutes_add_language",
    "minutes_approve",
    "minutes_chair_return",
    "minutes_circulate",
    "minutes_comment_add",
    "minutes_conflict",
    "minutes_item_add",
    "minutes_item_save",
    "minutes_publish",
    "minutes_return",
    "minutes_send",
    "minutes_signed_pdf_attach",
    "minutes_start",
    "minutes_take_step",
    "minutes_take_steps",
    "versions_at_step",
    "default_comments_until",
    "earliest_comments_until",
    "take_step",
]


# --- the life of a language version --------------------------------------------------------------


def versions_at_step(minutes, step: str) -> list[MinutesVersion]:
    """The language versions of these minutes that stand where `step` starts (the ones it would move)."""
    taken = STEPS.get(step)
    if taken is None:
        return []
    return [v for v in minutes.versions.all() if v.status in taken.sources]


def earliest_comments_until(meeting) -> date:
    """The first day a circulation's comments deadline may fall on: after the meeting, and not past."""
    from datetime import timedelta

    return max(timezone.localdate(meeting.end or meeting.start) + timedelta(days=1), timezone.localdate())


def default_comments_until(meeting) -> date:
    """The deadline offered for every language: a week after the meeting, or a week from today."""
    from datetime import timedelta

    return max(
        timezone.localdate(meeting.end or meeting.start) + timedelta(days=7),
        timezone.localdate() + timedelta(days=7),
    )


@transaction.atomic
def minutes_take_steps(
    *,
    minutes,
    actor,
    step: str,
    languages=None,
    hold_back=(),
    comment: str = "",
    comments_until: date | None = None,
    early: bool = False,
    at: datetime | None = None,
    notify: bool = True,
) -> list[MinutesVersion]:
    """Take one step of STEPS on every language version that stands at it, in one transaction.

    `languages`: only these (None: all); `hold_back`: languages left where they are. Each version is
    checked (role, status, date) as minutes_take_step does; one refusal changes nothing. After the
    commit the next actors are told once (notices.step_taken) and, for a circulation, each attendee
    receives one email listing the circulated versions (one job). `early`: the approver says so before
    the comments deadline. `notify=False`: no email (the demo)."""
    taken = STEPS.get(step)
    if taken is None:
        raise Refused(_("Unknown step."), code="unknown_step")
    now = at or timezone.now()
    rows = (
        MinutesVersion.objects.select_for_update()
        .select_related("minutes__meeting__group")
        .filter(minutes_id=minutes.pk)
        .order_by("language")
    )
    held = set(hold_back)
    chosen = [v for v in rows if (languages is None or v.language in languages) and v.language not in held]
    if languages is None:
        chosen = [v for v in chosen if v.status in taken.sources]
    if not chosen:
        raise Refused(
            _("No language version stands at this step (or every one is held back)."), code="no_version"
        )
    moved = [
        _take_one(v, taken, actor, comment=comment, comments_until=comments_until, early=early, now=now)
        for v in chosen
    ]
    if taken.publishes_meeting:
        _make_meeting_public(minutes.meeting_id)
    if notify:
        from . import notices

        told = notices.step_taken(moved, step, actor=actor, comment=(comment or "").strip())
        if taken.notifies_attendees:
            # The chairs are told by their notice (with the link to approve); the actor needs no email.
            skip = sorted({n.recipient_id for n in told} | {actor.pk})
            ids = [v.pk for v in moved]
            transaction.on_commit(
                lambda: emails.send_circulation_emails(ids, skip_user_ids=skip, actor=actor)
            )
    return moved


def minutes_take_step(
    *,
    version: MinutesVersion,
    actor,
    step: str,
    comment: str = "",
    comments_until: date | None = None,
    early: bool = False,
    at: datetime | None = None,
    notify: bool = True,
) -> MinutesVersion:
    """Take one step of STEPS on one language version (minutes_take_steps limited to its language).
    Refused, with a message a person can act on, changes nothing."""
    if step not in STEPS:
        raise Refused(_("Unknown step."), code="unknown_step")
    (moved,) = minutes_take_steps(
        minutes=version.minutes,
        actor=actor,
        step=step,
        languages=[version.language],
        comment=comment,
        comments_until=comments_until,
        early=early,
        at=at,
        notify=notify,
    )
    return moved


def _take_one(
    locked: MinutesVersion, taken: Step, actor, *, comment: str, comments_until, early: bool, now
) -> MinutesVersion:
    """One version, locked: check the actor's role, the status and the dates; set, record, log."""
    group = locked.minutes.meeting.group
    require(taken.allowed(actor, locked, group), str(taken.refusal))  # in the actor's language, now
    if locked.status not in taken.sources:
        raise Refused(
            _("The %(language)s version is “%(status)s”: this step is not possible now.")
            % {"language": language_name(locked.language), "status": locked.get_status_display()},
            code="wrong_state",
        )
    comment = (comment or "").strip()
    if taken.needs_comment and not comment:
        raise Refused(_("Say why the minutes are returned: a comment is required."), code="needs_comment")
    if (
        taken.waits_for_comments
        and not early
        and locked.comments_until
        and timezone.localdate(now) <= locked.comments_until
    ):
        raise Refused(
            _(
                "Comments on the %(language)s version are welcome until %(date)s: approve before then "
                "only if you say so (tick the box)."
            )
            % {
                "language": language_name(locked.language),
                "date": formats.date_format(locked.comments_until, "DATE_FORMAT"),
            },
            code="before_comments_until",
        )
    data: dict = {"status": taken.target}
    if taken.needs_date:
        if comments_until is None:
            raise Refused(_("Give the date until which comments are welcome."), code="needs_date")
        if comments_until < timezone.localdate(now):
            raise Refused(_("The date for comments cannot be in the past."), code="past_date")
        meeting = locked.minutes.meeting
        if comments_until <= timezone.localdate(meeting.end or meeting.start):
            raise Refused(_("The date for comments must fall after the meeting."), code="before_meeting")
        data["comments_until"] = comments_until
    data.update(dict.fromkeys(taken.records, now))
    data.update(dict.fromkeys(taken.clears))
    from_status = locked.status
    model_update(locked, data, fields=["status", "comments_until", *taken.records, *taken.clears])
    MinutesStep.objects.create(
        version=locked, from_status=from_status, to_status=taken.target, actor=actor, comment=comment, at=now
    )
    return locked


def _make_meeting_public(meeting_id: int) -> None:
    """Published minutes show the meeting's header to everyone, so the meeting cannot stay internal: it is
    marked public too (a new revision, recorded in its history: an edit form opened before, with "public"
    unticked, must not undo this), and its page, feed entry and API record appear."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    model_update(meeting, {"is_public": True}, fields=["is_public"])


def take_step(
    step_name: str,
    *,
    version: MinutesVersion,
    actor,
    comment: str = "",
    comments_until: date | None = None,
    early: bool = False,
) -> MinutesVersion:
    """One version by step name (kept for callers): minutes_take_step."""
    return minutes_take_step(
        version=version,
        actor=actor,
        step=step_name,
        comment=comment,
        comments_until=comments_until,
        early=early,
    )


def minutes_circulate(
    *, version: MinutesVersion, actor, comments_until: date, comment: str = ""
) -> MinutesVersion:
    """Circulate a version to the attendees for comments until a date; each attendee with an email is told."""
    return minutes_take_step(
        version=version, actor=actor, step="circulate", comment=comment, comments_until=comments_until
    )


def minutes_approve(
    *, version: MinutesVersion, actor, comment: str = "", early: bool = False
) -> MinutesVersion:
    return minutes_take_step(version=version, actor=actor, step="approve", comment=comment, early=early)


def minutes_chair_return(*, version: MinutesVersion, actor, comment: str) -> MinutesVersion:
    """Back to the group's secretariat with the chair's comments (required)."""
    return minutes_take_step(version=version, actor=actor, step="chair_return", comment=comment)


def minutes_send(*, version: MinutesVersion, actor, comment: str = "") -> MinutesVersion:
    """Send to the RTP Secretariat; the date is recorded: the guideline's deadlines count from it."""
    return minutes_take_step(version=version, actor=actor, step="send", comment=comment)


def minutes_publish(*, version: MinutesVersion, actor, comment: str = "") -> MinutesVersion:
    """Publish on the website; the meeting's public information (title, date, venue, agenda) goes with it."""
    return minutes_take_step(version=version, actor=actor, step="publish", comment=comment)


def minutes_return(*, version: MinutesVersion, actor, comment: str) -> MinutesVersion:
    """Back to the group's secretariat with the RTP Secretariat's comments (required)."""
    return minutes_take_step(version=version, actor=actor, step="return", comment=comment)


# --- comments and the signed PDF -----------------------------------------------------------------


@transaction.atomic
def minutes_comment_add(*, version: MinutesVersion, actor, text: str) -> MinutesComment:
    """A comment by a member of the group or an attendee (with a login) while the version is circulated."""
    meeting = version.minutes.meeting
    # The attendees are read here, not taken from the caller: the service is the last check.
    require(
        permissions.can_comment(actor, version, meeting.group, permissions.attendee_user_ids(meeting)),
        _(
            "Comments are open only to the group's members and the attendees, "
            "while the minutes are circulated."
        ),
    )
    comment = MinutesComment(version=version, author=actor, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def minutes_signed_pdf_attach(*, version: MinutesVersion, actor, upload) -> MinutesVersion:
    """Attach the signed PDF (already checked by forms.SignedPdfForm / core.uploads.validate_document).

    A replaced file leaves the storage only once the new one is committed."""
    group = version.minutes.meeting.group
    require(
        permissions.can_upload_signed_pdf(actor, version, group),
        _("Only the group's secretariat can attach the signed PDF, once the chair has approved the minutes."),
    )
    old = version.signed_pdf.name if version.signed_pdf else ""
    storage = version.signed_pdf.storage
    version.signed_pdf.save(
        f"minutes-{version.minutes.meeting_id}-{version.language}-signed.pdf", upload, save=False
    )
    version.full_clean()
    version.save()
    if old and old != version.signed_pdf.name:
        transaction.on_commit(lambda: storage.delete(old))
    return version


# --- action points -------------------------------------------------------------------------------


@transaction.atomic
def action_point_update_status(
    *, action_point: ActionPoint, actor, status: str, note: str = ""
) -> ActionPointUpdate:
    require(
        permissions.can_update_action_point(actor, action_point),
        _("Only the group's secretariat or the responsible person can update this action point."),
    )
    if status not in ActionStatus.values:
        raise ValidationError(_("Unknown status."))
    model_update(action_point, {"status": status}, fields=["status"])
    update = ActionPointUpdate(action_point=action_point, status=status, note=(note or "").strip(), by=actor)
    update.full_clean()
    update.save()
    return update
