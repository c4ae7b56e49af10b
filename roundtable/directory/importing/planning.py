"""Checking import rows against the directory: what each row would create or update, or why it cannot."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from ..exporting import ORGANISATION_COLUMNS, PEOPLE_COLUMNS, STAKEHOLDER_COLUMNS
from ..models import Gender, Membership, MembershipRole, Organisation, OrganisationKind, Person
from ..permissions import contact_visible_people, editable_person_ids
from .reading import ORGANISATIONS, PEOPLE, SourceRow


@dataclass
class PlannedRow:
    line: int
    values: dict[str, str]
    action: str = ""  # "create", "update", "unchanged"; empty when the row has errors
    label: str = ""
    target_id: int | None = None
    changes: list[str] = field(default_factory=list)
    membership: str = ""  # into a group: "add", "update", "unchanged"
    errors: list[str] = field(default_factory=list)
    # What the write needs, resolved once while planning (not kept between preview and confirmation).
    instance: object = field(default=None, repr=False)
    on_behalf_of: object = field(default=None, repr=False)


@dataclass
class Plan:
    kind: str
    rows: list[PlannedRow]
    group_id: int | None = None

    @property
    def has_errors(self) -> bool:
        return any(row.errors for row in self.rows)

    @property
    def error_rows(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.errors]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    def source(self) -> list[dict]:
        """What to keep between the preview and the confirmation: the rows as read, nothing decided."""
        return [{"line": row.line, "values": row.values} for row in self.rows]


def _choice_lookup(choices) -> dict[str, str]:
    """Accept a choice by its code or its label in either language."""
    lookup = {}
    for code, label in choices:
        lookup[str(code).casefold()] = code
        for lang in ("en", "lo"):
            with translation.override(lang):
                lookup[str(label).casefold()] = code
    return lookup


def _fold(text: str) -> str:
    return " ".join((text or "").split()).casefold()


class OrganisationIndex:
    """Every organisation, in memory, by the keys imports use (one query for the whole file)."""

    def __init__(self):
        self.by_iati: dict[str, list[Organisation]] = {}
        self.by_acronym: dict[str, list[Organisation]] = {}
        self.by_name_en: dict[str, list[Organisation]] = {}
        self.by_name_lo: dict[str, list[Organisation]] = {}
        for org in Organisation.objects.all():
            self.add(org)

    def add(self, org: Organisation) -> None:
        for index, key in (
            (self.by_iati, org.iati_identifier.strip()),
            (self.by_acronym, _fold(org.acronym)),
            (self.by_name_en, _fold(org.name_en)),
            (self.by_name_lo, _fold(org.name_lo)),
        ):
            if key:
                index.setdefault(key, []).append(org)

    def reference(self, text: str) -> tuple[Organisation | None, str]:
        """Resolve a person's organisation cell (acronym, else English name, else Lao name)."""
        key = _fold(text)
        for index in (self.by_acronym, self.by_name_en, self.by_name_lo):
            found = index.get(key, [])
            if len(found) == 1:
                return found[0], ""
            if len(found) > 1:
                return None, _("the organisation “%(name)s” is ambiguous: more than one matches") % {
                    "name": text
                }
        return None, _("unknown organisation “%(name)s”") % {"name": text}

    def match(self, values: dict[str, str]) -> tuple[Organisation | None, str]:
        """The organisation a row updates: by IATI identifier, else acronym, else English name."""
        for index, key in (
            (self.by_iati, values.get("iati_identifier", "").strip()),
            (self.by_acronym, _fold(values.get("acronym", ""))),
            (self.by_name_en, _fold(values.get("name_en", ""))),
        ):
            if not key:
                continue
            found = index.get(key, [])
            if len(found) == 1:
                return found[0], ""
            if len(found) > 1:
                return None, _("more than one organisation matches this row")
        return None, ""


def _fill(instance, values: dict[str, str], fields: list[str]) -> list[str]:
    """Copy the non-empty values onto the instance; the names of the fields that changed."""
    changed = []
    for name in fields:
        value = values.get(name, "")
        if value == "":
            continue
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


# The longest cell a column may hold when it is not a text field of its own: an organisation named by its
# acronym or name, and a choice (kind, gender, language, role) or a date written as text.
REFERENCE_MAX_LENGTH = 255
CHOICE_MAX_LENGTH = 100


def _column_limits(model, columns: list[str]) -> dict[str, int]:
    limits = {}
    for name in columns:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:  # the membership's columns of a stakeholder import
            limits[name] = REFERENCE_MAX_LENGTH if name == "on_behalf_of" else CHOICE_MAX_LENGTH
            continue
        if model_field.choices:
            limits[name] = CHOICE_MAX_LENGTH
        elif model_field.is_relation:
            limits[name] = REFERENCE_MAX_LENGTH
        else:
            limits[name] = model_field.max_length or REFERENCE_MAX_LENGTH
    return limits


def _refuse_long_cells(row: PlannedRow, limits: dict[str, int]) -> None:
    """A cell longer than its column holds refuses the row (with the column and the limit) and is cut, so
    that the preview does not carry it whole."""
    for name, value in row.values.items():
        limit = limits.get(name)
        if limit is not None and len(value) > limit:
            row.errors.append(
                _("the “%(column)s” cell is too long: %(length)d characters, at most %(limit)d")
                % {"column": name, "length": len(value), "limit": limit}
            )
            row.values[name] = value[:limit]


def _model_errors(instance, exclude: list[str] | None = None) -> list[str]:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        messages = []
        for name, errors in error.message_dict.items():
            label = name if name == "__all__" else str(instance._meta.get_field(name).verbose_name)
            messages.extend(f"{label}: {message}" for message in errors)
        return messages
    return []


def plan_organisations(rows: list[SourceRow]) -> Plan:
    index = OrganisationIndex()
    kinds = _choice_lookup(OrganisationKind.choices)
    url_ok = URLValidator()
    seen_keys: dict[tuple[str, str], int] = {}
    seen_targets: dict[int, int] = {}
    limits = _column_limits(Organisation, ORGANISATION_COLUMNS)
    planned = []
    for source in rows:
        row = PlannedRow(source.line, dict(source.values), errors=list(source.errors))
        _refuse_long_cells(row, limits)
        values = row.values
        values["country"] = values.get("country", "").upper()
        if not values.get("name_lo") and not values.get("name_en"):
            row.errors.append(_("the name is missing (give it in Lao, in English, or both)"))
        kind_text = values.get("kind", "")
        if kind_text:
            if kind_text.casefold() in kinds:
                values["kind"] = kinds[kind_text.casefold()]
            else:
                row.errors.append(_("unknown kind of organisation “%(kind)s”") % {"kind": kind_text})
        if values.get("website"):
            try:
                url_ok(values["website"])
            except ValidationError:
                row.errors.append(
                    _("the website “%(url)s” is not a valid address") % {"url": values["website"]}
                )
        # The same organisation twice in the file: any identifying value seen on an earlier row.
        keys = [
            (name, _fold(values.get(name, "")))
            for name in ("iati_identifier", "acronym", "name_en", "name_lo")
            if values.get(name)
        ]
        earlier = next((seen_keys[key] for key in keys if key in seen_keys), None)
        for key in keys:
            seen_keys.setdefault(key, row.line)
        target, problem = index.match(values)
        if problem:
            row.errors.append(problem)
        _note_target(row, target, earlier, seen_targets)
        if target is not None:
            row.changes = _fill(target, values, ORGANISATION_COLUMNS)
            row.action = "update" if row.changes else "unchanged"
            instance = target
        else:
            if not kind_text:
                row.errors.append(_("the kind of organisation is missing"))
            instance = Organisation(**{name: values.get(name, "") for name in ORGANISATION_COLUMNS})
            row.action = "create"
        other = index.by_iati.get(values.get("iati_identifier", "").strip(), [])
        if any(org.pk != row.target_id for org in other):
            row.errors.append(_("another organisation already has this IATI identifier"))
        if not row.errors:
            row.errors.extend(_model_errors(instance))
        row.label = str(instance)
        row.instance = instance
        if row.errors:
            row.action = ""
        planned.append(row)
    return Plan(ORGANISATIONS, planned)


def _note_target(row: PlannedRow, target, earlier: int | None, seen_targets: dict[int, int]) -> None:
    """Record the directory entry the row matches; a row is a duplicate when an earlier row had one of
    its identifying values (`earlier`) or matched the same entry."""
    if target is not None:
        if earlier is None:
            earlier = seen_targets.get(target.pk)
        seen_targets.setdefault(target.pk, row.line)
        row.target_id = target.pk
    if earlier is not None:
        row.errors.append(_("duplicate of line %(line)d") % {"line": earlier})


def _parse_date(text: str) -> tuple[str, str]:
    if not text:
        return "", ""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date().isoformat(), ""
        except ValueError:
            continue
    return "", _("the date “%(date)s” is not a date (write it as YYYY-MM-DD)") % {"date": text}


def hidden_entry_message() -> str:
    """The one refusal of a row that matches a person whose contacts the importer may not see.

    The same words whatever the match (by email, by name with a contact detail, several people), so that
    the preview tells nothing of whose entry it is, what it holds, or where it is listed.
    """
    return _(
        "this email or name cannot be used in an import: add the person by hand, or ask the RTP Secretariat"
    )


def plan_people(rows: list[SourceRow], group=None, user=None) -> Plan:
    """Check people's rows. With `user`, a row may change only the entries that user may change
    (can_edit_person): an import must not be a way round the person page's permission.

    Nor a way to learn what the directory holds about a person whose contact details the user may not see
    (can_view_contact): a row that matches one by email, or by name while giving an email, a phone or any
    other change, is refused with hidden_entry_message(), and says nothing more (no name from the
    directory, no "unchanged" that would confirm a guess). Such a person can still be put on a list by
    name and organisation alone, as the "add" page does.
    """
    organisations = OrganisationIndex()
    editable = editable_person_ids(user) if user is not None else None
    visible = contact_visible_people(user) if user is not None else None

    def hidden(person: Person) -> bool:
        return visible is not None and person.pk not in visible

    genders = _choice_lookup([(code, label) for code, label in Gender.choices if code])
    languages = _choice_lookup(settings.LANGUAGES + [("lo", "Lao"), ("en", "ອັງກິດ")])
    roles = _choice_lookup(MembershipRole.choices)
    people = list(Person.objects.all())
    by_email: dict[str, list[Person]] = {}
    by_name_org: dict[tuple[str, int | None], list[Person]] = {}
    for person in people:
        if person.email:
            by_email.setdefault(person.email.casefold(), []).append(person)
        for name in (person.name_en, person.name_lo):
            if name:
                by_name_org.setdefault((_fold(name), person.organisation_id), []).append(person)
    current = {}
    if group is not None:
        current = {m.person_id: m for m in Membership.objects.current().filter(group=group)}

    fields = [name for name in PEOPLE_COLUMNS if name != "organisation"]
    seen_keys: dict[tuple, int] = {}
    seen_targets: dict[int, int] = {}
    limits = _column_limits(Person, STAKEHOLDER_COLUMNS)
    planned = []
    for source in rows:
        row = PlannedRow(source.line, dict(source.values), errors=list(source.errors))
        _refuse_long_cells(row, limits)
        values = row.values
        if not values.get("name_lo") and not values.get("name_en"):
            row.errors.append(_("the name is missing (give it in Lao, in English, or both)"))
        email = values.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.errors.append(_("bad email address “%(email)s”") % {"email": email})
        organisation = None
        if values.get("organisation"):
            organisation, problem = organisations.reference(values["organisation"])
            if problem:
                row.errors.append(problem)
        for name, lookup, what in (
            ("gender", genders, _("gender")),
            ("preferred_language", languages, _("language")),
        ):
            text = values.get(name, "")
            if text:
                if text.casefold() in lookup:
                    values[name] = lookup[text.casefold()]
                else:
                    row.errors.append(_("unknown %(what)s “%(value)s”") % {"what": what, "value": text})

        # Same person twice in the file?
        name_key = _fold(values.get("name_en") or values.get("name_lo", ""))
        org_id = organisation.pk if organisation else None
        key = ("email", email.casefold()) if email else ("name", name_key, org_id)
        earlier = seen_keys.setdefault(key, row.line)
        earlier = earlier if earlier != row.line else None

        # Who is it in the directory?
        target = None
        refused_hidden = False
        if email:
            found = by_email.get(email.casefold(), [])
            if any(hidden(person) for person in found):
                refused_hidden = True
            elif len(found) > 1:
                row.errors.append(_("more than one person has this email address"))
            target = found[0] if len(found) == 1 and not refused_hidden else None
        if target is None and not refused_hidden:
            found = []
            for name in (values.get("name_en", ""), values.get("name_lo", "")):
                if name:
                    found = by_name_org.get((_fold(name), org_id), [])
                    # A contact detail given for a namesake whose contacts one may not see would be checked
                    # against theirs (an "unchanged" confirming a phone; a match telling they have no email).
                    if (email or values.get("phone")) and any(hidden(person) for person in found):
                        refused_hidden, found = True, []
                        break
                    # A stored person with another email address is someone else (or needs a human).
                    if email:
                        found = [person for person in found if not person.email]
                    if found:
                        break
            if len(found) > 1:
                row.errors.append(_("more than one person has this name in this organisation"))
            target = found[0] if len(found) == 1 else None

        if refused_hidden:
            row.errors.append(hidden_entry_message())
        _note_target(row, target, earlier, seen_targets)
        if target is not None:
            row.changes = _fill(target, values, fields)
            if organisation is not None and target.organisation_id != organisation.pk:
                target.organisation = organisation
                row.changes.append("organisation")
            row.action = "update" if row.changes else "unchanged"
            instance = target
            if row.changes and hidden(target):
                row.errors.append(hidden_entry_message())
                row.changes = []
            elif row.changes and editable is not None and target.pk not in editable:
                # Say no more than needed: not whose entry it is, nor what it holds.
                row.errors.append(
                    _(
                        "this row matches a person in the directory whose entry you may not change "
                        "(they are in none of your groups): give their details exactly as the "
                        "directory has them, leave those cells empty, or ask the RTP Secretariat"
                    )
                )
                row.changes = []
        else:
            instance = Person(**{name: values.get(name, "") for name in fields if values.get(name, "") != ""})
            instance.organisation = organisation
            row.action = "create"
        is_hidden = target is not None and hidden(target)
        if not row.errors and not is_hidden:  # an entry one may not see is not written (nor judged) here
            row.errors.extend(_model_errors(instance, exclude=["user"]))
        # A refused row is labelled with what the file says, never with what the directory holds; so is a
        # row on an entry whose contacts the importer may not see.
        from_file = values.get("name_en") or values.get("name_lo", "")
        row.label = from_file if row.errors or is_hidden else str(instance)
        row.instance = instance

        if group is not None:
            _plan_membership(row, values, roles, organisations, current)
        if row.errors:
            row.action = ""
            row.membership = ""
        planned.append(row)
    return Plan(PEOPLE, planned, group_id=group.pk if group is not None else None)


def _plan_membership(row: PlannedRow, values: dict, roles: dict, organisations, current: dict) -> None:
    role_text = values.get("role", "")
    if role_text:
        if role_text.casefold() in roles:
            values["role"] = roles[role_text.casefold()]
        else:
            row.errors.append(_("unknown role “%(role)s”") % {"role": role_text})
    if values.get("on_behalf_of"):
        row.on_behalf_of, problem = organisations.reference(values["on_behalf_of"])
        if problem:
            row.errors.append(problem)
    values["start_date"], problem = _parse_date(values.get("start_date", ""))
    if problem:
        row.errors.append(problem)
    # An import adds people to the list; ending a membership is done on the list itself.
    values.pop("end_date", None)
    existing = current.get(row.target_id) if row.target_id else None
    if existing is None:
        row.membership = "add"
    elif values.get("role") and values["role"] != existing.role:
        row.membership = "update"
    else:
        row.membership = "unchanged"


def plan(kind: str, rows: list[SourceRow], group=None, user=None) -> Plan:
    if kind == ORGANISATIONS:
        return plan_organisations(rows)
    return plan_people(rows, group=group, user=user)
