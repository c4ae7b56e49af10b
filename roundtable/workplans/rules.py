"""The guideline's meeting rule, checked on a plan's planned meetings.

An SWG meets at least SWG_MEETINGS_PER_QUARTER times each quarter; a sub-SWG at least
SUBSWG_MEETINGS_PER_YEAR times a year. The numbers are settings (`settings.ROUNDTABLE`).
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.utils.translation import gettext as _


def meeting_warnings(plan, meetings=None, groups=None) -> list[str]:
    """Warnings for the plan's planned meetings (empty when the rule is met).

    `meetings` and `groups` may be given when the caller has them already (no more queries)."""
    if meetings is None:
        meetings = list(plan.planned_meetings.all())
    per_quarter = settings.ROUNDTABLE["SWG_MEETINGS_PER_QUARTER"]
    per_year = settings.ROUNDTABLE["SUBSWG_MEETINGS_PER_YEAR"]
    warnings = []
    own = [m for m in meetings if m.group_id == plan.group_id]
    if plan.group.kind == "swg":
        by_quarter = Counter(m.quarter for m in own)
        for quarter in range(1, 5):
            if by_quarter[quarter] < per_quarter:
                warnings.append(
                    _("Quarter %(q)s: %(count)s planned SWG meetings; the guideline asks for %(n)s.")
                    % {"q": quarter, "count": by_quarter[quarter], "n": per_quarter}
                )
        if groups is None:
            groups = list(plan.group.children.filter(is_active=True))
        counts = Counter(m.group_id for m in meetings)
        for child in groups:
            if child.pk != plan.group_id and counts[child.pk] < per_year:
                warnings.append(
                    _("%(group)s: %(count)s planned meetings, fewer than the %(n)s a year a sub-SWG holds.")
                    % {"group": child.name, "count": counts[child.pk], "n": per_year}
                )
    elif plan.group.kind == "subswg" and len(own) < per_year:
        warnings.append(
            _("%(count)s planned meetings, fewer than the %(n)s a year a sub-SWG holds.")
            % {"count": len(own), "n": per_year}
        )
    return warnings
