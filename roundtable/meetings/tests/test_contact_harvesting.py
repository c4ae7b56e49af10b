"""Inviting someone is no way round the directory's rule on contacts (issue 8).

A secretariat could invite any person of the directory and then read their email and phone on the
participant list and the sign-in sheets. Contacts there follow the directory's rule (the viewer may see
them: `directory.permissions.can_view_contact`), plus what was given for the meeting itself (a substitute
named in an answer, a walk-in). Inviting someone outside the group's stakeholder list is said before
anything is sent.
"""

import io

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse

from roundtable.directory.permissions import can_view_contact
from roundtable.meetings import services, sheets
from roundtable.meetings.models import Participant

from .conftest import make_meeting, officer

pytestmark = pytest.mark.django_db

DARA_EMAIL = "dara.private@example.la"
DARA_PHONE = "9999 1234"


@pytest.fixture
def education_meeting(world):
    """An Education meeting to which Education's secretariat invited Dara, who is of Health only."""
    meeting = make_meeting(world.education, title_en="Education SWG meeting")
    services.participants_invite(
        actor=world.user("other_secretariat"),
        meeting=meeting,
        stakeholders=True,
        people=[world.people["stakeholder"]],
        outside_confirmed=True,
        notify=False,
    )
    return meeting


@pytest.fixture
def capture_sheet_html(monkeypatch):
    """The HTML the PDF sheet is made from (the PDF's text is compressed: read it before WeasyPrint)."""
    seen: list[str] = []

    def fake_render_document(template: str, context: dict, meta) -> bytes:
        seen.append(render_to_string(template, {**meta.context(), **context}))
        return b"%PDF-1.7 fake"

    monkeypatch.setattr(sheets, "render_document", fake_render_document)
    return seen


def docx_text(content: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(content))
    return "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)


def test_the_directory_hides_daras_contacts_from_educations_secretariat(world):
    assert not can_view_contact(world.user("other_secretariat"), world.people["stakeholder"])


def test_a_secretariat_does_not_read_the_contacts_of_someone_it_invited_from_outside_its_groups(
    world, client_for, education_meeting, capture_sheet_html
):
    client = client_for(world.user("other_secretariat"))
    page = client.get(reverse("meetings:participants", args=[education_meeting.pk])).content.decode()
    assert "Dara" in page or "ດາລາ" in page
    assert DARA_EMAIL not in page and DARA_PHONE not in page
    # Their own group's stakeholders keep their contacts on the list.
    assert world.people["other_member"].email in page

    # The htmx fragment of the attendance, after a save.
    fragment = client.post(
        reverse("meetings:attendance", args=[education_meeting.pk]),
        {"attended": list(education_meeting.participants.values_list("pk", flat=True))},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Dara" in fragment or "ດາລາ" in fragment
    assert DARA_EMAIL not in fragment and DARA_PHONE not in fragment

    docx = client.get(reverse("meetings:sheet_docx", args=[education_meeting.pk]))
    text = docx_text(docx.content)
    assert "Dara" in text or "ດາລາ" in text
    assert DARA_EMAIL not in text and DARA_PHONE not in text
    assert world.people["other_member"].email in text

    pdf = client.get(reverse("meetings:sheet_pdf", args=[education_meeting.pk]))
    assert pdf.status_code == 200
    (html,) = capture_sheet_html
    assert "ດາລາ" in html or "Dara" in html
    assert DARA_EMAIL not in html and DARA_PHONE not in html
    assert world.people["other_member"].email in html


def test_the_rtp_secretariat_reads_every_contact_as_in_the_directory(
    world, client_for, education_meeting, capture_sheet_html
):
    client = client_for(world.user("rtp"))
    page = client.get(reverse("meetings:participants", args=[education_meeting.pk])).content.decode()
    assert DARA_EMAIL in page
    docx = client.get(reverse("meetings:sheet_docx", args=[education_meeting.pk]))
    assert DARA_EMAIL in docx_text(docx.content)
    client.get(reverse("meetings:sheet_pdf", args=[education_meeting.pk]))
    assert DARA_EMAIL in capture_sheet_html[0]


def test_what_a_substitute_and_a_walk_in_gave_for_the_meeting_is_on_the_list_for_its_managers(
    world, client_for, education_meeting, capture_sheet_html
):
    dara = Participant.objects.get(meeting=education_meeting, person=world.people["stakeholder"])
    services.participant_answer(
        participant=dara,
        response="substitute",
        substitute={"name": "Deputy Sengphet", "email": "sengphet@who.example", "phone": "+856 21 111 222"},
        notify=False,
    )
    services.walk_in_add(
        actor=officer(),
        meeting=education_meeting,
        name="Walk-in Bee",
        email="bee@ngo.example",
        phone="+856 30 7",
    )
    client = client_for(world.user("other_secretariat"))
    page = client.get(reverse("meetings:participants", args=[education_meeting.pk])).content.decode()
    for given in ("sengphet@who.example", "+856 21 111 222", "bee@ngo.example", "+856 30 7"):
        assert given in page
    assert DARA_EMAIL not in page
    text = docx_text(client.get(reverse("meetings:sheet_docx", args=[education_meeting.pk])).content)
    assert "sengphet@who.example" in text and "bee@ngo.example" in text and DARA_EMAIL not in text


def test_the_sign_in_sheet_rows_hide_the_contacts_the_viewer_may_not_see(world, education_meeting):
    rows = {row["email"] for row in sheets.sheet_rows(education_meeting, world.user("other_secretariat"))}
    assert DARA_EMAIL not in rows
    rows = {row["email"] for row in sheets.sheet_rows(education_meeting, world.user("rtp"))}
    assert DARA_EMAIL in rows


# --- the invite page says who is outside the stakeholder list before sending -------------------------


def test_inviting_someone_outside_the_stakeholder_list_is_said_and_nothing_is_sent(
    english, world, client_for, internal_meeting, django_capture_on_commit_callbacks
):
    client = client_for(world.user("secretariat"))
    url = reverse("meetings:invite", args=[internal_meeting.pk])
    outsider = world.people["other_member"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"stakeholders": "on", "people": [outsider.pk]})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="outside-stakeholders"' in body
    assert "Khamla Inthavong" in body and "MOES" in body
    assert "Confirm and send the invitations" in body
    # The confirmation carries the people it was shown for.
    assert f'name="outside_confirmed" value="{outsider.pk}"' in body
    assert not Participant.objects.filter(meeting=internal_meeting).exists()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"stakeholders": "on", "people": [outsider.pk], "outside_confirmed": [outsider.pk]}
        )
    assert response.status_code == 302
    assert internal_meeting.participants.filter(person=outsider).exists()
    assert outsider.email in [m.to[0] for m in mail.outbox]


def test_a_confirmation_covers_only_the_people_it_was_shown_for(english, world, client_for, internal_meeting):
    client = client_for(world.user("secretariat"))
    url = reverse("meetings:invite", args=[internal_meeting.pk])
    first, second = world.people["other_member"], world.people["other_secretariat"]
    response = client.post(url, {"people": [first.pk, second.pk], "outside_confirmed": [first.pk]})
    assert response.status_code == 200
    assert "Phonesavanh Douangdy" in response.content.decode()
    assert not Participant.objects.filter(meeting=internal_meeting).exists()


def test_people_on_the_stakeholder_list_are_invited_without_a_confirmation(
    world, client_for, internal_meeting
):
    client = client_for(world.user("secretariat"))
    response = client.post(
        reverse("meetings:invite", args=[internal_meeting.pk]),
        {"people": [world.people["member"].pk, world.people["stakeholder"].pk]},
    )
    assert response.status_code == 302
    assert internal_meeting.participants.count() == 2


def test_the_service_refuses_outsiders_without_the_confirmation(world, internal_meeting):
    with pytest.raises(services.Refused) as refused:
        services.participants_invite(
            actor=officer(), meeting=internal_meeting, people=[world.people["other_member"]], notify=False
        )
    assert refused.value.code == "outside_stakeholders"
    assert not Participant.objects.filter(meeting=internal_meeting).exists()
