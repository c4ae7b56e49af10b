"""Exports of the directory as CSV and XLSX.

The columns are the import's columns, so that an exported file can be edited and imported back.
Email, phone, gender and preferred language are filled only for the people whose contacts the requesting
user may see (the person's page shows them together); the
caller passes that set (see permissions.contact_visible_person_ids). Every cell goes through
core.spreadsheets: typed text that starts like a formula is written as text (the import undoes the CSV guard).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from roundtable.core.spreadsheets import safe_row, write_cell

from .models import Membership, Organisation, Person

ORGANISATION_COLUMNS = ["name_lo", "name_en", "acronym", "kind", "country", "website", "iati_identifier"]
PEOPLE_COLUMNS = [
    "title",
    "name_lo",
    "name_en",
    "position",
    "organisation",
    "email",
    "phone",
    "gender",
    "preferred_language",
]
STAKEHOLDER_COLUMNS = [*PEOPLE_COLUMNS, "role", "on_behalf_of", "start_date", "end_date"]

# Lao needs a font that has its glyphs; spreadsheet programs fall back if it is not installed.
LAO_FONT = "Noto Sans Lao"
FORMATS = {"csv", "xlsx"}


def organisation_reference(organisation: Organisation | None) -> str:
    """How a file names an organisation: its acronym, else its English name (what the import resolves)."""
    if organisation is None:
        return ""
    return organisation.acronym or organisation.name_en or organisation.name_lo


def organisations_table(organisations: Iterable[Organisation]) -> list[list[str]]:
    return [[str(getattr(org, column) or "") for column in ORGANISATION_COLUMNS] for org in organisations]


def _person_cells(person: Person, show_contact: bool) -> list[str]:
    return [
        person.title,
        person.name_lo,
        person.name_en,
        person.position,
        organisation_reference(person.organisation),
        person.email if show_contact else "",
        person.phone if show_contact else "",
        # Gender and language are shown with the contacts on the person's page: the same rule here.
        person.gender if show_contact else "",
        person.preferred_language if show_contact else "",
    ]


def people_table(people: Iterable[Person], contact_visible: set[int]) -> list[list[str]]:
    return [_person_cells(person, person.pk in contact_visible) for person in people]


def stakeholders_table(memberships: Iterable[Membership], contact_visible: set[int]) -> list[list]:
    rows = []
    for membership in memberships:
        person = membership.person
        rows.append(
            [
                *_person_cells(person, person.pk in contact_visible),
                membership.role,
                organisation_reference(membership.organisation),
                # Dates as dates: a date cell in the XLSX, ISO text (str of a date) in the CSV.
                membership.start_date or "",
                membership.end_date or "",
            ]
        )
    return rows


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header))
    for row in rows:
        # A phone number such as "+856 20 ..." is quoted too: spreadsheets would read it as a formula.
        writer.writerow(safe_row(str(value) for value in row))
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (Lao would be garbled otherwise).
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    bold, regular = Font(name=LAO_FONT, bold=True), Font(name=LAO_FONT)
    widths = [len(name) for name in header]
    for col, name in enumerate(header, start=1):
        write_cell(sheet, 1, col, name).font = bold
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            # Everything is text (a phone number must not become a number) except a date, typed as one.
            text = str(value)
            write_cell(sheet, r, col, value if isinstance(value, date) else text).font = regular
            widths[col - 1] = max(widths[col - 1], min(len(text), 60))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width + 2
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(filename, header, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def table_response(
    fmt: str, filename: str, header: Sequence[str], rows: Iterable[Sequence[str]]
) -> HttpResponse:
    stamped = f"{filename}-{timezone.localdate().isoformat()}"
    if fmt == "xlsx":
        return xlsx_response(stamped, header, rows)
    return csv_response(stamped, header, rows)
