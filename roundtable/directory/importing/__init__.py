"""Reading and checking directory import files (CSV or XLSX) before anything is written.

The journey: read_table() turns the upload into rows with their line numbers (or refuses the whole
file: wrong type, too large, not UTF-8, missing columns); plan() checks every row against the
directory and says what would be created or updated; services.directory_import() writes a plan
that has no errors, in one transaction, after the user confirmed the preview.

A re-import updates instead of duplicating: organisations are matched by IATI identifier, else
acronym, else English name; people by email, else name and organisation. An empty cell leaves the
stored value alone, so that an export without contact details (for a user who may not see them)
can be imported back without wiping anyone's email.
"""

from .planning import Plan, PlannedRow, plan, plan_organisations, plan_people
from .reading import (
    ORGANISATIONS,
    PEOPLE,
    FileRefused,
    SourceRow,
    background_rows,
    max_rows,
    read_table,
    rows_from_source,
)

__all__ = [
    "ORGANISATIONS",
    "PEOPLE",
    "FileRefused",
    "Plan",
    "PlannedRow",
    "SourceRow",
    "background_rows",
    "max_rows",
    "plan",
    "plan_organisations",
    "plan_people",
    "read_table",
    "rows_from_source",
]
