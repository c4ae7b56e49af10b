import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roundtable.meetings import services
from roundtable.meetings.models import MeetingDocument

from .conftest import FULL_LADDER, INSIDERS, MANAGERS, officer

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="agenda.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def upload(client, meeting, file, visibility="members"):
    url = reverse("meetings:document_add", args=[meeting.pk])
    return client.post(
        url, {"title": "Paper", "file": file, "visibility": visibility, "language": "en", "agenda_item": ""}
    )


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_only_managers_upload_documents(world, client_for, internal_meeting, persona):
    upload(client_for(world.user(persona)), internal_meeting, pdf())
    assert MeetingDocument.objects.exists() is (persona in MANAGERS)


@pytest.mark.parametrize(
    "file,message",
    [
        (
            SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
            "are not accepted",
        ),
        (SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"), "empty"),
        (
            SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>", content_type="application/pdf"),
            "does not match its name",
        ),
    ],
    ids=["wrong-type", "empty", "disguised"],
)
def test_bad_uploads_are_refused_with_a_clear_message(
    english, world, client_for, internal_meeting, file, message
):
    response = upload(client_for(world.user("secretariat")), internal_meeting, file)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MeetingDocument.objects.exists()


def test_an_oversize_upload_is_refused(english, world, client_for, internal_meeting, settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "UPLOAD_MAX_BYTES": 20}
    response = upload(client_for(world.user("secretariat")), internal_meeting, pdf(content=PDF + b" " * 100))
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not MeetingDocument.objects.exists()


def add(meeting, visibility):
    return services.document_add(
        actor=officer(),
        meeting=meeting,
        upload=pdf(f"{visibility}.pdf"),
        title=visibility,
        visibility=visibility,
    )


@pytest.mark.parametrize("persona", FULL_LADDER)
def test_documents_of_a_public_meeting_are_downloaded_according_to_their_visibility(
    world, client_for, public_meeting, persona
):
    client = client_for(world.user(persona))
    expected = {"public": True, "members": persona in INSIDERS, "secretariat": persona in MANAGERS}
    for visibility, allowed in expected.items():
        document = add(public_meeting, visibility)
        response = client.get(reverse("meetings:document", args=[document.pk]))
        assert (response.status_code == 200) is allowed, visibility
        if allowed:
            assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_meeting_page_lists_only_the_documents_the_visitor_may_read(
    world, client, client_for, public_meeting
):
    for visibility in ("public", "members", "secretariat"):
        add(public_meeting, visibility)
    public_body = client.get(f"/en/meetings/{public_meeting.pk}/").content.decode()
    member_body = client_for(world.user("member")).get(f"/en/meetings/{public_meeting.pk}/").content.decode()
    assert ">public<" in public_body and ">members<" not in public_body and ">secretariat<" not in public_body
    assert ">members<" in member_body and ">secretariat<" not in member_body


def test_a_document_of_an_internal_meeting_is_a_404_for_the_public_even_when_marked_public(
    world, client, internal_meeting
):
    document = add(internal_meeting, "public")
    assert client.get(reverse("meetings:document", args=[document.pk])).status_code == 404


def test_files_are_not_under_a_public_media_url(world, client, public_meeting):
    document = add(public_meeting, "members")
    assert client.get("/media/" + document.file.name).status_code == 404


def test_a_member_cannot_delete_a_document_and_the_secretariat_can(world, client_for, public_meeting):
    document = add(public_meeting, "members")
    url = reverse("meetings:document_delete", args=[document.pk])
    assert client_for(world.user("member")).post(url).status_code == 403
    assert client_for(world.user("member")).get(url).status_code == 403
    assert MeetingDocument.objects.filter(pk=document.pk).exists()
    # The meeting's "Remove" opens a confirmation first (a GET changes nothing), then the POST removes.
    secretariat = client_for(world.user("secretariat"))
    page = secretariat.get(public_meeting.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page
    confirm = secretariat.get(url)
    assert confirm.status_code == 200 and 'id="confirm"' in confirm.content.decode()
    assert MeetingDocument.objects.filter(pk=document.pk).exists()
    assert secretariat.post(url).status_code == 302
    assert not MeetingDocument.objects.exists()


def test_a_document_can_belong_to_an_agenda_item(world, client_for, public_meeting):
    item = public_meeting.agenda_items.first()
    client = client_for(world.user("secretariat"))
    url = reverse("meetings:document_add", args=[public_meeting.pk])
    client.post(
        url,
        {
            "title": "Minutes draft",
            "file": pdf(),
            "visibility": "public",
            "language": "",
            "agenda_item": item.pk,
        },
    )
    assert MeetingDocument.objects.get().agenda_item == item
