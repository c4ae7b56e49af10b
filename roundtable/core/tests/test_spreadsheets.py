import csv
import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from roundtable.core.spreadsheets import needs_guard, safe_cell, safe_row, unguard, write_cell

RISKY = ["=1+1", '+HYPERLINK("http://x")', "-2+3", "@SUM(A1)", "\tX", "\rX"]
PLAIN = ["Health economist", "ດາລາ", "", "1+1", " =1", "a=b", "#N/A", "'quoted"]


@pytest.mark.parametrize("text", RISKY)
def test_text_that_a_spreadsheet_would_run_gets_a_quote_in_csv(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_other_text_is_left_alone_in_csv(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize("value", [-5, 3.25, 0, datetime.date(2026, 1, 31), True, None])
def test_numbers_and_dates_are_not_text_and_stay_as_they_are(value):
    assert safe_cell(value) is value


def test_a_typed_quote_before_a_formula_start_is_guarded_too_so_the_round_trip_is_exact():
    assert safe_cell("'=x") == "''=x"
    for text in [*RISKY, *PLAIN, "'=x", "''-y", "'+856 20 1234"]:
        assert unguard(safe_cell(text)) == text


def test_unguard_takes_off_only_the_quote_an_export_adds():
    assert unguard("'-Phone") == "-Phone"
    assert unguard("'quoted") == "'quoted"  # not before a formula start: the user's own quote
    assert unguard("-Phone") == "-Phone"


def test_a_csv_written_with_the_helper_has_every_risky_cell_quoted():
    buffer = io.StringIO()
    csv.writer(buffer).writerow(safe_row([*RISKY, 42]))
    cells = next(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert cells == ["'" + text for text in RISKY] + ["42"]


def _round_trip(values: list) -> list:
    book = Workbook()
    for row, value in enumerate(values, start=1):
        write_cell(book.active, row, 1, value)
    out = io.BytesIO()
    book.save(out)
    return [row[0] for row in load_workbook(io.BytesIO(out.getvalue())).active.iter_rows()]


def test_xlsx_cells_are_never_formulas_and_risky_ones_carry_the_quote_prefix():
    cells = _round_trip([*RISKY, "#N/A", "plain"])
    assert [c.value for c in cells] == [*RISKY, "#N/A", "plain"]
    assert all(c.data_type == "s" for c in cells)
    assert [c.quotePrefix for c in cells] == [True] * len(RISKY) + [False, False]


def test_xlsx_numbers_and_dates_stay_numbers_and_dates():
    cells = _round_trip([-5, 3.25, datetime.date(2026, 1, 31)])
    assert [c.data_type for c in cells] == ["n", "n", "d"]
    assert cells[0].value == -5 and cells[1].value == 3.25


def test_xlsx_text_with_characters_xml_cannot_hold_is_written_without_them():
    assert [c.value for c in _round_trip(["a\x0bb\x00c"])] == ["abc"]


def test_a_typed_quote_before_a_formula_start_survives_an_xlsx_round_trip():
    [cell] = _round_trip(["'=x"])
    assert unguard(cell.value) == "'=x" and cell.data_type == "s"


def test_needs_guard():
    assert all(needs_guard(text) for text in RISKY)
    assert not any(needs_guard(text) for text in PLAIN)
