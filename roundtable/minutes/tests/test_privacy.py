"""The public never sees unpublished minutes, on any path of this app, nor anyone's email or phone."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from roundtable.minutes.models import MinutesStatus

from .conftest import make_meeting, make_minutes, set_status, version_of

SECRET = "SECRET-UNPUBLISHED-TEXT"
EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(rb"\+856[\d ]{6,}")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def mixed(world):
    """Minutes in every state; the only published text is one Lao version."""
    from datetime import datetime

    from .conftest import VTE

    published = make_minutes(world)
    lo = set_status(version_of(published, "lo"), MinutesStatus.PUBLISHED)
    lo.signed_pdf.save("signed.pdf", ContentFile(PDF))
    en = set_status(
        version_of(published, "en"), MinutesStatus.SENT
    )  # English not published: its text must not leak
    en.signed_pdf.save("signed-en.pdf", ContentFile(PDF))
    item = published.items.get(order=3)
    item.discussion_en = SECRET
    item.save()
    others = []
    for month, status in enumerate(
        [
            MinutesStatus.DRAFT,
            MinutesStatus.CIRCULATED,
            MinutesStatus.CHAIR_APPROVED,
            MinutesStatus.SENT,
            MinutesStatus.RETURNED,
        ],
        start=4,
    ):
        meeting = make_meeting(
            world,
            start=datetime(2025, month, 10, 9, 0, tzinfo=VTE),
            title_en=f"{SECRET} {status}",
            title_lo=f"{SECRET} {status}",
        )
        minutes = make_minutes(world, meeting)
        for version in minutes.versions.all():
            set_status(version, status)
        it = minutes.items.get(order=3)
        it.discussion_lo = it.discussion_en = SECRET
        it.save()
        others.append(minutes)
    return published, others


def public_paths(published, others):
    paths = []
    for lang in ("lo", "en"):
        paths += [f"/{lang}/minutes/", f"/{lang}/minutes/?group=health", f"/{lang}/minutes/?year=2025"]
        paths.append(reverse("minutes:detail", args=[published.meeting_id]).replace("/lo/", f"/{lang}/"))
        paths.append(
            reverse("minutes:detail", args=[published.meeting_id]).replace("/lo/", f"/{lang}/")
            + "?version=en"
        )
    for lang in ("lo", "en"):
        for kind in ("export_docx", "export_pdf", "signed_pdf"):
            paths.append(reverse(f"minutes:{kind}", args=[published.meeting_id, lang]))
    for minutes in others:
        paths.append(reverse("minutes:detail", args=[minutes.meeting_id]))
        for lang in ("lo", "en"):
            for kind in ("export_docx", "export_pdf", "signed_pdf"):
                paths.append(reverse(f"minutes:{kind}", args=[minutes.meeting_id, lang]))
    paths += [
        "/test-api/v1/minutes/",
        f"/test-api/v1/minutes/{published.meeting_id}/",
        "/test-api/v1/action-points/",
    ]
    paths += [f"/test-api/v1/minutes/{m.meeting_id}/" for m in others]
    return paths


@pytest.mark.urls("roundtable.minutes.tests.urls_api")
def test_the_public_finds_no_unpublished_minutes_and_no_contact_details_on_any_path(world, mixed, client):
    from django.contrib.sitemaps.views import sitemap

    from roundtable.core.sitemaps import SITEMAPS

    published, others = mixed
    seen_ok = 0
    for path in public_paths(published, others):
        response = client.get(path)
        body = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        )
        assert SECRET.encode() not in body, path
        if response.status_code == 200:
            seen_ok += 1
            if path.endswith((".docx", ".pdf")):
                continue
            assert not EMAIL.search(body), (path, EMAIL.search(body))
            assert not PHONE.search(body), path
        else:
            assert response.status_code == 404, (path, response.status_code)
    # The published Lao version is really there: page, exports, signed PDF, API.
    assert client.get(f"/en/minutes/{published.meeting_id}/").status_code == 200
    assert client.get(reverse("minutes:signed_pdf", args=[published.meeting_id, "lo"])).status_code == 200
    assert client.get(reverse("minutes:signed_pdf", args=[published.meeting_id, "en"])).status_code == 404
    assert seen_ok >= 12

    # The site map lists the published minutes only.
    from django.test import RequestFactory

    request = RequestFactory().get("/sitemap.xml")
    response = sitemap(request, sitemaps=SITEMAPS)
    response.render()
    xml = response.content.decode()
    assert f"/lo/minutes/{published.meeting_id}/" in xml and f"/en/minutes/{published.meeting_id}/" in xml
    for minutes in others:
        assert f"/minutes/{minutes.meeting_id}/" not in xml


def test_public_minutes_show_attending_organisations_and_gender_counts_but_no_names(world, mixed, client):
    published, _ = mixed
    body = client.get(f"/en/minutes/{published.meeting_id}/").content.decode()
    # Only the Lao version is published: the English page shows it, in Lao.
    assert "ອົງການອະນາໄມໂລກ" in body and "Lao Red Cross" in body
    assert "Noy Chanthavong" not in body  # an attendee's name is for members
    assert "ນ້ອຍ ຈັນທະວົງ" not in body  # nor the responsible person of an action point
    assert "Women" in body


def test_members_see_drafts_of_their_group_with_names_but_never_contacts(world, mixed, client_for):
    _, others = mixed
    draft = others[0]
    member = client_for(world.user("member"))
    response = member.get(reverse("minutes:detail", args=[draft.meeting_id]))
    assert response.status_code == 200
    body = response.content
    assert SECRET.encode() in body and b"Noy Chanthavong" in body
    assert not EMAIL.search(body) and not PHONE.search(body)
    assert member.get(reverse("minutes:export_docx", args=[draft.meeting_id, "lo"])).status_code == 200
    other = client_for(world.user("other_member"))
    assert other.get(reverse("minutes:detail", args=[draft.meeting_id])).status_code == 404
    assert other.get(reverse("minutes:export_pdf", args=[draft.meeting_id, "lo"])).status_code == 404
