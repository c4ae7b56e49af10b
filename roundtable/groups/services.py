"""Writes of the group structure: groups, Terms of Reference, chair and co-chair terms.

Views, commands and tests all call these; each takes the `actor` and checks its permission predicate
(`roundtable.core.services.Refused` when not allowed), each write is atomic and validated (`full_clean()`),
and django-simple-history keeps who changed what. A profile saved from a stale form raises `Conflict`.

The rules of chairing (from the guideline, numbers from `settings.ROUNDTABLE`):
- a group has exactly one Government chair at a time: a new chair is added only when no chair
  term overlaps it, and the current chair is handed over with `chair_term_change`, never just ended;
- a group has one to three development-partner co-chairs at a time (`MAX_COCHAIRS`): a fourth is
  refused, the last one is changed rather than ended;
- changing a chair or co-chair ends the current term the day before the new one starts and records
  the reason on both terms.
Inactive groups are exempt from the "at least one" rules, so that a group can be wound down.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from roundtable.core import permissions as core_permissions
from roundtable.core.services import lock, model_update, require
from roundtable.core.uploads import validate_document
from roundtable.directory.models import Organisation, OrganisationKind, Person
from roundtable.frameworks.models import FrameworkItem

from . import permissions
from .models import ChairRole, ChairTerm, Group, TermsOfReference
from .validators import validate_record_date

PROFILE_FIELDS = ("name_lo", "name_en", "mandate_lo", "mandate_en", "lead_ministry", "nsedp_outcomes", "sdgs")
STRUCTURE_FIELDS = ("kind", "forum_kind", "code", "parent", "order", "is_active")


# --- Groups ----------------------------------------------------------------------------------------


@transaction.atomic
def group_create(
    *,
    actor,
    kind: str,
    code: str,
    name_lo: str = "",
    name_en: str = "",
    forum_kind: str = "",
    parent: Group | None = None,
    mandate_lo: str = "",
    mandate_en: str = "",
    lead_ministry: Organisation | None = None,
    order: int = 0,
    is_active: bool = True,
    nsedp_outcomes: Iterable[FrameworkItem] = (),
    sdgs: Iterable[FrameworkItem] = (),
) -> Group:
    """Create a forum, an SWG or a sub-SWG (the RTP Secretariat's work)."""
    require(permissions.can_create_group(actor))
    group = Group(
        kind=kind,
        code=code,
        name_lo=name_lo,
        name_en=name_en,
        forum_kind=forum_kind,
        parent=parent,
        mandate_lo=mandate_lo,
        mandate_en=mandate_en,
        lead_ministry=lead_ministry,
        order=order,
        is_active=is_active,
    )
    group.full_clean()
    group.save()
    group.nsedp_outcomes.set(nsedp_outcomes)
    group.sdgs.set(sdgs)
    return group


@transaction.atomic
def group_update(*, group: Group, actor, data: dict, revision: int | None) -> list[str]:
    """Change a group's profile (names, mandate, lead ministry, framework links) and, for the RTP
    Secretariat, its place in the structure; returns the names of the fields that changed.

    Conflict when someone saved the group since `revision` (the form's hidden field). Fields the actor may
    not change are refused, so a form cannot smuggle them in; the code never changes (it is in every link).
    """
    require(permissions.can_edit_group_profile(actor, group))
    allowed = set(PROFILE_FIELDS)
    if core_permissions.can_manage_structure(actor):
        allowed |= set(STRUCTURE_FIELDS) - {"code"}
    refused = sorted(set(data) - allowed)
    require(
        not refused,
        # The fields by their labels, in the actor's language: never a code name such as "name_en".
        _("You may not change %(fields)s.")
        % {"fields": ", ".join(str(Group._meta.get_field(name).verbose_name) for name in refused)},
    )
    current = lock(group, revision)
    return model_update(current, data, fields=allowed)


# --- Terms of Reference ----------------------------------------------------------------------------


@transaction.atomic
def tor_add(
    *, group: Group, actor, file, language: str, version: str, issued_on: date, title: str = ""
) -> TermsOfReference:
    """Attach a ToR document after checking its type, size and content."""
    require(permissions.can_manage_tor(actor, group))
    validate_document(file)
    tor = TermsOfReference(
        group=group, file=file, language=language, version=version, issued_on=issued_on, title=title
    )
    tor.full_clean()
    tor.save()
    return tor


@transaction.atomic
def tor_delete(*, tor: TermsOfReference, actor) -> None:
    """Delete a ToR document and, once the deletion is committed, its file."""
    require(permissions.can_manage_tor(actor, tor.group))
    storage, name = tor.file.storage, tor.file.name
    tor.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- Chair and co-chair terms ----------------------------------------------------------------------


def default_planned_end(role: str, start: date) -> date | None:
    """Co-chairs rotate: their term ends COCHAIR_TERM_YEARS after it starts. The Government chair has no
    planned end (the minister stays until the Government changes it)."""
    if role != ChairRole.COCHAIR:
        return None
    years = settings.ROUNDTABLE["COCHAIR_TERM_YEARS"]
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February into a common year
        return start.replace(year=start.year + years, day=28)


def _short(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _error(message: str, code: str, field: str | None = None) -> ValidationError:
    """An error a form can place on its field; `code` lets callers and tests tell errors apart."""
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


def _check_dates(**days: date | None) -> None:
    """Refuse a date out of the years a record may have before any arithmetic on it (9999-12-31 plus a
    day is an OverflowError), on the field it was given for."""
    for field, day in days.items():
        try:
            validate_record_date(day)
        except ValidationError as error:
            raise ValidationError({field: error}) from None


def _check_organisation_fits_role(role: str, organisation: Organisation) -> None:
    is_government = organisation.kind in OrganisationKind.government()
    if role == ChairRole.CHAIR and not is_government:
        raise _error(
            _("The chair is the Government: choose a ministry or another Government organisation."),
            "chair_not_government",
            "organisation",
        )
    if role == ChairRole.COCHAIR and is_government:
        raise _error(
            _("A co-chair is a development partner, not a Government organisation."),
            "cochair_is_government",
            "organisation",
        )


def _check_room_for_term(
    group: Group,
    role: str,
    organisation: Organisation,
    start: date,
    end: date | None,
    exclude: ChairTerm | None,
) -> None:
    overlapping = ChairTerm.objects.filter(group=group, role=role).overlapping(start, end)
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude.pk)
    overlapping = list(overlapping.select_related("organisation"))
    if role == ChairRole.CHAIR and overlapping:
        other = overlapping[0]
        raise _error(
            _(
                "The group already has a Government chair for that time (%(organisation)s, since %(start)s). "
                "A group has exactly one chair: use “Change” to hand over the chair."
            )
            % {"organisation": other.organisation, "start": _short(other.start_date)},
            "chair_exists",
        )
    if role == ChairRole.COCHAIR:
        if any(term.organisation_id == organisation.pk for term in overlapping):
            raise _error(
                _("%(organisation)s is already a co-chair of this group for that time.")
                % {"organisation": organisation},
                "cochair_exists",
                "organisation",
            )
        limit = settings.ROUNDTABLE["MAX_COCHAIRS"]
        if len(overlapping) >= limit:
            raise _error(
                _(
                    "A group has at most %(max)d co-chairs at a time, and this one already has %(count)d "
                    "for that time. End or change a co-chair's term first."
                )
                % {"max": limit, "count": len(overlapping)},
                "too_many_cochairs",
            )


def _lock(group: Group) -> Group:
    # Two officers adding co-chairs at the same moment must not both pass the count check.
    return Group.objects.select_for_update().get(pk=group.pk)


def _start_term(
    *,
    group: Group,
    role: str,
    organisation: Organisation,
    person: Person | None,
    start_date: date,
    planned_end: date | None,
    ended_on: date | None = None,
    change_reason: str = "",
    replaces: ChairTerm | None = None,
    exclude: ChairTerm | None = None,
) -> ChairTerm:
    if role not in ChairRole.values:
        raise _error(_("Choose chair or co-chair."), "invalid_role", "role")
    _check_dates(start_date=start_date, planned_end=planned_end, ended_on=ended_on)
    _check_organisation_fits_role(role, organisation)
    if planned_end is None:
        planned_end = default_planned_end(role, start_date)
    term = ChairTerm(
        group=group,
        role=role,
        organisation=organisation,
        person=person,
        start_date=start_date,
        planned_end=planned_end,
        ended_on=ended_on,
        change_reason=change_reason,
        replaces=replaces,
    )
    # The room first: its message says what to do, where the database constraint (one open chair term per
    # group, which full_clean also checks) would only say that it is violated.
    _check_room_for_term(group, role, organisation, start_date, ended_on, exclude)
    term.full_clean()
    term.save()
    return term


@transaction.atomic
def chair_term_add(
    *,
    group: Group,
    actor,
    role: str,
    organisation: Organisation,
    person: Person | None = None,
    start_date: date,
    planned_end: date | None = None,
    ended_on: date | None = None,
) -> ChairTerm:
    """Add a chair or co-chair term (a past one too, with `ended_on`, to complete the history).

    A co-chair's planned end defaults to COCHAIR_TERM_YEARS after the start.
    """
    require(permissions.can_manage_chairs(actor, group))
    group = _lock(group)
    return _start_term(
        group=group,
        role=role,
        organisation=organisation,
        person=person,
        start_date=start_date,
        planned_end=planned_end,
        ended_on=ended_on,
    )


@transaction.atomic
def chair_term_end(*, term: ChairTerm, actor, ended_on: date | None = None, reason: str = "") -> ChairTerm:
    """End a term on `ended_on` (its last day; default today).

    Refused for the only Government chair and for the last co-chair of an active group: those are
    handed over with `chair_term_change`, so that the group never stands without them.
    """
    require(permissions.can_manage_chairs(actor, term.group))
    group = _lock(term.group)
    term = ChairTerm.objects.select_for_update().get(pk=term.pk)
    ended_on = ended_on or timezone.localdate()
    _check_dates(ended_on=ended_on)
    if term.ended_on is not None:
        raise _error(_("This term has already ended."), "already_ended")
    if ended_on < term.start_date:
        raise _error(_("The end cannot be before the start of the term."), "end_before_start", "ended_on")
    if group.is_active:
        others = ChairTerm.objects.filter(group=group, role=term.role).exclude(pk=term.pk)
        if not others.overlapping(ended_on + timedelta(days=1), None).exists():
            if term.role == ChairRole.CHAIR:
                raise _error(
                    _(
                        "A group always has one Government chair: "
                        "use “Change” to hand the chair to the next one."
                    ),
                    "chair_required",
                )
            raise _error(
                _("A group keeps at least one co-chair: use “Change” to hand over to the next co-chair."),
                "cochair_required",
            )
    model_update(
        term, {"ended_on": ended_on, "end_reason": reason.strip()}, fields=["ended_on", "end_reason"]
    )
    return term


@transaction.atomic
def chair_term_change(
    *,
    term: ChairTerm,
    actor,
    organisation: Organisation,
    person: Person | None = None,
    start_date: date,
    planned_end: date | None = None,
    reason: str,
) -> ChairTerm:
    """Hand a chair or co-chair over: the current term ends the day before `start_date` and a new term of
    the same role starts then. The reason is required and kept on both terms."""
    require(permissions.can_manage_chairs(actor, term.group))
    reason = (reason or "").strip()
    if not reason:
        raise _error(_("Give the reason for the change."), "reason_required", "reason")
    _check_dates(start_date=start_date, planned_end=planned_end)
    group = _lock(term.group)
    term = ChairTerm.objects.select_for_update().get(pk=term.pk)
    if term.ended_on is not None:
        raise _error(_("This term has already ended: add a new term instead."), "already_ended")
    if start_date <= term.start_date:
        raise _error(
            _("The new term must start after the current one started (%(start)s).")
            % {"start": _short(term.start_date)},
            "start_too_early",
            "start_date",
        )
    model_update(
        term,
        {"ended_on": start_date - timedelta(days=1), "end_reason": reason},
        fields=["ended_on", "end_reason"],
    )
    return _start_term(
        group=group,
        role=term.role,
        organisation=organisation,
        person=person,
        start_date=start_date,
        planned_end=planned_end,
        change_reason=reason,
        replaces=term,
    )
