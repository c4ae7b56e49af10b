"""Every write to minutes and action points: views, the API, commands and the demo call these.

Each step of a language version's life checks the actor's role (minutes.permissions) and the current
status inside the transaction, records a MinutesStep (who, when, from, to, comment), and raises
StepRefused with a message a person can act on; a refused step changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.core.i18n import localized
from roundtable.meetings.models import AgendaItemKind, Meeting, MeetingState

from . import emails, permissions
from .models import (
    ActionPoint,
    ActionPointUpdate,
    ActionStatus,
    Minutes,
    MinutesComment,
    MinutesEdit,
    MinutesItem,
    MinutesStatus,
    MinutesStep,
    MinutesVersion,
)


class StepRefused(Exception):
    """A step the actor may not take, or not now. Its message is shown to the user as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleMinutes(Exception):
    """The form was built from an older revision: someone saved in between."""

    def __init__(self, current_revision: int, edits: list[MinutesEdit]):
        super().__init__("stale revision")
        self.current_revision = current_revision
        self.edits = edits


def language_name(lang: str) -> str:
    return _("Lao") if lang == "lo" else _("English")


# --- starting and editing ------------------------------------------------------------------------


def locked_languages(minutes: Minutes) -> set[str]:
    """Languages whose version is past circulation (approved, sent, published): their text is frozen."""
    return {v.language for v in minutes.versions.all() if not permissions.is_language_editable(v)}


@transaction.atomic
def minutes_start(*, meeting: Meeting, languages: Iterable[str], actor) -> Minutes:
    """Create the minutes of a held meeting, one item per agenda item, and a draft per language."""
    if not permissions.can_start_minutes(actor, meeting.group):
        raise StepRefused(_("Only the group's secretariat can start the minutes."))
    if Minutes.objects.filter(meeting=meeting).exists():
        raise StepRefused(_("The minutes of this meeting have already been started."))
    if meeting.state == MeetingState.CANCELLED or (
        meeting.state != MeetingState.HELD and meeting.start > timezone.now()
    ):
        raise StepRefused(_("Minutes can be written only for a meeting that has taken place."))
    languages = [lang for lang, _name in settings.LANGUAGES if lang in set(languages)]
    if not languages:
        raise StepRefused(_("Choose at least one language."))

    minutes = Minutes(meeting=meeting)
    minutes.full_clean()
    minutes.save()
    for lang in languages:
        MinutesVersion.objects.create(minutes=minutes, language=lang)

    previous_open = list(
        ActionPoint.objects.open()
        .filter(group=meeting.group, item__minutes__meeting__start__lt=meeting.start)
        .order_by("due_date", "id")
    )
    for order, agenda_item in enumerate(meeting.agenda_items.order_by("order", "id"), start=1):
        item = MinutesItem(minutes=minutes, agenda_item=agenda_item, order=order)
        item.title_lo, item.title_en = agenda_item.title_lo, agenda_item.title_en
        if agenda_item.kind == AgendaItemKind.ACTION_REVIEW and previous_open:
            # A starting point for the review: the open action points, to be completed by the secretariat.
            item.discussion_lo = "\n".join(f"- {a.what_lo}" for a in previous_open if a.what_lo)
            item.discussion_en = "\n".join(f"- {a.what_en}" for a in previous_open if a.what_en)
        item.full_clean()
        item.save()
    return minutes


@transaction.atomic
def minutes_add_language(*, minutes: Minutes, language: str, actor) -> MinutesVersion:
    if not permissions.can_edit_minutes(actor, minutes.meeting.group):
        raise StepRefused(_("Only the group's secretariat can edit the minutes."))
    if language not in dict(settings.LANGUAGES):
        raise StepRefused(_("Unknown language."))
    if minutes.versions.filter(language=language).exists():
        raise StepRefused(_("This language version exists already."))
    version = MinutesVersion(minutes=minutes, language=language)
    version.full_clean()
    version.save()
    return version


def _save_rows(formset, numbered_in, **fields) -> None:
    """Delete a row formset's deleted rows and save its changed ones with `fields` set.

    `numbered_in`: the related manager a new row is numbered at the end of (None: rows have no order).
    """
    for form in formset.forms:
        if form in formset.deleted_forms:
            if form.instance.pk:
                form.instance.delete()
        elif form.has_changed():
            row = form.save(commit=False)
            for name, value in fields.items():
                setattr(row, name, value)
            if numbered_in is not None and not row.pk:
                row.order = numbered_in.count() + 1
            row.full_clean()
            row.save()


def _claim_revision(minutes: Minutes, revision: int, actor, changes: list[dict]) -> None:
    """Compare-and-swap on Minutes.revision: only one of two concurrent saves from the same revision wins."""
    claimed = Minutes.objects.filter(pk=minutes.pk, revision=revision).update(
        revision=F("revision") + 1, updated_at=timezone.now()
    )
    if not claimed:
        current = Minutes.objects.get(pk=minutes.pk).revision
        edits = list(minutes.edits.filter(revision__gt=revision).select_related("by"))
        raise StaleMinutes(current, edits)
    minutes.revision = revision + 1
    MinutesEdit.objects.create(minutes=minutes, revision=minutes.revision, by=actor, changes=changes)


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 300 else text[:297] + "…"


def _form_changes(form, where: str, label: str | None = None) -> list[dict]:
    changes = []
    for name in form.changed_data:
        if name in ("DELETE", "revision", "id"):
            continue
        old = form.initial.get(name)
        if hasattr(form.fields[name], "queryset") and old is not None:
            old = form.fields[name].queryset.model.objects.filter(pk=old).first()
        changes.append(
            {
                "where": where,
                "field": f"{label}: {form.fields[name].label}" if label else str(form.fields[name].label),
                "old": _short(old),
                "new": _short(form.cleaned_data.get(name)),
            }
        )
    return changes


def _guard_locked_delete(instance, field: str, locked: set[str]) -> None:
    for lang in locked:
        if (getattr(instance, f"{field}_{lang}", "") or "").strip():
            raise StepRefused(
                _("This row has text in the %(language)s version, which is approved: it cannot be deleted.")
                % {"language": language_name(lang)}
            )


@transaction.atomic
def minutes_item_save(
    *, minutes: Minutes, item: MinutesItem, revision: int, actor, item_form, decision_formset, action_formset
) -> None:
    """Save one item's discussion, decisions and action points, if the form's revision is current.

    Raises StaleMinutes (nothing saved) when someone else saved since the form was loaded.
    """
    group = minutes.meeting.group
    if not permissions.can_edit_minutes(actor, group):
        raise StepRefused(_("Only the group's secretariat can edit the minutes."))
    locked = locked_languages(minutes)
    if len(locked) == minutes.versions.count():
        raise StepRefused(_("Every language version is approved: the minutes can no longer be changed."))
    where = localized(item, "title") or str(item.order)
    changes = _form_changes(item_form, where)
    for formset, label, field in (
        (decision_formset, _("Decision"), "text"),
        (action_formset, _("Action point"), "what"),
    ):
        for form in formset.forms:
            if form in formset.deleted_forms:
                if form.instance.pk:
                    _guard_locked_delete(form.instance, field, locked)
                    changes.append(
                        {
                            "where": where,
                            "field": f"{label}: {_('deleted')}",
                            "old": _short(localized(form.instance, field)),
                            "new": "",
                        }
                    )
            elif form.has_changed():
                changes.extend(_form_changes(form, where, str(label)))

    _claim_revision(minutes, revision, actor, changes)

    saved_item = item_form.save(commit=False)
    saved_item.full_clean()
    saved_item.save()
    _save_rows(decision_formset, saved_item.decisions, item=saved_item)
    _save_rows(action_formset, None, item=saved_item, group=group)


@transaction.atomic
def minutes_item_add(*, minutes: Minutes, revision: int, actor, title_lo: str, title_en: str) -> MinutesItem:
    """An item that was not on the agenda (e.g. any other business)."""
    if not permissions.can_edit_minutes(actor, minutes.meeting.group):
        raise StepRefused(_("Only the group's secretariat can edit the minutes."))
    _claim_revision(
        minutes,
        revision,
        actor,
        [
            {
                "where": title_lo or title_en,
                "field": _("New agenda item"),
                "old": "",
                "new": title_lo or title_en,
            }
        ],
    )
    last = minutes.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = MinutesItem(minutes=minutes, order=last + 1, title_lo=title_lo.strip(), title_en=title_en.strip())
    item.full_clean()
    item.save()
    return item


# --- the life of a language version --------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    name: str
    to_status: str
    from_statuses: tuple[str, ...]


STEPS = {
    "circulate": Step("circulate", MinutesStatus.CIRCULATED, (MinutesStatus.DRAFT, MinutesStatus.RETURNED)),
    "approve": Step("approve", MinutesStatus.CHAIR_APPROVED, (MinutesStatus.CIRCULATED,)),
    "send": Step("send", MinutesStatus.SENT, (MinutesStatus.CHAIR_APPROVED,)),
    "publish": Step("publish", MinutesStatus.PUBLISHED, (MinutesStatus.SENT,)),
    "return": Step("return", MinutesStatus.RETURNED, (MinutesStatus.SENT,)),
}


def _role_message(step: str) -> str:
    return {
        "circulate": _("Only the group's secretariat can circulate the minutes."),
        "approve": _("Only the chair or a co-chair of the group can approve the minutes."),
        "send": _("Only the group's secretariat can send the minutes to the RTP Secretariat."),
        "publish": _("Only the RTP Secretariat can publish minutes."),
        "return": _("Only the RTP Secretariat can return minutes."),
    }[step]


_ALLOWED = {
    "circulate": permissions.can_circulate,
    "approve": permissions.can_approve,
    "send": permissions.can_send,
    "publish": permissions.can_publish,
    "return": permissions.can_return,
}


def allowed_steps(user, version: MinutesVersion, group) -> list[str]:
    """The steps this user could take on this version now (for the page's buttons)."""
    return [
        name
        for name, step in STEPS.items()
        if version.status in step.from_statuses and _ALLOWED[name](user, version, group)
    ]


def _take_step(version: MinutesVersion, step_name: str, actor, comment: str = "", **fields) -> MinutesVersion:
    step = STEPS[step_name]
    locked = (
        MinutesVersion.objects.select_for_update()
        .select_related("minutes__meeting__group")
        .get(pk=version.pk)
    )
    group = locked.minutes.meeting.group
    if not _ALLOWED[step_name](actor, locked, group):
        raise StepRefused(_role_message(step_name))
    if locked.status not in step.from_statuses:
        raise StepRefused(
            _("The %(language)s version is “%(status)s”: this step is not possible now.")
            % {"language": language_name(locked.language), "status": locked.get_status_display()}
        )
    from_status = locked.status
    locked.status = step.to_status
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    MinutesStep.objects.create(
        version=locked, from_status=from_status, to_status=step.to_status, actor=actor, comment=comment
    )
    return locked


@transaction.atomic
def minutes_circulate(
    *, version: MinutesVersion, actor, comments_until: date, comment: str = ""
) -> MinutesVersion:
    """Circulate a version to the attendees for comments until a date; each attendee with an email is told."""
    if comments_until < timezone.localdate():
        raise StepRefused(_("The date for comments cannot be in the past."))
    version = _take_step(version, "circulate", actor, comment, comments_until=comments_until)
    transaction.on_commit(lambda: emails.send_circulation_emails(version, actor=actor))
    return version


@transaction.atomic
def minutes_approve(*, version: MinutesVersion, actor, comment: str = "") -> MinutesVersion:
    return _take_step(version, "approve", actor, comment, chair_approved_at=timezone.now())


@transaction.atomic
def minutes_send(*, version: MinutesVersion, actor, comment: str = "") -> MinutesVersion:
    """Send to the RTP Secretariat; the date is recorded: the guideline's deadlines count from it."""
    return _take_step(version, "send", actor, comment, sent_to_rtp_at=timezone.now())


@transaction.atomic
def minutes_publish(*, version: MinutesVersion, actor, comment: str = "") -> MinutesVersion:
    """Publish on the website. The meeting's public information (title, date, venue, agenda) goes with it.

    Published minutes show the meeting's header to everyone, so the meeting cannot stay internal: it is
    marked public too (recorded in its history), and its page, feed entry and API record appear.
    """
    version = _take_step(version, "publish", actor, comment, published_at=timezone.now())
    meeting = Meeting.objects.select_for_update().get(pk=version.minutes.meeting_id)
    if not meeting.is_public:
        meeting.is_public = True
        # A new revision: an edit form opened before (with "public" unticked) must not undo this.
        meeting.revision += 1
        meeting.save(update_fields=["is_public", "revision", "updated_at"])
    return version


@transaction.atomic
def minutes_return(*, version: MinutesVersion, actor, comment: str) -> MinutesVersion:
    """Back to the group's secretariat with the RTP Secretariat's comments (required)."""
    if not (comment or "").strip():
        raise StepRefused(_("Say why the minutes are returned: a comment is required."))
    # The chair's approval belongs to the text that was returned; the corrected text needs a new one.
    return _take_step(version, "return", actor, comment, chair_approved_at=None)


def take_step(
    step_name: str, *, version: MinutesVersion, actor, comment: str = "", comments_until: date | None = None
):
    """Dispatch a step by name (the views' single entry point)."""
    if step_name == "circulate":
        if comments_until is None:
            raise StepRefused(_("Give the date until which comments are welcome."))
        return minutes_circulate(version=version, actor=actor, comments_until=comments_until, comment=comment)
    services = {
        "approve": minutes_approve,
        "send": minutes_send,
        "publish": minutes_publish,
        "return": minutes_return,
    }
    if step_name not in services:
        raise StepRefused(_("Unknown step."))
    return services[step_name](version=version, actor=actor, comment=comment)


@transaction.atomic
def minutes_comment_add(*, version: MinutesVersion, actor, text: str) -> MinutesComment:
    """A comment by a member of the group or an attendee (with a login) while the version is circulated."""
    meeting = version.minutes.meeting
    # The attendees are read here, not taken from the caller: the service is the last check.
    if not permissions.can_comment(actor, version, meeting.group, permissions.attendee_user_ids(meeting)):
        raise StepRefused(
            _(
                "Comments are open only to the group's members and the attendees, "
                "while the minutes are circulated."
            )
        )
    comment = MinutesComment(version=version, author=actor, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def minutes_signed_pdf_attach(*, version: MinutesVersion, actor, upload) -> MinutesVersion:
    """Attach the signed PDF (already checked by forms.SignedPdfForm / core.uploads.validate_document)."""
    group = version.minutes.meeting.group
    if not permissions.can_upload_signed_pdf(actor, version, group):
        raise StepRefused(
            _(
                "Only the group's secretariat can attach the signed PDF, "
                "once the chair has approved the minutes."
            )
        )
    if version.signed_pdf:
        version.signed_pdf.delete(save=False)
    version.signed_pdf.save(
        f"minutes-{version.minutes.meeting_id}-{version.language}-signed.pdf", upload, save=False
    )
    version.full_clean()
    version.save()
    return version


# --- action points -------------------------------------------------------------------------------


@transaction.atomic
def action_point_update_status(
    *, action_point: ActionPoint, actor, status: str, note: str = ""
) -> ActionPointUpdate:
    if not permissions.can_update_action_point(actor, action_point):
        raise StepRefused(
            _("Only the group's secretariat or the responsible person can update this action point.")
        )
    if status not in ActionStatus.values:
        raise ValidationError(_("Unknown status."))
    action_point.status = status
    action_point.full_clean()
    action_point.save()
    update = ActionPointUpdate(action_point=action_point, status=status, note=(note or "").strip(), by=actor)
    update.full_clean()
    update.save()
    return update
