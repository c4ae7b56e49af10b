"""What every filed document carries, whatever its format: who issues it, its reference, its dates, who signs.

The exports (work plans, minutes, sign-in sheets) build one `DocumentMeta` and hand it to the PDF
templates (`meta.context()`, read by core/pdf/_page.css, _national_heading.html and _signature.html) and to
the DOCX helpers of `core.docx` (`government_document(meta=...)`). The reference has one shape everywhere:

    RTP/<GROUP>/<KIND>/<YEAR>/<id>        e.g. RTP/HEALTH/MIN/2026/42

core imports no app: the group is read by duck typing (`code`, `name_lo`/`name_en`, `lead_ministry`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .i18n import localized

# The kinds of document and their code in the reference.
WORK_PLAN = "WP"
MINUTES = "MIN"
SIGN_IN_SHEET = "SIS"
REPORT = "REP"


def document_reference(group_code: str, kind: str, year: int, number: int | str) -> str:
    """The document's reference: RTP/<GROUP>/<KIND>/<YEAR>/<id>, the group's code in capitals."""
    return f"RTP/{(group_code or 'RTP').upper()}/{kind.upper()}/{year}/{number}"


def as_date(value: date | datetime | None) -> date | None:
    """A moment as the day it was in Vientiane; a date as it is."""
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def page_numbers_parts() -> tuple[str, str, str]:
    """The words around the numbers of "page N of M" in the active language (before, between, after)."""
    text = _("page {page} of {pages}")
    before, _sep, rest = text.partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    return before, middle, after


def css_string(text: str) -> str:
    """`text` as a CSS string literal (for `content:`), on one line."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_numbers_css() -> str:
    """The CSS `content` of "page N of M" in the active language, for a PDF's page footer."""
    before, middle, after = page_numbers_parts()
    return f"{css_string(before)} counter(page) {css_string(middle)} counter(pages) {css_string(after)}"


@dataclass
class DocumentMeta:
    """The Government layout's facts of one document, in the document's language.

    `dates` are (label, date or None) pairs, e.g. approval and publication: a missing date shows "—".
    """

    reference: str
    group_name: str = ""
    secretariat_name: str = ""
    dates: list[tuple[str, date | None]] = field(default_factory=list)
    signature_role: str = ""
    signature_name: str = ""
    landscape: bool = False

    def context(self) -> dict:
        """The names the core/pdf/ templates read."""
        return {
            "doc_reference": self.reference,
            "group_name": self.group_name,
            "secretariat_name": self.secretariat_name,
            "doc_dates": [(label, as_date(value)) for label, value in self.dates],
            "signature_role": self.signature_role,
            "signature_name": self.signature_name,
            "landscape": self.landscape,
            "page_numbers": page_numbers_css(),
            "reference_css": css_string(self.reference),
        }


def group_origin(group, lang: str) -> tuple[str, str]:
    """(group name, secretariat name) in `lang`: the secretariat is the lead ministry's, if the group has one;
    a sub-group without one is served by its parent's."""
    name = localized(group, "name", lang)
    ministry = getattr(group, "lead_ministry", None)
    parent = getattr(group, "parent", None)
    if ministry is None and parent is not None:
        ministry = getattr(parent, "lead_ministry", None)
    return name, localized(ministry, "name", lang) if ministry is not None else ""
