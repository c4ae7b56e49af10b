"""Every write of the reports app: views, the API, commands, the demo and the tests call these.

They follow roundtable.core.services: the `actor` whose permission each checks (reports.permissions),
plain data, `Refused` for what may not be done (changing nothing), `Conflict` for a save from a stale page.
Import from here (`from roundtable.reports import services`):
- `common`: the editable fields and the guards;
- `reports`: writing a progress report and its life (the STEPS table of reports.workflow);
- `cycles`: the cycle, its documents, opening, reminders and publication;
- `planning`: the recommendations of a meeting and the road map to it.
"""

from roundtable.core.services import Conflict, Refused

from .common import FOLLOW_UP_FIELDS, NOTE_FIELDS, PRIORITY_FIELDS, TEXT_FIELDS
from .cycles import (
    CYCLE_FIELDS,
    cycle_create,
    cycle_open,
    cycle_publish,
    cycle_update,
    default_groups,
    document_add,
    document_remove,
    report_remind,
)
from .planning import (
    MILESTONE_FIELDS,
    RECOMMENDATION_FIELDS,
    milestone_create,
    milestone_delete,
    milestone_update,
    recommendation_create,
    recommendation_update,
)
from .reports import (
    follow_up_rows,
    follow_up_save,
    priority_progress_save,
    priority_rows,
    recommendations_to_follow,
    report_facts,
    report_problems,
    report_snapshot,
    report_start,
    report_take_step,
    report_update_text,
    subgroup_note_save,
    subgroup_rows,
    version_create,
    year_plan,
)

__all__ = [
    "CYCLE_FIELDS",
    "FOLLOW_UP_FIELDS",
    "MILESTONE_FIELDS",
    "NOTE_FIELDS",
    "PRIORITY_FIELDS",
    "RECOMMENDATION_FIELDS",
    "TEXT_FIELDS",
    "Conflict",
    "Refused",
    "cycle_create",
    "cycle_open",
    "cycle_publish",
    "cycle_update",
    "default_groups",
    "document_add",
    "document_remove",
    "follow_up_rows",
    "follow_up_save",
    "milestone_create",
    "milestone_delete",
    "milestone_update",
    "priority_progress_save",
    "priority_rows",
    "recommendation_create",
    "recommendation_update",
    "recommendations_to_follow",
    "report_facts",
    "report_problems",
    "report_remind",
    "report_snapshot",
    "report_start",
    "report_take_step",
    "report_update_text",
    "subgroup_note_save",
    "subgroup_rows",
    "version_create",
    "year_plan",
]
