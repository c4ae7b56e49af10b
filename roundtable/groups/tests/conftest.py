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


# Pages of other apps that these pages link to (the shell's menu, framework links). While those apps
# are being built, a missing URL name is stood in for, so that these tests test this app only. Done
# once, at import, before any URL resolver fills its caches.
OTHER_APPS_URLS = [
    ("roundtable.directory.urls", "organisations", "organisations/"),
    ("roundtable.directory.urls", "organisation", "organisations/<int:pk>/"),
    ("roundtable.frameworks.urls", "list", ""),
    ("roundtable.frameworks.urls", "detail", "<slug:code>/"),
]


def _stand_in_for_missing_urls() -> None:
    from importlib import import_module

    from django.http import HttpResponse
    from django.urls import path

    for module_name, name, route in OTHER_APPS_URLS:
        module = import_module(module_name)
        if not any(getattr(p, "name", None) == name for p in module.urlpatterns):
            module.urlpatterns.append(
                path(route, lambda request, **kw: HttpResponse("placeholder"), name=name)
            )


_stand_in_for_missing_urls()
