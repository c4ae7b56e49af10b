"""Reading an import file: CSV (UTF-8, any of , ; or tab) or XLSX, into rows with their line numbers."""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
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

# The caps of an import (a settings name overrides each default). A file over a cap is refused whole, with a
# message; a confirmed import of more than background_rows() rows is written by a background job.
DEFAULT_MAX_ROWS = 5000
DEFAULT_BACKGROUND_ROWS = 500
DEFAULT_MAX_UNPACKED_BYTES = 20 * 1024 * 1024
# Columns past this one are not read (an import knows 13): a row cannot be made a million cells wide.
MAX_COLUMNS = 64


def max_rows() -> int:
    """Rows (besides the header) a file may hold: RT_IMPORT_MAX_ROWS."""
    return int(getattr(settings, "RT_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def background_rows() -> int:
    """Above this many rows a confirmed import is written in the background: RT_IMPORT_BACKGROUND_ROWS."""
    return int(getattr(settings, "RT_IMPORT_BACKGROUND_ROWS", DEFAULT_BACKGROUND_ROWS))


def max_bytes() -> int:
    """The size of the uploaded file: ROUNDTABLE["IMPORT_MAX_BYTES"] (2 MB)."""
    return int(settings.ROUNDTABLE["IMPORT_MAX_BYTES"])


def max_unpacked_bytes() -> int:
    """What an XLSX may unpack to (a zip compresses rows a thousandfold): RT_IMPORT_MAX_UNPACKED_BYTES."""
    return int(getattr(settings, "RT_IMPORT_MAX_UNPACKED_BYTES", DEFAULT_MAX_UNPACKED_BYTES))


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


def _too_many_rows(limit: int) -> FileRefused:
    return FileRefused(
        [
            _(
                "The file has more than %(limit)d rows: an import takes at most %(limit)d. "
                "Split it into smaller files and import them one after the other."
            )
            % {"limit": limit}
        ]
    )


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """The CSV's rows with the line each starts on, one at a time (the caller stops when it has enough)."""
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
    line = 1
    try:
        for cells in reader:
            yield line, cells[:MAX_COLUMNS]
            line = reader.line_num + 1
    except csv.Error as error:
        raise FileRefused(
            [_("Line %(line)d: the CSV file cannot be read (%(error)s).") % {"line": line, "error": error}]
        ) from error


# An element <row ...>, <row>, <row/> (with any namespace prefix), never <rowBreaks>.
_ROW_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?row[\s/>]")


def _count_row_elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo, stop_after: int) -> int:
    """The rows of a part of the workbook, counted in its XML as it is unpacked; stops past `stop_after`."""
    count = 0
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(1 << 20):
            window = tail + chunk
            # A match that ends inside the tail was counted with the previous chunk.
            count += sum(1 for match in _ROW_ELEMENT.finditer(window) if match.end() > len(tail))
            if count > stop_after:
                break
            tail = window[-32:]
    return count


def _check_workbook_size(data: bytes, row_limit: int) -> None:
    """Refuse, before openpyxl opens it, a workbook that unpacks too large or holds too many rows.

    A 128 KB XLSX can unpack to megabytes of rows; and openpyxl, opening a sheet that does not state its size
    (a <dimension>), reads the whole sheet once just to look for it. Both cost a worker its time limit, so
    the archive's declared sizes (which also bound what is unpacked: zipfile stops there) and a count of the
    <row> elements, read as they are unpacked, are checked first.
    """
    limit = max_unpacked_bytes()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
        unpacked = sum(info.file_size for info in parts)
        if unpacked > limit:
            raise FileRefused(
                [
                    _(
                        "The workbook is too large once unpacked (%(size)s; the limit is %(limit)s). "
                        "Keep only the sheet to import, or save it as CSV, and upload it again."
                    )
                    % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)}
                ]
            )
        for info in parts:
            if info.filename.endswith(".xml") and _count_row_elements(archive, info, row_limit) > row_limit:
                raise _too_many_rows(max_rows())
    except FileRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError) as error:
        raise FileRefused([_("The file is not a readable XLSX workbook.")]) from error


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, tuple]]:
    """The first sheet's rows with their numbers, one at a time, as a stream (openpyxl's read-only mode)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a malformed archive or XML fails in many ways; each means "unreadable"
        raise FileRefused([_("The file is not a readable XLSX workbook.")]) from error
    try:
        sheet = workbook.worksheets[0]
        # The size a sheet states can be false: too small, openpyxl would stop early and leave rows out
        # unseen; too large (A1:XFD1048576), it would pad every row and add a million empty ones.
        sheet.reset_dimensions()
        yield from enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1)
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused([_("The file is not a readable XLSX workbook.")]) from error
    finally:
        workbook.close()


def read_table(upload, kind: str) -> list[SourceRow]:
    """The rows of an uploaded file, each with its line number and the errors of its shape.

    Refused whole (FileRefused) when the file is of the wrong type or too large, unreadable, lacks columns,
    or has more than max_rows() rows: the rows are read one at a time and the reading stops there.
    """
    try:
        validate_document(upload, allowed=IMPORT_TYPES, max_bytes=max_bytes())
    except ValidationError as error:
        raise FileRefused(list(error.messages)) from error
    upload.seek(0)
    data = upload.read()
    ext = os.path.splitext(upload.name or "")[1].lower()
    limit = max_rows()
    # Blank rows are skipped, but reading them is work too: a file may not hold many more than its rows.
    physical_limit = 2 * limit + 1
    if ext == ".xlsx":
        _check_workbook_size(data, physical_limit)
    source = _xlsx_rows(data) if ext == ".xlsx" else _csv_rows(data)
    header: list[str] | None = None
    rows: list[SourceRow] = []
    try:
        for physical, (line, cells) in enumerate(source, start=1):
            if physical > physical_limit:
                raise _too_many_rows(limit)
            texts = [_cell_text(c) for c in cells]
            if not any(texts):
                continue
            if header is None:
                header = _read_header(texts, line, kind)
                continue
            if len(rows) >= limit:
                raise _too_many_rows(limit)
            rows.append(_source_row(line, texts, header, kind))
    finally:
        source.close()
    if header is None:
        raise FileRefused([_("The file has no rows.")])
    if not rows:
        raise FileRefused([_("The file has a header but no rows.")])
    return rows


def _read_header(cells: list[str], line: int, kind: str) -> list[str]:
    header = [_header_key(c) for c in cells]
    while header and not header[-1]:
        header.pop()
    missing = [name for name in REQUIRED_COLUMNS[kind] if name not in header]
    if missing:
        raise FileRefused(
            [
                _("Line %(line)d: missing column(s): %(columns)s. The first row must name the columns.")
                % {"line": line, "columns": ", ".join(missing)}
            ]
        )
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        raise FileRefused(
            [
                _("Line %(line)d: column(s) named twice: %(columns)s.")
                % {"line": line, "columns": ", ".join(duplicated)}
            ]
        )
    return header


def _source_row(line: int, texts: list[str], header: list[str], kind: str) -> SourceRow:
    known = set(KNOWN_COLUMNS[kind])
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
    return row


def rows_from_source(source: list[dict]) -> list[SourceRow]:
    """Rows kept between preview and confirmation, read back (only known columns, only strings)."""
    rows = []
    for item in source:
        values = {str(k): str(v) for k, v in dict(item.get("values", {})).items()}
        rows.append(SourceRow(int(item["line"]), values))
    return rows
