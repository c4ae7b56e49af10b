"""Telling the next actor that it is their turn (core.notifications.notify), for every step of a plan's life.

Who is told after each step is `NOTIFIES` (groups.recipients); each person is told in their own language,
with a link to the plan. What invites an answer (sent to the chair, submitted to the RTP Secretariat)
answers to the group's secretariat (Reply-To). The templates are `workplans/email/<step>_subject.txt` and
`_body.txt`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats

from roundtable.core.i18n import localized
from roundtable.core.notifications import actor_name, notify
from roundtable.groups import recipients

CHAIRS, SECRETARIAT, RTP = recipients.CHAIRS, recipients.SECRETARIAT, recipients.RTP

# step → (who is told, whether an answer goes to the group's secretariat)
NOTIFIES: dict[str, tuple[tuple[str, ...], bool]] = {
    "send": ((CHAIRS,), True),
    "chair_approve": ((SECRETARIAT,), False),
    "chair_return": ((SECRETARIAT,), False),
    "submit": ((RTP,), True),
    "approve": ((SECRETARIAT, CHAIRS), False),
    "return": ((SECRETARIAT,), False),
    "publish": ((SECRETARIAT, CHAIRS), False),
}


def step_taken(plan, action: str, *, actor, comment: str = "") -> list:
    """After a step: the people whose turn it now is are told, once per step taken."""
    who, answers = NOTIFIES[action]
    group = plan.group
    number = plan.steps.count()
    return notify(
        recipients.for_roles(group, who),
        kind=f"workplans.{action}",
        key=f"workplans:{plan.pk}:{action}:{number}",
        template_prefix=f"workplans/email/{action}_",
        context=lambda lang: {
            "group_name": localized(group, "name", lang),
            "year": plan.year,
            "deadline": formats.date_format(plan.deadline, "DATE_FORMAT"),
            "comment": comment,
            "actor_name": actor_name(actor, lang),
        },
        path=lambda lang: reverse("workplans:detail", args=[group.code, plan.year]),
        reply_to=recipients.secretariat_addresses(group) if answers else (),
        exclude=actor,
    )
