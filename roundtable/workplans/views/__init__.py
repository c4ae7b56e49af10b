"""Pages of the annual work plans, one module per audience and concern:
- `public`: the public list and plan pages, the group's plans, exports;
- `editing`: starting a plan, its strategy and context, its priorities (and the framework picker);
- `parts`: its planned meetings and stakeholders;
- `review`: the steps of its life, its versions, the RTP Secretariat's overview.
`access` loads what a page works on with the permissions applied."""

from .editing import (
    create,
    edit_header,
    picker,
    priority_add,
    priority_delete,
    priority_edit,
    priority_move,
)
from .parts import (
    meeting_delete,
    meeting_edit,
    meetings,
    stakeholder_delete,
    stakeholders,
    stakeholders_import,
)
from .public import detail, export, group_plans, public_list
from .review import overview, overview_current, step, versions

__all__ = [
    "create",
    "detail",
    "edit_header",
    "export",
    "group_plans",
    "meeting_delete",
    "meeting_edit",
    "meetings",
    "overview",
    "overview_current",
    "picker",
    "priority_add",
    "priority_delete",
    "priority_edit",
    "priority_move",
    "public_list",
    "stakeholder_delete",
    "stakeholders",
    "stakeholders_import",
    "step",
    "versions",
]
