"""The kinds of due rule and of proof an obligation may have, and the platform's defaults for them.

An obligation of a checklist template says *when* something is due (its rule) and *what record proves it
was done* (its proof). Both are choices below: a new obligation is data (a row of a template, edited by the
RTP Secretariat); a new kind of rule or of proof needs code here and in `checklists.py`.

Rules:
- `fixed_date`: once, by a day of the year (the work plan by 31 January).
- `quarterly`: in each quarter, at least N times (an SWG meeting).
- `yearly`: at least N times in the year, by a day of the year (31 December unless said).
- `after_event`: within N days of each event of the year (minutes sent within 14 days of a meeting).
- `before_cycle`: by the deadline of each reporting cycle of the year (the progress report, N weeks before
  the cycle's meeting; by default the cycle's own deadline).
- `condition`: while a condition must hold, a breach is overdue from the day it starts (a co-chair term not
  past its planned end).

An empty number on an obligation means "the platform's setting" (`ROUNDTABLE` in settings.py): the days
for the minutes, the meetings per quarter or per year, the work plan's due day. The settings are read
with defaults, so that a deployment without them still works.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def rt_setting(name: str, default):
    """One of the guideline's numbers (`settings.ROUNDTABLE[name]`), or the default."""
    return getattr(settings, "ROUNDTABLE", {}).get(name, default)


class TemplateKind(models.TextChoices):
    SWG = "swg", _("Sector Working Groups")
    SUBSWG = "subswg", _("Sub-Sector Working Groups")


class Responsible(models.TextChoices):
    SECRETARIAT = "secretariat", _("The group's secretariat")
    CHAIR = "chair", _("The chair and co-chairs")
    RTP = "rtp", _("The RTP Secretariat")


class Rule(models.TextChoices):
    FIXED_DATE = "fixed_date", _("By a date of the year")
    QUARTERLY = "quarterly", _("Each quarter")
    YEARLY = "yearly", _("Once (or N times) a year")
    AFTER_EVENT = "after_event", _("Within N days after an event")
    BEFORE_CYCLE = "before_cycle", _("Before a reporting cycle's meeting")
    CONDITION = "condition", _("While a condition holds")


class Event(models.TextChoices):
    MEETING_HELD = "meeting_held", _("a meeting of the group is held")
    COCHAIR_CHANGE = "cochair_change", _("a co-chair is replaced")


class Proof(models.TextChoices):
    WORKPLAN_SUBMITTED = "workplan_submitted", _("The work plan is submitted to the RTP Secretariat")
    WORKPLAN_PUBLISHED = "workplan_published", _("The work plan is published")
    MEETING_HELD = "meeting_held", _("A meeting of the group is held")
    MINUTES_SENT = "minutes_sent", _("The minutes are sent to the RTP Secretariat")
    MINUTES_PUBLISHED = "minutes_published", _("The minutes are published")
    REPORT_SUBMITTED = "report_submitted", _("The progress report is submitted")
    SUBGROUP_PART = "subgroup_part", _("The sub-SWG's part is in its SWG's submitted progress report")
    STAKEHOLDERS_REVIEWED = "stakeholders_reviewed", _("The stakeholder list is reviewed")
    TOR_CURRENT = "tor_current", _("Terms of Reference are on record")
    COCHAIR_ROTATED = "cochair_rotated", _("Each co-chair term ends by its planned end")
    HAND_TICK = "hand_tick", _("Ticked by hand, with a note and evidence")


# Which proofs each rule can read. A rule and a proof that do not fit are refused by the model's clean().
RULE_PROOFS: dict[str, set[str]] = {
    Rule.FIXED_DATE: {
        Proof.WORKPLAN_SUBMITTED,
        Proof.WORKPLAN_PUBLISHED,
        Proof.STAKEHOLDERS_REVIEWED,
        Proof.TOR_CURRENT,
        Proof.HAND_TICK,
    },
    Rule.QUARTERLY: {Proof.MEETING_HELD, Proof.HAND_TICK},
    Rule.YEARLY: {
        Proof.MEETING_HELD,
        Proof.WORKPLAN_SUBMITTED,
        Proof.WORKPLAN_PUBLISHED,
        Proof.STAKEHOLDERS_REVIEWED,
        Proof.TOR_CURRENT,
        Proof.HAND_TICK,
    },
    Rule.AFTER_EVENT: {Proof.MINUTES_SENT, Proof.MINUTES_PUBLISHED, Proof.HAND_TICK},
    Rule.BEFORE_CYCLE: {Proof.REPORT_SUBMITTED, Proof.SUBGROUP_PART, Proof.HAND_TICK},
    Rule.CONDITION: {Proof.COCHAIR_ROTATED},
}
# The events an after-event rule can follow, and the proofs that make sense after each.
EVENT_PROOFS: dict[str, set[str]] = {
    Event.MEETING_HELD: {Proof.MINUTES_SENT, Proof.MINUTES_PUBLISHED, Proof.HAND_TICK},
    Event.COCHAIR_CHANGE: {Proof.HAND_TICK},
}
# Proofs made of facts that are public anyway (the public scorecard shows only obligations proved by them):
# public meetings held, minutes and work plans published, and the submission date of a published progress
# report (the API of reports publishes it).
PUBLIC_PROOFS = {
    Proof.MEETING_HELD,
    Proof.MINUTES_PUBLISHED,
    Proof.WORKPLAN_PUBLISHED,
    Proof.REPORT_SUBMITTED,
}


def default_count(rule: str, kind: str) -> int:
    """Meetings a quarter (SWG) or a year (sub-SWG) when an obligation leaves its number empty."""
    if rule == Rule.QUARTERLY:
        return int(rt_setting("SWG_MEETINGS_PER_QUARTER", 1))
    if kind == TemplateKind.SUBSWG:
        return int(rt_setting("SUBSWG_MEETINGS_PER_YEAR", 2))
    return 1


def default_days(proof: str) -> int:
    """Days after the event when an obligation leaves its number empty."""
    if proof == Proof.MINUTES_SENT:
        return int(rt_setting("MINUTES_SEND_WITHIN_DAYS", 14))
    if proof == Proof.MINUTES_PUBLISHED:
        return int(rt_setting("MINUTES_PUBLISH_WITHIN_DAYS", 30))
    return 0


def default_month_day(rule: str, proof: str) -> tuple[int, int]:
    """The day of the year an obligation is due by when it names none: the work plan's due day for a work
    plan due by a date, otherwise the last day of the year."""
    if rule == Rule.FIXED_DATE:
        month, day = rt_setting("WORKPLAN_DUE_MONTH_DAY", (1, 31))
        return int(month), int(day)
    return 12, 31


def safe_date(year: int, month: int, day: int) -> date:
    """The day in `year`, or the last day of that month (29 February in a year that has none)."""
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1
