"""A small searchable world on top of `world`: public and internal meetings, minutes in several states, work
plans published and draft, framework items, a meeting document with a PDF and one with a DOCX.

Records are written as the apps write them, and the index follows through its signals: each fixture runs
its writes under `django_capture_on_commit_callbacks(execute=True)`, so the commit hooks (the narrowing, the
reindexing task on the immediate backend) run as they do in production.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile

from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.meetings.models import MeetingDocument
from roundtable.minutes.models import Decision
from roundtable.minutes.tests.conftest import make_meeting, make_minutes, set_status, version_of
from roundtable.search.query import Scope, search
from roundtable.workplans.models import Priority, WorkPlan

FUNDING_LO = "ກອງປະຊຸມໄດ້ປຶກສາຫາລືກ່ຽວກັບແຫຼ່ງທຶນສຳລັບໂຄງການບຸລິມະສິດ"
DRAFT_LO = "ຮ່າງແຜນງານກ່ຽວກັບວັກຊີນສຳລັບເດັກນ້ອຍ"


@dataclass
class Corpus:
    world: object
    published_minutes: object
    draft_minutes: object
    internal_meeting: object
    plan: object
    draft_plan: object
    pdf: object
    docx: object
    secret_doc: object


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF whose text layer says `text` (ASCII: the core PDF fonts have no Lao)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def found(q: str, user=None, **filters) -> list[tuple[str, int, str]]:
    """(type, record id, part) of what `user` (None: the public) finds for `q`, best first."""
    results = search(q, scope=Scope.for_user(user), **filters)
    return [(h.type, h.entry.object_id, h.entry.part) for h in results[0:100]]


def kinds_found(q: str, user=None, **filters) -> set[str]:
    return {kind for kind, _pk, _part in found(q, user, **filters)}


@pytest.fixture
def corpus(world, django_capture_on_commit_callbacks) -> Corpus:
    with django_capture_on_commit_callbacks(execute=True):
        meeting = make_meeting(world, title_en="Health SWG, first quarter")
        meeting.is_public = True
        meeting.save()
        published = make_minutes(world, meeting)
        item = published.items.get(order=3)
        item.discussion_lo = FUNDING_LO
        item.discussion_en = "The meeting discussed the funding sources for the priority programmes."
        item.save()
        set_status(version_of(published, "lo"), "published")
        set_status(version_of(published, "en"), "published")

        internal = make_meeting(world, title_en="Vaccination planning", title_lo="ການວາງແຜນວັກຊີນ")
        draft = make_minutes(world, internal)
        draft_item = draft.items.get(order=3)
        draft_item.discussion_lo = DRAFT_LO
        draft_item.discussion_en = "Draft programme on vaccines for children."
        draft_item.save()
        Decision.objects.create(item=draft_item, order=2, text_en="Procure cold chain refrigerators.")

        plan = WorkPlan.objects.create(
            group=world.health, year=2025, status="published", sector_strategy_en="Universal health coverage"
        )
        Priority.objects.create(
            workplan=plan, order=1, title_en="Maternal health services", title_lo="ການບໍລິການສຸຂະພາບແມ່ ແລະ ເດັກ"
        )
        draft_plan = WorkPlan.objects.create(
            group=world.health, year=2026, status="draft", sector_strategy_en="Hospital autonomy reform"
        )
        Priority.objects.create(workplan=draft_plan, order=1, title_en="Hospital autonomy pilot")

        sdg = Framework.objects.create(
            kind="sdg", code="sdg", name_en="SDGs", name_lo="ເປົ້າໝາຍການພັດທະນາແບບຍືນຍົງ"
        )
        FrameworkItem.objects.create(
            framework=sdg,
            level="goal",
            code="6",
            title_en="Ensure availability and sustainable management of water and sanitation for all",
            title_lo="ຮັບປະກັນການມີນ້ຳ ແລະ ສຸຂາພິບານ ສຳ ລັບທຸກຄົນ",
        )
        pdf = MeetingDocument(meeting=meeting, title="Budget annex", visibility="public", language="en")
        pdf.file.save(
            "annex.pdf", ContentFile(pdf_bytes("Immunisation coldchain logistics budget")), save=False
        )
        pdf.save()
        docx = MeetingDocument(meeting=meeting, title="ບົດສະເໜີ", visibility="members", language="lo")
        docx.file.save("note.docx", ContentFile(docx_bytes("ບົດສະເໜີກ່ຽວກັບງົບປະມານໂຮງໝໍເມືອງ")), save=False)
        docx.save()
        secret = MeetingDocument(meeting=meeting, title="Secretariat checklist", visibility="secretariat")
        secret.file.save("secret.docx", ContentFile(docx_bytes("Catering invoices")), save=False)
        secret.save()
    return Corpus(world, published, draft, internal, plan, draft_plan, pdf, docx, secret)


@pytest.fixture
def reindexed(corpus):
    from roundtable.search.index import reindex

    reindex()
    return corpus
