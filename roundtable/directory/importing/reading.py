"""Reading an import file: CSV (UTF-8, any of , ; or tab) or XLSX, into rows with their line numbers."""

from __future__ import annotations

import csv
import datetime
import io
import os
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from roundtable.core.spreadsheets import unguard
from roundtable.core.uploads import validate_document

from ..exporting import ORGANISATION_COLUMNS, STAKEHOLDER_COLUMNS

ORGANISATIONS = "organisations"
PEOPLE = "people"

REQUIRED_COLUMNS = {
    ORGANISATIONS: ["name_lo", "name_en", "acronym", "kind"],
    PEOPLE: ["name_lo", "name_en", "organisation", "email"],
}
KNOWN_COLUMNS = {
    ORGANISATIONS: ORGANISATION_COLUMNS,
    PEOPLE: STAKEHOLDER_COLUMNS,
}
IMPORT_TYPES: dict[str, set[str] | None] = {
    ".csv": None,
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
}


class FileRefused(Exception):
    """The whole file is unusable; `messages` say why."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class SourceRow:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)


def _header_key(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_").replace("-", "_")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # Undo the quote that exports put before text starting like a formula (core.spreadsheets), and only
    # that one: "'-Phone" is read as "-Phone", a typed "'hello" stays as it is. In XLSX cells too: a CSV
    # export opened in a spreadsheet and saved as XLSX keeps the quote in the cell.
    return unguard(str(value).strip()).strip()


def _csv_rows(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileRefused(
            [
                _(
                    "The file is not in UTF-8 (first unreadable character on line %(line)d). "
                    "Save it as “CSV UTF-8” and upload it again."
                )
                % {"line": line}
            ]
        ) from error
    first_line = text.split("\n", 1)[0]
    # Only the delimiter is guessed (from the header). The rest is what spreadsheets write: a header has no
    # quotes, and the sniffer, seeing none, would read a doubled quote ("") inside a cell as two.
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    rows = []
    line = 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise FileRefused(
            [_("Line %(line)d: the CSV file cannot be read (%(error)s).") % {"line": line, "error": error}]
        ) from error
    return rows


def _xlsx_rows(data: bytes) -> list[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise FileRefused([_("The file is not a readable XLSX workbook.")]) from error
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def read_table(upload, kind: str) -> list[SourceRow]:
    """The rows of an uploaded file, each with its line number and the errors of its shape."""
    try:
        validate_document(upload, allowed=IMPORT_TYPES, max_bytes=settings.ROUNDTABLE["IMPORT_MAX_BYTES"])
    except ValidationError as error:
        raise FileRefused(list(error.messages)) from error
    upload.seek(0)
    data = upload.read()
    ext = os.path.splitext(upload.name or "")[1].lower()
    raw = _xlsx_rows(data) if ext == ".xlsx" else _csv_rows(data)
    raw = [(line, cells) for line, cells in raw if any(_cell_text(c) for c in cells)]
    if not raw:
        raise FileRefused([_("The file has no rows.")])
    header_line, header_cells = raw[0]
    header = [_header_key(c) for c in header_cells]
    while header and not header[-1]:
        header.pop()
    missing = [name for name in REQUIRED_COLUMNS[kind] if name not in header]
    if missing:
        raise FileRefused(
            [
                _("Line %(line)d: missing column(s): %(columns)s. The first row must name the columns.")
                % {"line": header_line, "columns": ", ".join(missing)}
            ]
        )
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        raise FileRefused(
            [
                _("Line %(line)d: column(s) named twice: %(columns)s.")
                % {"line": header_line, "columns": ", ".join(duplicated)}
            ]
        )
    known = set(KNOWN_COLUMNS[kind])
    rows = []
    for line, cells in raw[1:]:
        texts = [_cell_text(c) for c in cells]
        # Spreadsheets leave trailing empty cells out; only text beyond the header is an error.
        while len(texts) > len(header) and not texts[-1]:
            texts.pop()
        row = SourceRow(line, {})
        for index, name in enumerate(header):
            if name in known:
                row.values[name] = texts[index] if index < len(texts) else ""
        if len(texts) < len(header):
            absent = [name for name in header[len(texts) :] if name in REQUIRED_COLUMNS[kind]]
            if absent:
                row.errors.append(_("missing column(s): %(columns)s") % {"columns": ", ".join(absent)})
        elif len(texts) > len(header):
            row.errors.append(_("more values than the header has columns"))
        rows.append(row)
    if not rows:
        raise FileRefused([_("The file has a header but no rows.")])
    return rows


def rows_from_source(source: list[dict]) -> list[SourceRow]:
    """Rows kept between preview and confirmation, read back (only known columns, only strings)."""
    rows = []
    for item in source:
        values = {str(k): str(v) for k, v in dict(item.get("values", {})).items()}
        rows.append(SourceRow(int(item["line"]), values))
    return rows
