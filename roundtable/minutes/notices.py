"""Telling the next actor that it is their turn (core.notifications.notify), for every step of the minutes.

The shape of workplans.notices: who is told after each step is `NOTIFIES` (groups.recipients); each person
is told once per step taken, in their own language, with a direct link to what they do next (the step's
page, the editor, the minutes). What invites an answer (circulated to the chair, sent to the RTP
Secretariat) answers to the group's secretariat (Reply-To). One notice covers every language version the
step moved. Templates: `minutes/email/step_<step>_subject.txt` and `_body.txt`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats, timezone

from roundtable.core.i18n import localized
from roundtable.core.notifications import actor_name, notify
from roundtable.groups import recipients

from .editing import language_name
from .models import MinutesStep

CHAIRS, SECRETARIAT, RTP = recipients.CHAIRS, recipients.SECRETARIAT, recipients.RTP

# step → (who is told, whether an answer goes to the group's secretariat, where the link leads)
NOTIFIES: dict[str, tuple[tuple[str, ...], bool, str]] = {
    "circulate": ((CHAIRS,), True, "approve"),
    "approve": ((SECRETARIAT,), False, "send"),
    "chair_return": ((SECRETARIAT,), False, "edit"),
    "send": ((RTP,), True, "publish"),
    "return": ((SECRETARIAT,), False, "edit"),
    "publish": ((SECRETARIAT, CHAIRS), False, "detail"),
}


def link(meeting_id: int, target: str) -> str:
    if target == "edit":
        return reverse("minutes:edit", args=[meeting_id])
    if target == "detail":
        return reverse("minutes:detail", args=[meeting_id])
    return reverse("minutes:steps", args=[meeting_id, target])


def step_taken(versions: list, step: str, *, actor, comment: str = "") -> list:
    """After a step on these versions (of one meeting's minutes): the people whose turn it now is are told."""
    if step not in NOTIFIES or not versions:
        return []
    who, answers, target = NOTIFIES[step]
    minutes = versions[0].minutes
    meeting = minutes.meeting
    group = meeting.group
    number = MinutesStep.objects.filter(version__minutes=minutes).count()
    languages = sorted(v.language for v in versions)
    until = next((v.comments_until for v in versions if v.comments_until), None)
    return notify(
        recipients.for_roles(group, who),
        kind=f"minutes.{step}",
        key=f"minutes:{minutes.pk}:{step}:{number}",
        template_prefix=f"minutes/email/step_{step}_",
        context=lambda lang: {
            "group_name": localized(group, "name", lang),
            "meeting_title": localized(meeting, "title", lang),
            "meeting_date": formats.date_format(timezone.localdate(meeting.start), "DATE_FORMAT"),
            "languages": ", ".join(str(language_name(code)) for code in languages),
            "comments_until": formats.date_format(until, "DATE_FORMAT") if until else "",
            "comment": comment,
            "actor_name": actor_name(actor, lang),
        },
        path=lambda lang: link(meeting.pk, target),
        reply_to=recipients.secretariat_addresses(group) if answers else (),
        exclude=actor,
    )
