from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

VIENTIANE = ZoneInfo("Asia/Vientiane")

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name: str = "tor.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def noon(year: int, month: int, day: int) -> datetime:
    """A moment in Vientiane, for time_machine."""
    return datetime(year, month, day, 12, 0, tzinfo=VIENTIANE)


@pytest.fixture
def unesco(world):
    from roundtable.directory.models import Organisation

    return Organisation.objects.create(
        name_en="UNESCO", name_lo="ຢູແນສໂກ", acronym="UNESCO", kind="multilateral"
    )
