"""The minutes as one document in one language: what the page, the DOCX, the PDF and the API show.

Content (discussion, decisions, actions) is read strictly in the version's language: a published Lao
version must never leak English text that was not approved and published (and vice versa). Only the
titles of agenda items, which are public meeting information, fall back to the other language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from roundtable.core.i18n import localized
from roundtable.groups.models import ChairRole, ChairTerm
from roundtable.meetings.models import Participant
from roundtable.meetings.when import when_text

from .models import ActionPoint, Minutes, MinutesItem


def text_in(obj, field_name: str, lang: str) -> str:
    """The field in exactly this language, no fallback."""
    return (getattr(obj, f"{field_name}_{lang}", "") or "").strip()


@dataclass
class ActionRow:
    pk: int
    what: str
    responsible: str
    due_date: date | None
    status: str
    status_label: str
    is_overdue: bool


@dataclass
class ItemBlock:
    pk: int
    number: int
    title: str
    discussion: str
    decisions: list[str]
    actions: list[ActionRow]


@dataclass
class OrganisationAttendance:
    name: str
    acronym: str
    count: int
    people: list[str] = field(default_factory=list)


@dataclass
class MinutesDocument:
    lang: str
    meeting_title: str
    group_name: str
    group_code: str
    date: date
    start: object
    end: object
    all_day: bool
    venue: str
    chaired_by: str
    chair: str
    cochairs: list[str]
    organisations: list[OrganisationAttendance]
    gender_counts: dict[str, int]
    attendee_count: int
    items: list[ItemBlock]

    def when(self) -> str:
        """Date and time in Vientiane time, in the active language (both dates when it spans days)."""
        return when_text(self.start, self.end, self.all_day)


def minutes_queryset():
    """Minutes with everything the document needs, in a fixed number of queries."""
    actions = ActionPoint.objects.select_related("responsible_organisation", "responsible_person").order_by(
        "due_date", "id"
    )
    items = MinutesItem.objects.order_by("order", "id").prefetch_related(
        "decisions", Prefetch("action_points", queryset=actions)
    )
    attendees = (
        Participant.objects.filter(attended=True)
        .select_related("organisation", "person")
        .order_by("organisation_name", "name")
    )
    return Minutes.objects.select_related(
        "meeting", "meeting__group", "meeting__chair_person"
    ).prefetch_related(
        "versions",
        Prefetch("items", queryset=items),
        Prefetch("meeting__participants", queryset=attendees, to_attr="attendees"),
    )


def chair_terms_on(group, on: date) -> list[ChairTerm]:
    return list(
        ChairTerm.objects.current(on)
        .filter(group=group)
        .select_related("organisation", "person")
        .order_by("role", "start_date", "pk")
    )


def _term_label(term: ChairTerm, lang: str) -> str:
    org = localized(term.organisation, "name", lang)
    if term.person_id:
        return f"{localized(term.person, 'name', lang)} ({org})"
    return org


def responsible_label(action: ActionPoint, lang: str, with_person: bool = True) -> str:
    parts = []
    if with_person and action.responsible_person_id:
        parts.append(localized(action.responsible_person, "name", lang))
    if action.responsible_organisation_id:
        org = action.responsible_organisation
        parts.append(org.acronym or localized(org, "name", lang))
    return " / ".join(parts)


def build_document(
    minutes: Minutes, lang: str, *, with_names: bool, terms: list[ChairTerm] | None = None
) -> MinutesDocument:
    """The document of `minutes` (loaded with minutes_queryset) in `lang`.

    `with_names`: list attendees' names under their organisation (members); the public sees only
    organisations and counts. Contact details are never part of the document.
    """
    from django.utils import translation

    from .models import ActionStatus

    meeting = minutes.meeting
    group = meeting.group
    day = timezone.localdate(meeting.start)
    terms = chair_terms_on(group, day) if terms is None else terms
    chair = next((t for t in terms if t.role == ChairRole.CHAIR), None)
    cochairs = [t for t in terms if t.role == ChairRole.COCHAIR]

    attendees = getattr(meeting, "attendees", None)
    if attendees is None:
        attendees = list(meeting.participants.filter(attended=True).select_related("organisation"))
    by_org: dict[str, OrganisationAttendance] = {}
    genders: Counter = Counter()
    for participant in attendees:
        org = participant.organisation
        name = localized(org, "name", lang) if org else (participant.organisation_name or "—")
        key = f"o{org.pk}" if org else f"n{name}"
        entry = by_org.setdefault(
            key, OrganisationAttendance(name=name, acronym=org.acronym if org else "", count=0)
        )
        entry.count += 1
        if with_names:
            entry.people.append(participant.name)
        genders[participant.gender if participant.gender in ("f", "m") else "o"] += 1

    with translation.override(lang):
        status_labels = {value: str(label) for value, label in ActionStatus.choices}
    items = []
    for number, item in enumerate(minutes.items.all(), start=1):
        decisions = [text for d in item.decisions.all() if (text := text_in(d, "text", lang))]
        actions = []
        for action in item.action_points.all():
            what = text_in(action, "what", lang)
            if not what:
                continue
            actions.append(
                ActionRow(
                    pk=action.pk,
                    what=what,
                    responsible=responsible_label(action, lang, with_person=with_names),
                    due_date=action.due_date,
                    status=action.status,
                    status_label=status_labels.get(action.status, action.status),
                    is_overdue=action.is_overdue,
                )
            )
        items.append(
            ItemBlock(
                pk=item.pk,
                number=number,
                title=localized(item, "title", lang),
                discussion=text_in(item, "discussion", lang),
                decisions=decisions,
                actions=actions,
            )
        )

    return MinutesDocument(
        lang=lang,
        meeting_title=localized(meeting, "title", lang),
        group_name=localized(group, "name", lang),
        group_code=group.code,
        date=day,
        start=timezone.localtime(meeting.start),
        end=timezone.localtime(meeting.end),
        all_day=meeting.all_day,
        # In the document's language where the meeting has it in both (venue_lo/venue_en), else as stored.
        venue=localized(meeting, "venue", lang) or str(getattr(meeting, "venue", "") or ""),
        chaired_by=localized(meeting.chair_person, "name", lang) if meeting.chair_person_id else "",
        chair=_term_label(chair, lang) if chair else "",
        cochairs=[_term_label(t, lang) for t in cochairs],
        organisations=sorted(by_org.values(), key=lambda o: o.name),
        gender_counts={"f": genders["f"], "m": genders["m"], "o": genders["o"]},
        attendee_count=sum(genders.values()),
        items=items,
    )
