"""DOCX and PDF in the template's layout and in the version's language."""

import io

from django.urls import reverse
from docx import Document

from roundtable.minutes.models import MinutesStatus

from .conftest import LAO_ACTION, LAO_DECISION, set_status, version_of


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_lao_docx_shows_decisions_and_action_points_in_lao_in_the_template_layout(world, minutes, client):
    set_status(version_of(minutes, "lo"), MinutesStatus.PUBLISHED)
    response = client.get(reverse("minutes:export_docx", args=[minutes.meeting_id, "lo"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = docx_text(response.content)
    assert LAO_DECISION in text and LAO_ACTION in text
    assert "ກະຊວງສາທາລະນະສຸກ" in text  # header: the chair's ministry, in Lao
    assert "ຂໍ້ຕົກລົງ" in text  # "Decision", the column of the template, in Lao
    assert "The meeting endorsed" not in text  # no English in the Lao version


def test_the_english_docx_has_the_template_columns(world, minutes, client_for):
    response = client_for(world.user("member")).get(
        reverse("minutes:export_docx", args=[minutes.meeting_id, "en"])
    )
    text = docx_text(response.content)
    for column in ("Subject", "Decision", "Responsible", "Deadline"):
        assert column in text
    assert "MOH sends the budget report" in text and "30" in text


def test_the_pdf_is_a_pdf(world, minutes, client):
    set_status(version_of(minutes, "lo"), MinutesStatus.PUBLISHED)
    response = client.get(reverse("minutes:export_pdf", args=[minutes.meeting_id, "lo"]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_exports_of_unpublished_versions_are_not_public(world, minutes, client):
    for kind in ("export_docx", "export_pdf"):
        assert client.get(reverse(f"minutes:{kind}", args=[minutes.meeting_id, "lo"])).status_code == 404


def test_the_exports_and_the_page_give_both_vientiane_dates_of_a_meeting_past_midnight(world, client):
    from datetime import datetime

    from .conftest import VTE, make_meeting, make_minutes

    meeting = make_meeting(world, start=datetime(2025, 3, 10, 22, 0, tzinfo=VTE))  # until 01:00
    minutes = make_minutes(world, meeting)
    set_status(version_of(minutes, "en"), MinutesStatus.PUBLISHED)
    text = docx_text(client.get(reverse("minutes:export_docx", args=[meeting.pk, "en"])).content)
    assert "10 March 2025, 22:00 – 11 March 2025, 01:00" in text
    page = client.get(f"/en/minutes/{meeting.pk}/?version=en").content.decode()
    assert "10 March 2025, 22:00 – 11 March 2025, 01:00" in page
    lao = client.get(f"/lo/minutes/{meeting.pk}/?version=en").content.decode()
    assert "10 ມີນາ 2025, 22:00 – 11 ມີນາ 2025, 01:00" in lao
