"""The participant list (with contacts), the sign-in sheets, attendance and walk-ins."""

import io
import re

import pytest
from django.urls import reverse

from roundtable.meetings import services
from roundtable.meetings.models import Participant, ParticipantSource
from roundtable.meetings.stats import attendance

from .conftest import FULL_LADDER, MANAGERS, officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(world, public_meeting):
    services.participants_invite(actor=officer(), meeting=public_meeting)
    return public_meeting


def expected_status(persona: str) -> int:
    if persona in MANAGERS:
        return 200
    if persona == "anonymous":
        return 302
    return 403


@pytest.mark.parametrize("persona", FULL_LADDER)
@pytest.mark.parametrize("name", ["participants", "sheet_pdf", "sheet_docx"])
def test_the_participant_list_and_sheets_are_for_the_secretariat_only(
    world, client_for, invited, persona, name
):
    response = client_for(world.user(persona)).get(reverse(f"meetings:{name}", args=[invited.pk]))
    assert response.status_code == expected_status(persona)
    if response.status_code != 200:
        assert b"dara.private@example.la" not in response.content


def test_the_pdf_sign_in_sheet_is_a_pdf_with_the_participants(world, client_for, invited):
    response = client_for(world.user("secretariat")).get(reverse("meetings:sheet_pdf", args=[invited.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

    # The Lao font is embedded through its file:// @font-face (the names are in Lao script).
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from roundtable.core.pdf import FONTS
    from roundtable.meetings import sheets

    html = render_to_string("meetings/sheet.html", {**sheets._context(invited, officer()), **FONTS})
    assert "ດາລາ" in html
    assert FONTS["font_regular"] in html
    fonts = set(re.findall(rb"/BaseFont\s*/([^\s/]+)", HTML(string=html).write_pdf(uncompressed_pdf=True)))
    assert any(b"Noto" in name for name in fonts), fonts


def test_the_docx_sign_in_sheet_has_the_guidelines_columns_and_the_contacts(world, client_for, invited):
    from docx import Document

    response = client_for(world.user("rtp")).get(
        "/en" + reverse("meetings:sheet_docx", args=[invited.pk])[3:]
    )
    doc = Document(io.BytesIO(response.content))
    table = doc.tables[-1]  # the list; the first table is the heading's origin (core.docx.document_origin)
    header = [c.text for c in table.rows[0].cells]
    assert header == [
        "No.",
        "Name and surname",
        "Position",
        "Organisation",
        "Email",
        "Phone",
        "Gender",
        "Signature",
    ]
    text = "\n".join(c.text for row in table.rows for c in row.cells)
    assert "dara.private@example.la" in text and "+856 20 9999 1234" in text


def test_members_see_who_is_invited_but_no_contact_details_on_the_meeting_page(world, client_for, invited):
    body = client_for(world.user("member")).get(invited.get_absolute_url()).content.decode()
    assert "ດາລາ" in body or "Dara" in body
    assert "dara.private@example.la" not in body and "9999 1234" not in body


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "other_member"])
def test_the_public_meeting_page_shows_no_participants_to_outsiders(world, client_for, invited, persona):
    body = client_for(world.user(persona)).get(invited.get_absolute_url()).content.decode()
    assert "ດາລາ" not in body and "dara.private" not in body


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_only_managers_record_attendance(world, client_for, invited, persona):
    ids = list(invited.participants.values_list("pk", flat=True))
    client_for(world.user(persona)).post(reverse("meetings:attendance", args=[invited.pk]), {"attended": ids})
    assert invited.participants.filter(attended=True).count() == (len(ids) if persona in MANAGERS else 0)


def test_attendance_by_htmx_returns_the_updated_fragment(world, client_for, invited):
    p = invited.participants.first()
    response = client_for(world.user("secretariat")).post(
        reverse("meetings:attendance", args=[invited.pk]), {"attended": [p.pk]}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith("<form") and "<html" not in body
    assert list(invited.participants.filter(attended=True)) == [p]


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_only_managers_add_walk_ins(world, client_for, invited, persona):
    data = {
        "name": "Walk In",
        "position": "Officer",
        "organisation": world.japan.pk,
        "gender": "m",
        "email": "",
        "phone": "",
    }
    client_for(world.user(persona)).post(reverse("meetings:walk_in", args=[invited.pk]), data)
    exists = Participant.objects.filter(
        source=ParticipantSource.WALK_IN, name="Walk In", attended=True
    ).exists()
    assert exists is (persona in MANAGERS)


def test_attendance_is_counted_by_organisation_kind_and_gender(english, world, client, invited):
    services.attendance_record(
        actor=officer(), meeting=invited, attended_ids=invited.participants.values_list("pk", flat=True)
    )
    services.walk_in_add(
        actor=officer(), meeting=invited, name="Guest", organisation_name="Village association", gender="m"
    )
    result = attendance(invited)
    # Secretariat (f, MOH), chair (m, MOH), co-chair (f, JP), member (f, WHO), stakeholder (WHO), walk-in.
    assert result.total == 6 and result.women == 3 and result.men == 2
    kinds = dict(result.by_kind)
    assert kinds["Government ministry"] == 2 and kinds["Bilateral partner"] == 1 and kinds["Other"] == 1
    body = client.get("/en" + invited.get_absolute_url()[3:]).content.decode()
    assert "6 participants, 3 women" in body


def test_the_participant_page_runs_the_same_number_of_queries_for_few_and_many_participants(
    world, client_for, public_meeting
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.user("secretariat"))
    url = reverse("meetings:participants", args=[public_meeting.pk])
    for i in range(2):
        services.walk_in_add(actor=officer(), meeting=public_meeting, name=f"A{i}", organisation=world.who)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(20):
        services.walk_in_add(actor=officer(), meeting=public_meeting, name=f"B{i}", organisation=world.japan)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
