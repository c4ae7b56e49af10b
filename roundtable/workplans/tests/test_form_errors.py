"""A failed work-plan form says so at the top, with a link to each field in error, and keeps each error next
to its own field: the budget's missing currency under the currency, not under the budget."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_budget_without_currency_is_an_error_under_the_currency_with_a_summary_on_top(
    world, make_plan, client_for, frameworks
):
    make_plan()
    response = client_for(world.user("secretariat")).post(
        "/en/workplans/health/2026/priorities/add/",
        {
            "title_en": "Hospital beds",
            "budget": "1000",
            "currency": "",
            "nsedp_outputs": [frameworks.output.pk],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert "The form was not saved" in summary and 'href="#id_currency"' in summary
    # Each field is one <div class="field">: the currency's error is inside the currency's own.
    fields = re.findall(r'<div class="field">(.*?)</div>', page, re.S)
    currency = next(f for f in fields if 'id="id_currency"' in f)
    budget = next(f for f in fields if 'id="id_budget"' in f)
    assert "Give the currency of the budget." in currency
    assert "errorlist" not in budget


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("meetings/", {"date": "", "group": ""}),
        ("stakeholders/", {"name": "", "organisation": ""}),
        ("edit/", {"revision": ""}),
    ],
)
def test_every_work_plan_form_shows_the_summary_when_it_fails(world, make_plan, client_for, path, data):
    make_plan()
    response = client_for(world.user("secretariat")).post(f"/en/workplans/health/2026/{path}", data)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
