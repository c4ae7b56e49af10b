"""The national ODA database's CSV export: columns mapped on the page (and remembered), a preview with the
errors of each row, all or nothing, and importing again updates."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from roundtable.aid.models import Activity, FundingShare, OdaUpload, Source, Transaction
from roundtable.aid.services import oda

pytestmark = pytest.mark.django_db

HEADER = (
    "Project ID,Project title,Development partner,Year,Commitment,Disbursement,Currency,DAC code,Province"
)
ROWS = [
    "P-1,District hospitals,Embassy of Japan,2023,1000000,400000,USD,12220,Savannakhet",
    "P-1,District hospitals,Embassy of Japan,2024,,500000,USD,12220,Savannakhet",
    "P-2,School books,World Health Organization,2024,200000,100000,EUR,11220:50; 12220:50,",
]


def csv_file(*rows: str, header: str = HEADER) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "export.csv", ("\n".join([header, *rows]) + "\n").encode(), content_type="text/csv"
    )


def upload_and_map(world, *rows: str):
    upload = oda.oda_upload(actor=world.user("rtp"), upload_file=csv_file(*rows))
    return upload, oda.guess_columns(upload.header)


def test_the_columns_are_guessed_from_their_names(world):
    upload, columns = upload_and_map(world, *ROWS)
    assert columns == {
        "project_id": "Project ID",
        "title_en": "Project title",
        "partner": "Development partner",
        "year": "Year",
        "committed": "Commitment",
        "disbursed": "Disbursement",
        "currency": "Currency",
        "sector": "DAC code",
        "province": "Province",
    }


def test_a_clean_export_imports_its_projects_counted_like_iati_activities(world, mapping, rates):
    upload, columns = upload_and_map(world, *ROWS)
    outcome = oda.oda_import(actor=world.user("rtp"), upload=upload, columns=columns)
    assert (outcome["projects"], outcome["created"], outcome["updated"], outcome["rows"]) == (2, 2, 0, 3)
    p1 = Activity.objects.get(source=Source.ODA, identifier="ODA-P-1")
    assert p1.organisation == world.japan and p1.title_en == "District hospitals"
    assert list(p1.locations.values_list("province", flat=True)) == ["LA-SV"]
    # A yearly amount is dated 1 July of its year.
    assert sorted(p1.transactions.values_list("type", "date", "value")) == [
        (2, date(2023, 7, 1), Decimal(1000000)),
        (3, date(2023, 7, 1), Decimal(400000)),
        (3, date(2024, 7, 1), Decimal(500000)),
    ]
    assert set(FundingShare.objects.filter(activity=p1).values_list("group__code", flat=True)) == {"health"}
    p2 = Activity.objects.get(identifier="ODA-P-2")
    assert p2.organisation == world.who
    assert sorted(p2.sectors.values_list("code", "percentage")) == [
        ("11220", Decimal(50)),
        ("12220", Decimal(50)),
    ]
    upload.refresh_from_db()
    assert upload.imported_at and upload.columns == columns


def test_importing_again_updates_the_projects_of_the_file_and_leaves_the_others(world, mapping, rates):
    upload, columns = upload_and_map(world, *ROWS)
    oda.oda_import(actor=world.user("rtp"), upload=upload, columns=columns)
    changed = "P-1,District hospitals (phase 2),Embassy of Japan,2024,,650000,USD,12220,Savannakhet"
    second, columns = upload_and_map(world, changed)
    outcome = oda.oda_import(actor=world.user("rtp"), upload=second, columns=columns)
    assert (outcome["created"], outcome["updated"]) == (0, 1)
    p1 = Activity.objects.get(identifier="ODA-P-1")
    assert p1.title_en == "District hospitals (phase 2)"
    assert list(p1.transactions.values_list("value", flat=True)) == [Decimal(650000)]
    assert Activity.objects.filter(identifier="ODA-P-2").exists()
    assert Activity.objects.filter(source=Source.ODA).count() == 2


def test_the_preview_lists_each_rows_errors_and_nothing_is_imported_while_one_is_wrong(world, english):
    bad = [
        ROWS[0],
        ",No identifier,Embassy of Japan,2024,10,,USD,12220,",
        "P-3,Bad year,Embassy of Japan,20x4,10,,USD,12220,",
        "P-4,Bad amount,Embassy of Japan,2024,ten,,USD,12220,",
        "P-5,Bad code,Embassy of Japan,2024,10,,USD,99999,",
        "P-6,Bad currency,Embassy of Japan,2024,10,,ABC,12220,",
        "P-7,Bad province,Embassy of Japan,2024,10,,USD,12220,Atlantis",
        "P-8,Bad split,Embassy of Japan,2024,10,,USD,12220:60; 11220:30,",
        "P-9,No amount,Embassy of Japan,2024,,,USD,12220,",
        "P-1,Twice,Embassy of Japan,2023,5,,USD,12220,",
    ]
    upload, columns = upload_and_map(world, *bad)
    preview = oda.plan(upload.upload.open("rb").read(), columns)
    errors = {row.line: " ".join(row.errors) for row in preview.errors}
    assert set(errors) == {2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
    assert "identifier is empty" in errors[3]
    assert "not a year" in errors[4] and "not an amount" in errors[5]
    assert "not a DAC sector code" in errors[6] and "not a currency code" in errors[7]
    assert "not a province" in errors[8] and "add up to 100" in errors[9]
    assert "no amount" in errors[10] and "more than one row for 2023" in errors[2]
    with pytest.raises(ValidationError):
        oda.oda_import(actor=world.user("rtp"), upload=upload, columns=columns)
    assert not Activity.objects.exists() and not Transaction.objects.exists()


def test_the_mapping_is_remembered_for_the_next_upload(world, client_for):
    odd = "Code,Name,Funder,FY,Pledged,Paid"
    first = oda.oda_upload(actor=world.user("rtp"), upload_file=csv_file("X,Y,Z,2024,1,1", header=odd))
    chosen = {
        "project_id": "Code",
        "title_en": "Name",
        "partner": "Funder",
        "year": "FY",
        "committed": "Pledged",
    }
    client = client_for(world.user("rtp"))
    client.post(f"/en/aid/oda/{first.pk}/", {**chosen, "action": "preview"})
    first.refresh_from_db()
    assert first.columns == chosen
    second = oda.oda_upload(actor=world.user("rtp"), upload_file=csv_file("X,Y,Z,2025,1,1", header=odd))
    assert oda.guess_columns(second.header, oda.remembered_columns()) == chosen
    page = client.get(f"/en/aid/oda/{second.pk}/").content.decode()
    assert '<option value="Pledged" selected>' in page


def test_the_pages_preview_then_import(world, client_for, mapping, rates, english):
    client = client_for(world.user("rtp"))
    response = client.post("/en/aid/oda/", {"file": csv_file(*ROWS)})
    upload = OdaUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == upload.get_absolute_url()
    columns = oda.guess_columns(upload.header)
    preview = client.post(upload.get_absolute_url(), {**columns, "action": "preview"})
    assert "2 projects: 2 new, 0 to update." in preview.content.decode()
    assert not Activity.objects.exists()
    done = client.post(upload.get_absolute_url(), {**columns, "action": "import"})
    assert done.status_code == 302 and Activity.objects.filter(source=Source.ODA).count() == 2


def test_a_file_that_is_not_utf8_is_refused_with_a_message(world, client_for, english):
    client = client_for(world.user("rtp"))
    response = client.post(
        "/en/aid/oda/", {"file": SimpleUploadedFile("x.csv", "Projet,Année\n".encode("latin-1"))}
    )
    assert "not in UTF-8" in response.content.decode() and not OdaUpload.objects.exists()
