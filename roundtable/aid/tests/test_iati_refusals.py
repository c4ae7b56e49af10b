"""Refusals: an activity that breaks the schema or a rule of the standard is refused on its own, with the
element and the line, and the rest of its file imports; a file that is not an IATI activity file is
refused with a message that says why. Never a traceback."""

import pytest

from roundtable.aid.models import Activity

from .conftest import activity_xml, file_xml, import_bytes, sector_xml, transaction_xml

GOOD = "XM-DAC-41114-GOOD"

pytestmark = pytest.mark.django_db


def refused_beside_a_good_one(broken: str):
    """Import the broken activity after a good one: the good one is in, the broken one out."""
    data = file_xml(activity_xml(GOOD), broken)
    result, source = import_bytes(data)
    assert result.status == "imported"
    assert result.activities == 1 and result.refused_activities == 1
    assert list(Activity.objects.values_list("identifier", flat=True)) == [GOOD]
    assert source.errors and source.errors_total == len(result.problems)
    return result.problems, data.decode()


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def test_an_activity_that_breaks_the_schema_is_refused_with_the_element_and_line():
    # The title must come before the description.
    title = (
        "<title><narrative>Better health care</narrative>"
        '<narrative xml:lang="lo">ໂຄງການ Better health care</narrative></title>\n'
    )
    late = "</description><title><narrative>Late title</narrative></title>"
    broken = activity_xml("BROKEN").replace(title, "").replace("</description>", late)
    problems, text = refused_beside_a_good_one(broken)
    (problem,) = problems
    assert problem.code == "schema" and problem.activity == "BROKEN"
    # Where the schema stops: the description, where a title was expected.
    assert problem.element == "description"
    assert problem.line == line_of(text, '<description type="1">', after="BROKEN")
    assert "title" in problem.message


def test_an_activity_without_identifier_is_refused():
    problems, _text = refused_beside_a_good_one(activity_xml(""))
    assert ("identifier_missing", "iati-identifier") in {(p.code, p.element) for p in problems}


def test_the_second_activity_with_an_identifier_already_in_the_file_is_refused():
    data = file_xml(activity_xml(GOOD), activity_xml(GOOD, title="Again"))
    result, _source = import_bytes(data)
    assert (result.activities, result.refused_activities) == (1, 1)
    assert result.problems[0].code == "identifier_repeated"
    assert Activity.objects.get().title_en == "Better health care"


def test_an_activity_with_two_reporting_organisations_is_refused():
    extra = '\n  <reporting-org ref="XM-DAC-41122" type="40"><narrative>UNICEF</narrative></reporting-org>'
    problems, _text = refused_beside_a_good_one(activity_xml("TWO", extra_reporting=extra))
    codes = [p.code for p in problems]
    assert "reporting_org_count" in codes
    assert next(p for p in problems if p.code == "reporting_org_count").params == {"count": 2}


def test_an_activity_that_ends_before_it_starts_is_refused():
    problems, _text = refused_beside_a_good_one(
        activity_xml("BACKWARDS", start="2025-01-01", end="2024-12-31")
    )
    (problem,) = problems
    assert (problem.code, problem.element) == ("dates_order", "activity-date")
    assert problem.params == {"which": "planned", "start_date": "2025-01-01", "end_date": "2024-12-31"}


def test_a_budget_period_that_ends_before_it_starts_is_refused():
    budget = (
        '<budget type="1" status="1"><period-start iso-date="2024-12-31"/><period-end iso-date="2024-01-01"/>'
        '<value value-date="2024-01-01">100</value></budget>'
    )
    problems, text = refused_beside_a_good_one(activity_xml("BUDGET", budgets=budget))
    (problem,) = problems
    assert (problem.code, problem.element) == ("dates_order", "budget")
    assert problem.line == line_of(text, "<budget", after="BUDGET")


def test_sector_percentages_that_do_not_add_up_to_100_are_refused():
    sectors = sector_xml("12220", 60) + "\n" + sector_xml("11220", 30)
    problems, text = refused_beside_a_good_one(activity_xml("NINETY", sectors=sectors))
    (problem,) = problems
    assert (problem.code, problem.element) == ("percentages", "sector")
    assert problem.params == {"what": "sector", "vocabulary": "1", "total": "90"}
    assert problem.line == line_of(
        text, '<sector vocabulary="1" code="12220" percentage="60"', after="NINETY"
    )
    assert "90" in problem.message and "100" in problem.message


def test_several_sectors_without_their_percentages_are_refused():
    sectors = sector_xml("12220", 100) + sector_xml("11220")
    problems, _text = refused_beside_a_good_one(activity_xml("HALF", sectors=sectors))
    assert [p.code for p in problems] == ["percentages_missing"]


def test_recipient_percentages_that_do_not_add_up_are_refused():
    recipients = (
        '<recipient-country code="LA" percentage="50"/><recipient-country code="TH" percentage="40"/>'
    )
    problems, _text = refused_beside_a_good_one(activity_xml("COUNTRIES", recipients=recipients))
    (problem,) = problems
    assert (problem.code, problem.params["what"], problem.params["total"]) == (
        "percentages",
        "recipient",
        "90",
    )


def test_a_value_without_any_currency_is_refused():
    problems, _text = refused_beside_a_good_one(activity_xml("NOCURRENCY", currency=""))
    assert {(p.code, p.element) for p in problems} == {("currency_missing", "transaction")}


def test_codes_that_are_not_in_their_codelist_are_refused():
    transactions = transaction_xml(3, "2023-03-01", 10, currency="XYZ")
    broken = activity_xml(
        "CODES",
        sectors=sector_xml("99999", 100),
        recipients='<recipient-country code="LA" percentage="100"/>',
        transactions=transactions,
    )
    problems, _text = refused_beside_a_good_one(broken)
    found = {(p.params["codelist"], p.params["code"]) for p in problems if p.code == "codelist"}
    assert found == {("Sector", "99999"), ("Currency", "XYZ")}


def test_a_date_that_is_not_a_date_is_refused():
    problems, _text = refused_beside_a_good_one(
        activity_xml("BADDATE", transactions=transaction_xml(3, "2023-02-30", 10))
    )
    assert {p.code for p in problems} >= {"date_invalid"}
    assert all(p.activity == "BADDATE" for p in problems)


def test_an_amount_that_is_not_a_number_is_refused_once():
    problems, _text = refused_beside_a_good_one(
        activity_xml("BADVALUE", transactions=transaction_xml(3, "2023-03-01", "12,5"))
    )
    # The rule and the schema both see it; it is reported once.
    assert [(p.code, p.element) for p in problems] == [("value_invalid", "value")]


# --- whole files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n", "not_xml"),
        (b"this is not XML", "not_xml"),
        (b"<html><body>Not found</body></html>", "not_activities"),
        (b'<?xml version="1.0"?><iati-organisations version="2.03"></iati-organisations>', "not_activities"),
        (b'<iati-activities version="1.05"><iati-activity/></iati-activities>', "version_old"),
        (b"<iati-activities><iati-activity/></iati-activities>", "version_missing"),
        (b'<iati-activities version="3.0"><iati-activity/></iati-activities>', "version_unknown"),
        (b'<iati-activities version="2.03"></iati-activities>', "no_activities"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_xml"),
    ],
)
def test_a_file_that_is_not_an_iati_activity_file_is_refused_with_a_message(data, code):
    result, source = import_bytes(data)
    assert result.status == "refused" and source.status == "refused"
    assert [p.code for p in result.problems] == [code]
    assert result.problems[0].message and result.problems[0].message != code
    assert not Activity.objects.exists()


def test_an_organisation_file_says_it_is_one(english):
    result, _source = import_bytes(b'<iati-organisations version="2.03"></iati-organisations>')
    assert "organisation file" in result.problems[0].message


def test_a_version_1_file_says_to_convert_it(english):
    result, _source = import_bytes(b'<iati-activities version="1.05"><iati-activity/></iati-activities>')
    assert "1.05" in result.problems[0].message and "convert" in result.problems[0].message


def test_a_file_that_breaks_part_way_keeps_what_came_before():
    data = file_xml(activity_xml(GOOD)).decode().replace("</iati-activities>", "<iati-activity><broken")
    result, _source = import_bytes(data.encode())
    assert result.status == "imported" and result.activities == 1
    assert [p.code for p in result.problems] == ["broken"]
    assert Activity.objects.filter(identifier=GOOD).exists()


def test_entities_are_not_resolved_and_nothing_is_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    doctype = (
        f'<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    body = file_xml(activity_xml(GOOD, title="Title &xxe; &lol2;")).decode()
    data = body.replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0" encoding="UTF-8"?>\n' + doctype
    )
    result, _source = import_bytes(data.encode())
    assert result.status == "imported" and result.refused_activities == 1
    assert [p.code for p in result.problems] == ["entity"]
    assert not Activity.objects.exists()
    assert "TOP-SECRET" not in str(result.problems[0].message)


def test_a_percentage_outside_0_to_100_is_refused():
    problems, _text = refused_beside_a_good_one(activity_xml("PCT", sectors=sector_xml("12220", 150)))
    assert [p.code for p in problems] == ["percentage_range"]


def test_an_amount_too_large_to_be_aid_is_refused():
    problems, _text = refused_beside_a_good_one(
        activity_xml("HUGE", transactions=transaction_xml(3, "2023-03-01", "1" + "0" * 15))
    )
    assert [(p.code, p.element) for p in problems] == [("value_invalid", "value")]


def test_codes_of_the_small_codelists_are_checked_too():
    budget = (
        '<budget type="3" status="7"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>'
        '<value value-date="2024-01-01">100</value></budget>'
    )
    broken = activity_xml("SMALL", budgets=budget).replace('role="4"', 'role="9"')
    problems, _text = refused_beside_a_good_one(broken)
    found = {(p.params["codelist"], p.params["code"]) for p in problems if p.code == "codelist"}
    assert found == {("BudgetType", "3"), ("BudgetStatus", "7"), ("OrganisationRole", "9")}
