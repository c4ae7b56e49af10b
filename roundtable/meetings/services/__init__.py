"""Writes on meetings: schedule, life (held, postponed, cancelled), agenda, documents, invitations, answers
and attendance. Views, the demo and tests all go through these functions.

Every service follows roundtable.core.services: keyword arguments, the `actor` whose permission it checks
(`require`), plain data (never a form), `model_update` for the fields it sets, `Refused` for a step that
may not be taken, `Conflict` for a save from a stale form. Emails of a change go after the commit.
"""

from roundtable.core.services import Conflict, Refused

from .agenda import (
    agenda_item_delete,
    agenda_item_move,
    agenda_item_save,
    document_add,
    document_delete,
)
from .lifecycle import (
    STEPS,
    MeetingStep,
    available_steps,
    meeting_set_state,
    meeting_take_step,
    step_to,
)
from .participants import (
    ALREADY_ANSWERED,
    attendance_record,
    feed_token_for,
    feed_token_reset,
    outside_stakeholders,
    participant_answer,
    participants_invite,
    walk_in_add,
)
from .schedule import (
    ACTION_REVIEW,
    EDITABLE_FIELDS,
    EVENT_FIELDS,
    PREVIOUS_MINUTES,
    PREVIOUS_MINUTES_OF,
    invited,
    meeting_create,
    meeting_update,
    previous_meeting,
)

__all__ = [
    "ACTION_REVIEW",
    "ALREADY_ANSWERED",
    "EDITABLE_FIELDS",
    "EVENT_FIELDS",
    "PREVIOUS_MINUTES",
    "PREVIOUS_MINUTES_OF",
    "STEPS",
    "Conflict",
    "MeetingStep",
    "Refused",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_save",
    "attendance_record",
    "available_steps",
    "document_add",
    "document_delete",
    "feed_token_for",
    "feed_token_reset",
    "invited",
    "meeting_create",
    "meeting_set_state",
    "meeting_take_step",
    "meeting_update",
    "outside_stakeholders",
    "participant_answer",
    "participants_invite",
    "previous_meeting",
    "step_to",
    "walk_in_add",
]
