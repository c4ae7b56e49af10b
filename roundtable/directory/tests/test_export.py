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
    assert bool(khamla[header.index("email")]) is (persona in {"other_member", "other_secretariat", "rtp"})


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
