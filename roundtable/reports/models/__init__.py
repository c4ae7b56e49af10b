"""The reports app's records, one module per concern: the cycles (with their documents and compiled
report), the progress reports (with their parts, steps, versions and reminders), and what a Round Table
meeting plans and decides (road map milestones, recommendations)."""

from .cycles import (
    TEXT_MAX,
    TITLE_MAX,
    CompiledReport,
    Cycle,
    CycleDocument,
    CycleKind,
    CycleStatus,
    DocumentKind,
    default_deadline,
    report_due_days,
)
from .planning import Milestone, MilestoneStatus, Recommendation
from .reports import (
    CLOSED_RECOMMENDATION_STATUSES,
    COMPILED_STATUSES,
    EDITABLE_STATUSES,
    LIVE_STATUSES,
    PriorityProgress,
    PriorityStatus,
    ProgressReport,
    RecommendationFollowUp,
    RecommendationStatus,
    ReportReminder,
    ReportStatus,
    ReportStep,
    ReportVersion,
    SubgroupNote,
)

__all__ = [
    "CLOSED_RECOMMENDATION_STATUSES",
    "COMPILED_STATUSES",
    "EDITABLE_STATUSES",
    "LIVE_STATUSES",
    "TEXT_MAX",
    "TITLE_MAX",
    "CompiledReport",
    "Cycle",
    "CycleDocument",
    "CycleKind",
    "CycleStatus",
    "DocumentKind",
    "Milestone",
    "MilestoneStatus",
    "PriorityProgress",
    "PriorityStatus",
    "ProgressReport",
    "Recommendation",
    "RecommendationFollowUp",
    "RecommendationStatus",
    "ReportReminder",
    "ReportStatus",
    "ReportStep",
    "ReportVersion",
    "SubgroupNote",
    "default_deadline",
    "report_due_days",
]
