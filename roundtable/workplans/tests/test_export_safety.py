"""The work-plan XLSX writes typed text as text: never a live formula (issue 8, spreadsheet safety)."""

import io

import pytest
from openpyxl import load_workbook

from roundtable.workplans.models import PlanStakeholder, WorkPlanStatus

from .conftest import add_priority

RISKY = ["=1+1", '+HYPERLINK("http://x")', "-2+3", "@SUM(A1)", "\tX", "\rX"]


@pytest.fixture
def risky_plan(make_plan, world):
    """A published plan whose every typed field starts like a formula."""
    plan = make_plan(
        status=WorkPlanStatus.PUBLISHED,
        ready=False,
        sector_strategy_lo=RISKY[0],
        sector_strategy_en=RISKY[0],
        context_lo=RISKY[1],
        context_en=RISKY[1],
    )
    for order, text in enumerate(RISKY, start=1):
        add_priority(
            plan,
            title_lo=text,
            title_en=text,
            order=order,
            expected_results_lo=text,
            expected_results_en=text,
            funding_source_lo=text,
            funding_source_en=text,
        )
        plan.planned_meetings.create(group=world.health, date="2026-03-10", title_lo=text, title_en=text)
        PlanStakeholder.objects.create(workplan=plan, name=text, role_note=text)
    return plan


def _cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("lang", ["lo", "en"])
def test_the_workplan_xlsx_has_no_formula_and_every_risky_text_is_text(risky_plan, client_for, lang):
    response = client_for(None).get(f"/{lang}/workplans/health/2026/export.xlsx")
    assert response.status_code == 200
    cells = _cells(response.content)
    assert not [(cell.parent.title, cell.coordinate) for cell in cells if cell.data_type == "f"]
    texts = [cell for cell in cells if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r"]
    # Each risky text is there, as it was typed, in a text cell marked "text even when edited".
    assert set(RISKY) <= {cell.value for cell in texts}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in texts)


def test_numbers_stay_numbers_in_the_workplan_xlsx(risky_plan, client_for):
    cells = _cells(client_for(None).get("/en/workplans/health/2026/export.xlsx").content)
    numbers = [cell.value for cell in cells if cell.data_type == "n" and cell.value is not None]
    assert 2026 in numbers  # the year
    assert {1, 2, 3, 4, 5, 6} <= set(numbers)  # the priorities' and stakeholders' numbers
