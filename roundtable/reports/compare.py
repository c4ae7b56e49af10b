"""Two frozen versions of a progress report side by side: what changed, section by section.

A version is the JSON that `services.report_snapshot` kept at submission. The comparison follows the
report's own sections (its texts, each priority's progress, each recommendation's follow-up, each sub-SWG's
part, the facts); a text that changed is given as words kept, removed and added (difflib), so a reader sees
the edit and not two whole paragraphs to compare by eye.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import PriorityStatus, ProgressReport, RecommendationStatus, ReportVersion

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class Change:
    """One field of a section: its label, the old and new values, and for a text the words' diff as
    (op, text) pairs, op one of "same", "del", "ins"."""

    label: str
    old: str
    new: str
    diff: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass
class Section:
    key: str
    title: str
    changes: list[Change]
    # "added" or "removed" for a row that one version has and the other has not (a priority, a follow-up).
    presence: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.presence) or any(c.changed for c in self.changes)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of `old` and `new` as kept, removed and added runs (whitespace kept as it was)."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("ins", "".join(b[j1:j2])))
    return out


def _text(label: str, old: str, new: str) -> Change:
    old, new = old or "", new or ""
    return Change(label, old, new, word_diff(old, new) if old != new else [])


def _value(label: str, old, new) -> Change:
    return Change(label, "" if old is None else str(old), "" if new is None else str(new))


def _status(choices, value: str) -> str:
    try:
        return str(choices(value).label) if value else ""
    except ValueError:
        return value


def _bilingual(prefix: str, label_lo: str, label_en: str, old: dict, new: dict) -> list[Change]:
    return [
        _text(label_lo, old.get(f"{prefix}_lo", ""), new.get(f"{prefix}_lo", "")),
        _text(label_en, old.get(f"{prefix}_en", ""), new.get(f"{prefix}_en", "")),
    ]


def _rows(old: list[dict], new: list[dict], key: str) -> list[tuple[object, dict, dict]]:
    """The rows of both versions matched by `key`, in the newer version's order then the removed ones."""
    before = {row.get(key): row for row in old}
    after = {row.get(key): row for row in new}
    keys = [row.get(key) for row in new] + [k for k in before if k not in after]
    return [(k, before.get(k), after.get(k)) for k in keys]


def _title(row: dict, fallback: str) -> str:
    return row.get("title_lo") or row.get("title_en") or fallback


def _fact_figures(facts: dict) -> list[tuple[str, object]]:
    if not facts:
        return []
    m, mi, a, att = (
        facts.get("meetings", {}),
        facts.get("minutes", {}),
        facts.get("action_points", {}),
        facts.get("attendance", {}),
    )
    oda = facts.get("oda") or {}
    rows = [
        (_("Meetings held"), m.get("held")),
        (_("Meetings held per quarter"), " / ".join(str(q) for q in m.get("quarters", []))),
        (_("Participants in all meetings"), att.get("total")),
        (_("Women"), att.get("women")),
        (_("Minutes sent to the RTP Secretariat on time"), mi.get("sent_on_time")),
        (_("Minutes published on time"), mi.get("published_on_time")),
        (_("Action points agreed"), a.get("total")),
        (_("Action points done"), a.get("done")),
        (_("Action points overdue"), a.get("overdue")),
        (_("ODA committed (USD)"), round(oda["committed"]) if oda.get("committed") is not None else None),
        (_("ODA disbursed (USD)"), round(oda["disbursed"]) if oda.get("disbursed") is not None else None),
    ]
    return rows


def compare(old: dict, new: dict, report: ProgressReport) -> list[Section]:
    """The sections of the report with what changed from `old` to `new` (two versions' snapshots)."""
    sections: list[Section] = []
    texts_old, texts_new = old.get("text", {}), new.get("text", {})
    for key, title in (
        ("overview", _("Sector overview: key interventions and achievements of the year")),
        ("challenges", _("Challenges")),
        ("messages", _("Recommendations and key messages for the meeting")),
        ("next_priorities", _("Next year's priorities")),
    ):
        sections.append(
            Section(key, title, _bilingual(key, _("In Lao"), _("In English"), texts_old, texts_new))
        )
    for number, (_key, before, after) in enumerate(
        _rows(old.get("priorities", []), new.get("priorities", []), "priority_id"), start=1
    ):
        row_old, row_new = before or {}, after or {}
        title = _title(row_new or row_old, str(number))
        changes = [
            *_bilingual("title", _("Title (Lao)"), _("Title (English)"), row_old, row_new),
            _value(
                _("Status"),
                _status(PriorityStatus, row_old.get("status", "")),
                _status(PriorityStatus, row_new.get("status", "")),
            ),
            *_bilingual("reason", _("Reason for the delay (Lao)"), _("Reason (English)"), row_old, row_new),
            *_bilingual("narrative", _("Progress (Lao)"), _("Progress (English)"), row_old, row_new),
        ]
        presence = "added" if before is None else "removed" if after is None else ""
        sections.append(
            Section(f"priority-{number}", _("Priority: %(title)s") % {"title": title}, changes, presence)
        )
    numbers = {
        f.recommendation_id: f.recommendation for f in report.follow_ups.select_related("recommendation")
    }
    for key, before, after in _rows(
        old.get("follow_ups", []), new.get("follow_ups", []), "recommendation_id"
    ):
        row_old, row_new = before or {}, after or {}
        recommendation = numbers.get(key)
        name = f"{recommendation.number}. {recommendation.text}" if recommendation else str(key)
        changes = [
            _value(
                _("Status"),
                _status(RecommendationStatus, row_old.get("status", "")),
                _status(RecommendationStatus, row_new.get("status", "")),
            ),
            *_bilingual("text", _("Follow-up (Lao)"), _("Follow-up (English)"), row_old, row_new),
        ]
        presence = "added" if before is None else "removed" if after is None else ""
        sections.append(
            Section(f"follow-up-{key}", _("Recommendation %(name)s") % {"name": name}, changes, presence)
        )
    for key, before, after in _rows(old.get("subgroups", []), new.get("subgroups", []), "group"):
        row_old, row_new = before or {}, after or {}
        changes = _bilingual("text", _("In Lao"), _("In English"), row_old, row_new)
        presence = "added" if before is None else "removed" if after is None else ""
        sections.append(Section(f"sub-{key}", _("Sub-SWG %(code)s") % {"code": key}, changes, presence))
    figures_old, figures_new = dict(_fact_figures(old.get("facts"))), dict(_fact_figures(new.get("facts")))
    sections.append(
        Section(
            "facts",
            _("Facts from the platform"),
            [
                _value(label, figures_old.get(label), figures_new.get(label))
                for label in figures_new or figures_old
            ],
        )
    )
    return sections


def versions_pair(
    report: ProgressReport, a: int | None, b: int | None
) -> tuple[ReportVersion, ReportVersion]:
    """The two versions to compare: those numbered `a` and `b` (older first), by default the last two."""
    versions = list(report.versions.select_related("created_by", "created_by__person").order_by("number"))
    by_number = {v.number: v for v in versions}
    if a is None and b is None:
        if len(versions) < 2:
            raise LookupError
        return versions[-2], versions[-1]
    if a not in by_number or b not in by_number or a == b:
        raise LookupError
    first, second = sorted((by_number[a], by_number[b]), key=lambda v: v.number)
    return first, second
