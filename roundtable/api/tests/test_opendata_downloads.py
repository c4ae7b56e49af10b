"""The bulk downloads: each dataset, as CSV and as JSON, holds exactly the records of its public API list,
page after page, and nothing that is unpublished or private."""

from __future__ import annotations

import csv
import io
import json
import re

from roundtable.aid.tests.conftest import mapping, rates  # noqa: F401  (fixtures)
from roundtable.api.opendata import datasets
from roundtable.api.opendata.datasets import DATASETS, columns
from roundtable.core.spreadsheets import unguard
from roundtable.directory.models import Person
from roundtable.meetings.models import Participant
from roundtable.minutes.models import MinutesStatus
from roundtable.minutes.tests.conftest import set_status

from .opendata_world import FORMULA, SECRET, open_world_fixture  # noqa: F401  (fixture)

SLUGS = [dataset.slug for dataset in DATASETS]


def api_records(client, dataset) -> list[dict]:
    """The API list walked page by page, as a client would."""
    found, url = [], f"{dataset.api_path}?page_size=3"
    while url:
        body = client.get(url).json()
        found += body["results"]
        url = body["next"]
    return found


def download(client, slug: str, fmt: str, lang: str = "en"):
    response = client.get(f"/{lang}/data/{slug}.{fmt}")
    assert response.status_code == 200, (slug, fmt)
    assert response.streaming
    return response, b"".join(response.streaming_content).decode("utf-8")


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_every_dataset_in_both_formats_holds_the_api_list_page_after_page(client, open_world, monkeypatch):
    # Two rows a page: a file is read in several pages whenever its dataset has more than two rows.
    monkeypatch.setattr(datasets, "PAGE_SIZE", 2)
    counts = {}
    for dataset in DATASETS:
        slug = dataset.slug
        expected = api_records(client, dataset)
        counts[slug] = len(expected)

        response, text = download(client, slug, "json")
        assert response["Content-Type"] == "application/json"
        assert response["Content-Disposition"] == f'attachment; filename="{slug}.json"'
        assert json.loads(text) == expected, slug

        response, text = download(client, slug, "csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        header, *rows = read_csv(text)
        cols = columns(dataset)
        assert header == [c.name for c in cols], slug
        assert len(rows) == len(expected), slug
        for row, record in zip(rows, expected, strict=True):
            # Every field of a record is in a column (a nested object's fields as object.field).
            assert set(record) == {c.path[0] for c in cols}, slug
            for column, cell in zip(cols, row, strict=True):
                value = record
                for key in column.path:
                    value = value.get(key) if isinstance(value, dict) else None
                assert_cell(cell, value, f"{slug}: {column.name}")
    # The fixture fills the datasets: the comparisons compare rows, not two empty lists.
    assert counts["minutes"] == 2 and counts["meetings"] == 3  # not the private meeting
    assert counts["workplans"] == 1 and counts["reports"] == 1 and counts["action-points"] == 2
    assert counts["aid-activities"] == 2 and counts["aid-funding"] >= 2
    assert counts["groups"] == 3 and counts["frameworks"] == 2 and counts["framework-items"] == 4
    assert counts["compliance"] == 3 and counts["organisations"] == 5 and counts["cycles"] == 1
    assert counts["indicators"] == 0  # none is monitored here: the demo test has them


def assert_cell(cell: str, value, name: str) -> None:
    if value is None:
        assert cell == "", name
    elif isinstance(value, bool):
        assert cell == ("true" if value else "false"), name
    elif isinstance(value, (int, float)):
        assert float(cell) == value, name
    elif isinstance(value, (list, dict)):
        assert json.loads(cell) == value, name
    else:
        assert unguard(cell) == value, name


def test_both_languages_are_columns_of_the_same_file(client, open_world):
    header, *rows = read_csv(download(client, "groups", "csv")[1])
    health = dict(zip(header, next(r for r in rows if r[0] == "health"), strict=True))
    assert (health["name_lo"], health["name_en"]) == ("ສາທາລະນະສຸກ", "Health")
    assert health["chair.representative.name_en"] == "Bounkong Sihavong"
    # The same file whatever the page's language.
    assert download(client, "groups", "csv", "lo")[1] == download(client, "groups", "csv", "en")[1]


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_quoted(client, open_world):
    header, *rows = read_csv(download(client, "workplans", "csv")[1])
    cell = rows[0][header.index("sector_strategy_en")]
    assert cell == "'" + FORMULA
    assert json.loads(download(client, "workplans", "json")[1])[0]["sector_strategy_en"] == FORMULA


def test_no_download_holds_an_unpublished_record_or_a_contact(client, open_world):
    emails = {p.email for p in Person.objects.all()} | {p.email for p in Participant.objects.all()}
    phones = {p.phone for p in Person.objects.all()} | {p.phone for p in Participant.objects.all()}
    emails.discard("")
    phones.discard("")
    assert emails and phones
    for slug in SLUGS:
        for fmt in ("csv", "json"):
            text = download(client, slug, fmt)[1]
            assert SECRET not in text, (slug, fmt)
            assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", text), (slug, fmt)
            for secret in emails | phones:
                assert secret not in text, (slug, fmt, secret)


def test_minutes_unpublished_leave_the_download_and_published_enter_it(client, open_world):
    draft = open_world.draft_minutes
    assert draft.meeting_id not in {r["id"] for r in json.loads(download(client, "minutes", "json")[1])}
    for version in draft.versions.all():
        set_status(version, MinutesStatus.PUBLISHED)
    published = json.loads(download(client, "minutes", "json")[1])
    assert draft.meeting_id in {r["id"] for r in published}
    for version in draft.versions.all():
        set_status(version, MinutesStatus.RETURNED)
    for fmt in ("csv", "json"):
        assert SECRET not in download(client, "minutes", fmt)[1]


def test_an_unknown_dataset_or_format_is_not_found(client, db):
    assert client.get("/en/data/people.csv").status_code == 404
    assert client.get("/en/data/groups.xlsx").status_code == 404
