"""The signed PDF: PDF only, attached by the secretariat after approval, served through a permission check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from roundtable.minutes.models import MinutesStatus

from .conftest import set_status, version_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(client, minutes, name, content):
    with translation.override("en"):  # the messages are checked in English
        url = reverse("minutes:signed_upload", args=[minutes.meeting_id, "lo"])
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_the_secretariat_attaches_a_signed_pdf_that_members_can_download(world, minutes, client_for):
    set_status(version_of(minutes, "lo"), MinutesStatus.CHAIR_APPROVED)
    upload(client_for(world.user("secretariat")), minutes, "signed.pdf", PDF)
    version = version_of(minutes, "lo")
    assert version.signed_pdf
    url = reverse("minutes:signed_pdf", args=[minutes.meeting_id, "lo"])
    response = client_for(world.user("member")).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for(None).get(url).status_code == 404  # not public before publication
    set_status(version, MinutesStatus.PUBLISHED)
    assert client_for(None).get(url).status_code == 200


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("signed.docx", b"PK\x03\x04xxxx", "are not accepted"),
        ("signed.pdf", b"", "empty"),
        ("signed.pdf", b"MZ\x90\x00 not a pdf at all", "does not match"),
    ],
)
def test_wrong_files_are_refused_with_a_clear_message(world, minutes, client_for, name, content, message):
    set_status(version_of(minutes, "lo"), MinutesStatus.CHAIR_APPROVED)
    response = upload(client_for(world.user("secretariat")), minutes, name, content)
    assert message in response.content.decode()
    assert not version_of(minutes, "lo").signed_pdf


@pytest.mark.parametrize("role", ["member", "chair", "rtp"])
def test_only_the_secretariat_attaches_the_signed_pdf(world, minutes, client_for, role):
    set_status(version_of(minutes, "lo"), MinutesStatus.CHAIR_APPROVED)
    upload(client_for(world.user(role)), minutes, "signed.pdf", PDF)
    assert not version_of(minutes, "lo").signed_pdf


def test_a_signed_pdf_waits_for_the_chairs_approval(world, minutes, client_for):
    upload(client_for(world.user("secretariat")), minutes, "signed.pdf", PDF)
    assert not version_of(minutes, "lo").signed_pdf


def test_an_oversize_signed_pdf_is_refused_and_the_previous_one_kept(world, minutes, client_for, settings):
    version = set_status(version_of(minutes, "lo"), MinutesStatus.CHAIR_APPROVED)
    client = client_for(world.user("secretariat"))
    upload(client, minutes, "signed.pdf", PDF)
    first = version_of(minutes, "lo").signed_pdf.name
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "UPLOAD_MAX_BYTES": 20}
    response = upload(client, minutes, "signed.pdf", PDF + b" " * 100)
    assert "too large" in response.content.decode()
    version.refresh_from_db()
    assert version.signed_pdf.name == first
