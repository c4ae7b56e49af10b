import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from roundtable.conftest import LADDER


def xlsx_rows(response) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return list(workbook.worksheets[0].iter_rows(values_only=True))


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("persona", LADDER)
def test_organisations_export_is_public_and_has_lao_names(world, client_for, persona):
    response = client_for(world.user(persona)).get(
        reverse("directory:organisations_export"), {"format": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = xlsx_rows(response)
    assert rows[0][:4] == ("name_lo", "name_en", "acronym", "kind")
    assert ("ກະຊວງສາທາລະນະສຸກ", "Ministry of Health") in [row[:2] for row in rows]
    assert not any("@" in str(cell) for row in rows for cell in row if cell)


def test_organisations_export_follows_the_filters(world, client):
    rows = csv_rows(
        client.get(reverse("directory:organisations_export"), {"kind": "bilateral", "format": "csv"})
    )
    assert [row[1] for row in rows[1:]] == ["Embassy of Japan"]


@pytest.mark.parametrize("persona", LADDER)
def test_people_export_needs_a_login_and_fills_contacts_only_where_allowed(world, client_for, persona):
    response = client_for(world.user(persona)).get(reverse("directory:people_export"), {"format": "xlsx"})
    if persona == "anonymous":
        assert response.status_code == 302
        return
    rows = xlsx_rows(response)
    header = rows[0]
    by_name = {row[header.index("name_en")]: row for row in rows[1:]}
    dara = by_name["Dara Souvannasy"]
    assert dara[header.index("name_lo")] == "ດາລາ ສຸວັນນະສີ"
    sees = persona in {"member", "secretariat", "rtp"}
    assert (dara[header.index("email")] == "dara.private@example.la") is sees
    assert (dara[header.index("phone")] == "+856 20 9999 1234") is sees
    # Khamla (Education) is visible to Education's people only.
    khamla = by_name["Khamla Inthavong"]
    sees_khamla = persona in {"other_member", "other_secretariat", "rtp"}
    assert bool(khamla[header.index("email")]) is sees_khamla
    # Gender and language go with the contacts, as on the person's page.
    assert (khamla[header.index("gender")] == "f") is sees_khamla
    assert bool(khamla[header.index("preferred_language")]) is sees_khamla


def test_stakeholder_export_as_csv_has_lao_names_contacts_and_roles(world, client_for):
    response = client_for(world.user("member")).get(
        reverse("directory:stakeholders_export", args=["health"]), {"format": "csv"}
    )
    assert response.content.startswith("\ufeff".encode())
    rows = csv_rows(response)
    header = rows[0]
    assert header[-4:] == ["role", "on_behalf_of", "start_date", "end_date"]
    names = {row[header.index("name_lo")]: row for row in rows[1:]}
    assert "ດາລາ ສຸວັນນະສີ" in names and "ຄຳຫຼ້າ ອິນທະວົງ" not in names
    assert names["ດາລາ ສຸວັນນະສີ"][header.index("email")] == "dara.private@example.la"
    assert names["ວັນ ແກ້ວມະນີ"][header.index("role")] == "secretariat"


def test_export_guards_cells_that_would_run_as_formulas(world, client_for):
    dara = world.people["stakeholder"]
    dara.position = '=HYPERLINK("http://evil")'
    dara.save()
    client = client_for(world.user("rtp"))
    rows = csv_rows(client.get(reverse("directory:people_export"), {"format": "csv"}))
    assert any(row[3].startswith("'=") for row in rows)
    response = client.get(reverse("directory:people_export"), {"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c for row in workbook.active.iter_rows() for c in row if c.value == dara.position]
    assert cells and all(c.data_type == "s" for c in cells)


def test_an_export_can_be_imported_back_without_changes(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from roundtable.directory.models import Person

    client = client_for(world.user("rtp"))
    response = client.get(reverse("directory:people_export"), {"format": "xlsx"})
    before = Person.objects.count()
    file = SimpleUploadedFile("people.xlsx", response.content)
    html = client.post(reverse("directory:import"), {"kind": "people", "file": file}).content.decode()
    assert 'name="token"' in html
    client.post(reverse("directory:import_confirm"), {"token": client.session["directory_import"]["token"]})
    assert Person.objects.count() == before


# --- Spreadsheet safety: user text that a spreadsheet would run is written as text ----------------------

RISKY = ["=1+1", '+HYPERLINK("http://x")', "-2+3", "@SUM(A1)", "\tX", "\rX"]


@pytest.fixture
def risky_people(world):
    """People whose typed fields start like formulas (one value per field, so that each is checked)."""
    from roundtable.directory.models import Person

    people = []
    for number, text in enumerate(RISKY):
        people.append(
            Person.objects.create(
                name_en=f"Risky {number}",
                name_lo=text,
                title=text[:40],
                position=text,
                phone=text[:40],
                email=f"risky{number}@example.la",
                organisation=world.who,
            )
        )
    return people


def test_the_people_csv_quotes_every_cell_that_starts_like_a_formula(world, client_for, risky_people):
    rows = csv_rows(client_for(world.user("rtp")).get(reverse("directory:people_export"), {"format": "csv"}))
    header = rows[0]
    by_name = {row[header.index("name_en")]: row for row in rows[1:]}
    for number, text in enumerate(RISKY):
        row = by_name[f"Risky {number}"]
        for column in ("name_lo", "title", "position", "phone"):
            assert row[header.index(column)] == "'" + text[:40], (column, text)
    # An ordinary phone number starts with "+": it is quoted too (the import takes the quote off again).
    dara = by_name["Dara Souvannasy"]
    assert dara[header.index("phone")] == "'+856 20 9999 1234"


@pytest.mark.parametrize("url", ["directory:people_export", "stakeholders"])
def test_the_xlsx_exports_write_no_formula_and_mark_risky_text(world, client_for, risky_people, url):
    from roundtable.directory.models import Membership

    for person in risky_people:
        Membership.objects.create(person=person, group=world.health)
    if url == "stakeholders":
        address = reverse("directory:stakeholders_export", args=["health"])
    else:
        address = reverse(url)
    response = client_for(world.user("rtp")).get(address, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    risky = [cell for cell in cells if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r"]
    values = {cell.value for cell in risky}
    assert set(RISKY) <= values
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)


def test_an_export_with_risky_text_is_imported_back_exactly(world, client_for):
    """The guard is undone on import, and only the guard: "-Phone" stays "-Phone", "'=x" stays "'=x".
    (Leading and trailing spaces, tabs included, are trimmed by the import as by every form.)"""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from roundtable.directory.models import Person

    texts = ["=1+1", '+HYPERLINK("http://x")', "-2+3", "@SUM(A1)", "-Phone", "'=typed quote", "'plain"]
    people = [
        Person.objects.create(
            name_en=f"Round {n}",
            name_lo=text,
            position=text,
            email=f"round{n}@example.la",
            organisation=world.who,
        )
        for n, text in enumerate(texts)
    ]
    client = client_for(world.user("rtp"))
    for fmt in ("csv", "xlsx"):
        response = client.get(reverse("directory:people_export"), {"format": fmt})
        file = SimpleUploadedFile(f"people.{fmt}", response.content)
        html = client.post(reverse("directory:import"), {"kind": "people", "file": file}).content.decode()
        assert 'name="token"' in html, fmt
        values = {row["values"]["email"]: row["values"] for row in client.session["directory_import"]["rows"]}
        for person, text in zip(people, texts, strict=True):
            assert values[person.email]["name_lo"] == text, fmt
            assert values[person.email]["position"] == text, fmt
        assert values["dara.private@example.la"]["phone"] == "+856 20 9999 1234"
        # Nothing would change: no row is to be updated.
        assert "badge-warn" not in html, fmt
