"""What meetings add to the site-wide search: each meeting (title, venue, agenda) and its documents (the text
of their PDF and DOCX files).

Visibility is the pages' (meetings.permissions):
- a meeting: `can_view` — public meetings to everyone; besides, the insiders: the group's members and the RTP
  Secretariat (the grant "meetings.insider", asked per group) and the invitees (the document's `people`);
- a document: `can_view_document` — a public document of a public meeting to everyone; a members' document,
  or a public one of an internal meeting, to the insiders; a secretariat's document to those who manage the
  group's meetings (`can_schedule`, the grant "meetings.manager").
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.core import permissions as core
from roundtable.core.search import (
    ANONYMOUS,
    Document,
    SearchProvider,
    document_text,
    join,
    register_provider,
    urls,
)
from roundtable.groups import roles

from . import permissions
from .models import AgendaItem, Meeting, MeetingDocument, Participant, Visibility


def insider_of_group(user, group) -> bool:
    """The group's half of `permissions.is_insider`: a member of the group, or the RTP Secretariat (the
    invitees, the other half, are each document's `people`)."""
    return core.is_rtp_secretariat(user) or roles.is_group_member(user, group)


def invitee_ids(meeting: Meeting) -> set[int]:
    """The directory people on the participant list (`permissions._is_invited`), from the prefetch."""
    return {p.person_id for p in meeting.participants.all() if p.person_id}


def _local_date(meeting: Meeting):
    return timezone.localdate(meeting.start)


class MeetingProvider(SearchProvider):
    name = "meetings.meeting"
    label = _("Meeting")
    model = Meeting
    order = 20
    grants = {"meetings.insider": insider_of_group}
    watches = {
        AgendaItem: lambda item: [item.meeting_id],
        Participant: lambda participant: [participant.meeting_id],
    }

    def records(self):
        return Meeting.objects.select_related("group").prefetch_related("agenda_items", "participants")

    def documents(self, meeting: Meeting) -> list[Document]:
        url_lo, url_en = urls("meetings:detail", meeting.pk)
        agenda = list(meeting.agenda_items.all())
        return [
            Document(
                title_lo=meeting.title_lo or meeting.title_en,
                title_en=meeting.title_en or meeting.title_lo,
                body_lo=join(meeting.venue_lo, *(a.title_lo for a in agenda)),
                body_en=join(meeting.venue_en, meeting.get_kind_display(), *(a.title_en for a in agenda)),
                group_id=meeting.group_id,
                date=_local_date(meeting),
                url_lo=url_lo,
                url_en=url_en,
                public=permissions.can_view(ANONYMOUS, meeting),
                access="meetings.insider",
                people=invitee_ids(meeting),
            )
        ]


def _has_lao(value: str) -> bool:
    return any("\u0e80" <= c <= "\u0eff" for c in value[:2000])


class MeetingDocumentProvider(SearchProvider):
    name = "meetings.document"
    label = _("Document")
    model = MeetingDocument
    order = 60
    grants = {"meetings.insider": insider_of_group, "meetings.manager": permissions.can_schedule}
    watches = {
        Meeting: lambda meeting: meeting.documents.values_list("pk", flat=True),
        Participant: lambda participant: MeetingDocument.objects.filter(
            meeting_id=participant.meeting_id
        ).values_list("pk", flat=True),
    }

    def records(self):
        return MeetingDocument.objects.select_related("meeting", "meeting__group").prefetch_related(
            "meeting__participants"
        )

    def documents(self, document: MeetingDocument) -> list[Document]:
        meeting = document.meeting
        url_lo, url_en = urls("meetings:document", document.pk)
        cache: dict[str, str] = {}

        def file_text() -> str:
            if "text" not in cache:
                cache["text"] = document_text(document.file)
            return cache["text"]

        # The file's text goes under its language (or, unsaid, the language it is written in).
        def body(lang: str):
            def read() -> str:
                value = file_text()
                said = document.language or ("lo" if _has_lao(value) else "en")
                return value if said == lang else ""

            return read

        secretariat_only = document.visibility == Visibility.SECRETARIAT
        return [
            Document(
                title_lo=document.title,
                title_en=document.title,
                body_lo=body("lo"),
                body_en=body("en"),
                group_id=meeting.group_id,
                date=_local_date(meeting),
                url_lo=url_lo,
                url_en=url_en,
                public=permissions.can_view_document(ANONYMOUS, document),
                access="meetings.manager" if secretariat_only else "meetings.insider",
                people=set() if secretariat_only else invitee_ids(meeting),
                source=document.file.name or "",
            )
        ]


register_provider(MeetingProvider())
register_provider(MeetingDocumentProvider())
