"""What can be wrong with an IATI file or an activity in it, as codes with parameters.

A problem is stored as a code and its parameters (`SourceFile.errors`), and its message is written when it
is shown, in the reader's language: the same import reads in Lao on `/lo/` and in English on `/en/` and in
the command's output. Messages name what to fix; the details of a schema error are libxml2's own (English).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


def _date_labels(which: str) -> tuple[str, str]:
    labels = {
        "planned": (_("planned start"), _("planned end")),
        "actual": (_("actual start"), _("actual end")),
        "budget": (_("start of the budget period"), _("end of the budget period")),
        "disbursement": (_("start of the planned disbursement"), _("end of the planned disbursement")),
    }
    return labels.get(which, (which, which))


def _percentages_of(params: dict) -> str:
    if params.get("what") == "recipient":
        return _("recipient countries and regions")
    return _("sectors of vocabulary %(vocabulary)s") % {"vocabulary": params.get("vocabulary", "")}


def message_for(code: str, params: dict) -> str:
    """The message of a problem in the active language."""
    p = params or {}
    if code == "schema":
        return _("The activity does not follow the IATI 2.03 schema: %(detail)s") % p
    if code == "identifier_missing":
        return _("The activity has no iati-identifier.")
    if code == "identifier_long":
        return _("The iati-identifier is longer than %(max)s characters.") % p
    if code == "identifier_repeated":
        return (
            _("The identifier appears earlier in this file (line %(first)s): only the first one is read.") % p
        )
    if code == "reporting_org_count":
        return _("An activity has exactly one reporting-org; this one has %(count)s.") % p
    if code == "dates_order":
        start, end = _date_labels(p.get("which", ""))
        return _("The %(end)s (%(end_date)s) is before the %(start)s (%(start_date)s).") % {
            "start": start,
            "end": end,
            "start_date": p.get("start_date", ""),
            "end_date": p.get("end_date", ""),
        }
    if code == "percentages":
        return _("The percentages of the %(what)s add up to %(total)s, not 100.") % {
            "what": _percentages_of(p),
            "total": p.get("total", ""),
        }
    if code == "percentages_missing":
        return _("There are several %(what)s, and not each has its percentage.") % {
            "what": _percentages_of(p)
        }
    if code == "entity":
        return (
            _(
                "The activity uses the XML entity “&%(name)s;”, which is not read (for safety): "
                "write the text itself."
            )
            % p
        )
    if code == "currency_missing":
        return _("A value has no currency, and the activity has no default currency.")
    if code == "codelist":
        return _("“%(code)s” is not a code of the IATI %(codelist)s codelist.") % p
    if code == "date_invalid":
        return _("“%(value)s” is not a date (YYYY-MM-DD).") % p
    if code == "percentage_range":
        return _("“%(value)s” is not a percentage from 0 to 100.") % p
    if code == "value_invalid":
        return _("“%(value)s” is not an amount.") % p
    # File-level problems.
    if code == "empty":
        return _("The file is empty.")
    if code == "not_xml":
        return _("The file is not XML: %(detail)s") % p
    if code == "not_activities":
        if p.get("root") == "iati-organisations":
            return _("This is an IATI organisation file, not an activity file: only activity files are read.")
        return (
            _("This is not an IATI activity file: its first element is <%(root)s>, not <iati-activities>.")
            % p
        )
    if code == "version_old":
        return (
            _(
                "The file is in IATI version %(version)s. Only versions 2.01 to 2.03 are read: convert it to "
                "version 2.03 (the partner's publishing tool or IATI's converter can) and import it again."
            )
            % p
        )
    if code == "version_unknown":
        return (
            _("The file says it is in IATI version “%(version)s”: only versions 2.01 to 2.03 are read.") % p
        )
    if code == "version_missing":
        return _("The file does not give its IATI version (the version attribute of iati-activities).")
    if code == "no_activities":
        return _("The file holds no activity.")
    if code == "broken":
        return (
            _(
                "The file stops being well-formed XML at line %(line)s (%(detail)s): "
                "nothing after it was read."
            )
            % p
        )
    if code == "unreadable":
        return _("The file cannot be read: %(detail)s") % p
    return code


@dataclass(frozen=True)
class Problem:
    """One problem: where (line, element), what (code, params), and in which activity (its identifier)."""

    code: str
    params: dict = field(default_factory=dict)
    line: int | None = None
    element: str = ""
    activity: str = ""

    @property
    def message(self) -> str:
        return message_for(self.code, self.params)

    def as_record(self) -> dict:
        """For SourceFile.errors (JSON)."""
        return {
            "line": self.line,
            "element": self.element,
            "code": self.code,
            "params": self.params,
            "activity": self.activity,
        }

    @classmethod
    def from_record(cls, record: dict) -> Problem:
        return cls(
            code=record.get("code", ""),
            params=record.get("params") or {},
            line=record.get("line"),
            element=record.get("element") or "",
            activity=record.get("activity") or "",
        )

    def as_output(self) -> dict:
        """What `manage.py import_iati --json` prints for it: line, element, message."""
        message = self.message
        if self.activity:
            message = f"{self.activity}: {message}"
        return {"line": self.line, "element": self.element or None, "message": message}


class FileRefused(Exception):
    """The whole file cannot be read as IATI activities (not XML, empty, an organisation file...)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem
