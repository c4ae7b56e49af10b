"""Imports have caps: a file too large, or with too many rows, is refused quickly with a message (issue 8).

The worst files seen: a 128 KB XLSX of 200,000 rows and a 2 MB CSV each held a worker past its 30 s limit.
"""

import io
import re
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from roundtable.directory.models import Person

HEADER = ["name_lo", "name_en", "organisation", "email"]
# Refusing one of the worst files takes a fraction of a second; the bound leaves room for a loaded machine.
QUICK = 5.0
PERSON_ROW = "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in ("ກ{n}", "A{n}", "WHO"))
PERSON_ROW = f"<row>{PERSON_ROW}</row>"


def workbook_with_rows(
    rows: int, *, row_xml: str | None = None, dimension: str | None = None, tmp_path=None
) -> bytes:
    """An XLSX made by openpyxl (write-only) whose sheet then holds `rows` copies of a data row (`row_xml`,
    where "{n}" is the copy's number; by default a person "A{n}" of WHO without an email).

    openpyxl takes about 15 s to write 200,000 rows; repeating the row's XML takes a fraction of a second and
    gives the file an attacker would send (identical rows without a number compress a thousandfold).
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    sheet.append(["ກ", "A", "WHO", ""])
    path = tmp_path / "skeleton.xlsx"
    book.save(path)
    out = io.BytesIO()
    with zipfile.ZipFile(path) as skeleton, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in skeleton.infolist():
            data = skeleton.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                data_row = re.search(r'<row r="2">.*?</row>', xml).group(0)
                template = row_xml or PERSON_ROW
                if "{n}" in template:
                    repeated = "".join(template.replace("{n}", str(n)) for n in range(rows))
                else:
                    repeated = template * rows
                xml = xml.replace(data_row, repeated)
                if dimension:
                    xml = xml.replace("</sheetPr>", f'</sheetPr><dimension ref="{dimension}"/>')
                data = xml.encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def post(client, name: str, content: bytes, kind: str = "people"):
    started = time.perf_counter()
    response = client.post("/en/directory/import/", {"kind": kind, "file": SimpleUploadedFile(name, content)})
    return response, time.perf_counter() - started


@pytest.fixture
def rtp(world, client_for):
    return client_for(world.user("rtp"))


def test_a_128_kb_xlsx_of_200000_rows_is_refused_quickly(rtp, tmp_path):
    content = workbook_with_rows(
        200_000, row_xml='<row><c t="inlineStr"><is><t>A</t></is></c></row>', tmp_path=tmp_path
    )
    assert len(content) < 128 * 1024
    before = Person.objects.count()
    response, elapsed = post(rtp, "people.xlsx", content)
    html = response.content.decode()
    assert response.status_code == 200 and "more than 5000 rows" in html
    assert elapsed < QUICK, elapsed
    assert 'name="token"' not in html and Person.objects.count() == before


def test_a_2_mb_csv_is_refused_quickly(rtp):
    row = ",ກ,A,,WHO,,\n"
    header = "title,name_lo,name_en,position,organisation,email,phone\n"
    content = (header + row * ((2_000_000 - len(header)) // len(row.encode()))).encode()
    assert 1_900_000 < len(content) <= 2_000_000
    response, elapsed = post(rtp, "people.csv", content)
    html = response.content.decode()
    assert response.status_code == 200 and "more than 5000 rows" in html
    assert elapsed < QUICK, elapsed


def test_a_file_over_the_row_cap_is_refused_in_the_form_which_keeps_its_choice(rtp, settings):
    settings.RT_IMPORT_MAX_ROWS = 3
    text = "name_lo,name_en,acronym,kind\n" + "".join(f"ກ{i},Org {i},O{i},other\n" for i in range(4))
    response, _elapsed = post(rtp, "orgs.csv", text.encode(), kind="organisations")
    html = response.content.decode()
    assert "more than 3 rows" in html and 'class="errorlist"' in html
    # The form is shown again with what was chosen (a browser never keeps the file itself).
    assert re.search(r'<option value="organisations" selected>', html)
    # At the cap it is read.
    text = "name_lo,name_en,organisation,email\n" + "".join(
        f"ກ{i},A{i},WHO,a{i}@example.la\n" for i in range(3)
    )
    assert 'name="token"' in post(rtp, "people.csv", text.encode())[0].content.decode()


def test_blank_rows_count_towards_the_work_a_file_may_cost(rtp, settings):
    settings.RT_IMPORT_MAX_ROWS = 3
    text = "name_lo,name_en,organisation,email\nກ,A,WHO,a@example.la\n" + ",,,\n" * 100
    assert "more than 3 rows" in post(rtp, "people.csv", text.encode())[0].content.decode()


def test_an_xlsx_stating_a_smaller_size_than_it_has_is_still_read_whole(rtp, tmp_path):
    """openpyxl trusts the sheet's <dimension>: A1:D2 would make it stop after two rows, silently."""
    content = workbook_with_rows(12, dimension="A1:D2", tmp_path=tmp_path)
    rtp.post("/en/directory/import/", {"kind": "people", "file": SimpleUploadedFile("p.xlsx", content)})
    assert len(rtp.session["directory_import"]["rows"]) == 12
    response, elapsed = post(rtp, "p.xlsx", workbook_with_rows(6000, dimension="A1:D2", tmp_path=tmp_path))
    assert "more than 5000 rows" in response.content.decode() and elapsed < QUICK


def test_an_xlsx_claiming_a_million_rows_and_every_column_reads_only_what_is_there(rtp, tmp_path):
    content = workbook_with_rows(3, dimension="A1:XFD1048576", tmp_path=tmp_path)
    started = time.perf_counter()
    rtp.post("/en/directory/import/", {"kind": "people", "file": SimpleUploadedFile("p.xlsx", content)})
    assert time.perf_counter() - started < QUICK
    assert len(rtp.session["directory_import"]["rows"]) == 3


def test_an_xlsx_with_a_row_far_down_is_refused_without_reading_a_million_empty_rows(rtp, tmp_path):
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    content = workbook_with_rows(1, row_xml=far, tmp_path=tmp_path)
    response, elapsed = post(rtp, "p.xlsx", content)
    assert "more than 5000 rows" in response.content.decode() and elapsed < QUICK


def test_an_xlsx_that_unpacks_too_large_is_refused(rtp, settings, tmp_path):
    settings.RT_IMPORT_MAX_UNPACKED_BYTES = 50_000
    content = workbook_with_rows(400, tmp_path=tmp_path)
    html = post(rtp, "p.xlsx", content)[0].content.decode()
    assert "too large once unpacked" in html and 'name="token"' not in html


def test_a_wide_row_is_cut_to_the_columns_an_import_reads(rtp, tmp_path):
    wide = '<row><c t="inlineStr"><is><t>ກ</t></is></c><c t="inlineStr"><is><t>A</t></is></c>' + (
        '<c t="inlineStr"><is><t>WHO</t></is></c><c r="XFD3"><v>1</v></c></row>'
    )
    content = workbook_with_rows(1, row_xml=wide, tmp_path=tmp_path)
    rtp.post("/en/directory/import/", {"kind": "people", "file": SimpleUploadedFile("p.xlsx", content)})
    assert rtp.session["directory_import"]["rows"][0]["values"]["name_en"] == "A"
