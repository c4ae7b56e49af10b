"""Every write to a work plan: creating it, editing its parts, and moving it along its life.

Views, the demo and tests all call these functions. Each checks the actor's role and the plan's state
(`roundtable.core.services.Refused`, with a message for the user and a code), refuses a save from a stale
page (`Conflict`, with what changed) and reports bad input as ValidationError, so a refused attempt changes
nothing.

The package has one module per concern; import from here (`from roundtable.workplans import services`):
- `common`: the editable fields and the guards every write passes through;
- `creating`: starting a plan, empty or from last year's;
- `editing`: the header, planned meetings and stakeholders;
- `priorities`: the priority programmes/projects;
- `lifecycle`: the steps of the plan's life and who may take them;
- `snapshots`: the versions kept at submission, approval and publication.
"""

from .common import (
    HEADER_FIELDS,
    MEETING_FIELDS,
    PRIORITY_ALL_FIELDS,
    PRIORITY_FIELDS,
    PRIORITY_M2M,
    nsedp_for_year,
    one_year_on,
)
from .creating import workplan_create
from .editing import (
    plannable_groups,
    planned_meeting_add,
    planned_meeting_remove,
    planned_meeting_update,
    stakeholder_add,
    stakeholder_remove,
    stakeholders_import,
    workplan_update_header,
)
from .lifecycle import (
    ACTIONS,
    Action,
    available_actions,
    may_take_step,
    workplan_problems,
    workplan_take_step,
)
from .priorities import priority_create, priority_delete, priority_move, priority_update
from .snapshots import version_create, workplan_snapshot

__all__ = [
    "ACTIONS",
    "HEADER_FIELDS",
    "MEETING_FIELDS",
    "PRIORITY_ALL_FIELDS",
    "PRIORITY_FIELDS",
    "PRIORITY_M2M",
    "Action",
    "available_actions",
    "may_take_step",
    "nsedp_for_year",
    "one_year_on",
    "plannable_groups",
    "planned_meeting_add",
    "planned_meeting_remove",
    "planned_meeting_update",
    "priority_create",
    "priority_delete",
    "priority_move",
    "priority_update",
    "stakeholder_add",
    "stakeholder_remove",
    "stakeholders_import",
    "version_create",
    "workplan_create",
    "workplan_problems",
    "workplan_snapshot",
    "workplan_take_step",
    "workplan_update_header",
]
