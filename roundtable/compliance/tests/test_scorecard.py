"""The scorecard: it agrees with the records and with the public API of meetings, minutes and work plans,
its export is typed, its charts are SVG, and its cost in queries is fixed whatever the amount of data."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from roundtable.compliance.items import Status
from roundtable.compliance.models import HandTick
from roundtable.directory.models import Membership
from roundtable.groups.models import ChairTerm, Group, TermsOfReference
from roundtable.reports.models import Cycle, ProgressReport

from .conftest import aware, meeting, minutes_version, obligation, workplan

TODAY = date(2026, 12, 2)


@pytest.fixture
def today():
    with time_machine.travel(aware(TODAY, 10), tick=False):
        yield TODAY


def _records(world):
    """A year of Health's work: three quarters met (one cancelled meeting in Q2), minutes on time and late,
    a plan submitted late and published, a private meeting, a published cycle with Health's report."""
    health = world.health
    m1 = meeting(health, date(2026, 2, 10))
    minutes_version(m1, sent=date(2026, 2, 20), published=date(2026, 3, 1))
    meeting(health, date(2026, 5, 12), state="cancelled")
    m3 = meeting(health, date(2026, 8, 4))
    minutes_version(m3, sent=date(2026, 9, 1), published=date(2026, 9, 20))
    meeting(health, date(2026, 10, 6), is_public=False)  # held, not on the website, no published minutes
    workplan(health, 2026, submitted=date(2026, 2, 3), published=date(2026, 3, 10))
    cycle = Cycle.objects.create(
        code="rtim-2026", year=2026, held_on=date(2026, 11, 20), status="published", published_at=aware(TODAY)
    )
    cycle.groups.add(health, world.education)
    ProgressReport.objects.create(
        cycle=cycle,
        group=health,
        status="published",
        submitted_at=aware(date(2026, 10, 20)),
        published_at=aware(date(2026, 11, 25)),
    )
    return m1, m3


def test_the_scorecard_agrees_with_the_records(checklist_world, client_for, today):
    _records(checklist_world)
    client = client_for(checklist_world.user("rtp"))
    page = client.get(reverse("compliance:scorecard"), {"year": 2026})
    assert page.status_code == 200
    view = page.context["view"]
    health = next(row for table in view.tables for row in table.rows if row.group.code == "health")
    cells = {cell.obligation.code: cell for cell in health.cells}
    assert [i.status for i in cells["meetings"].items] == [
        Status.DONE,
        Status.OVERDUE,
        Status.DONE,
        Status.DONE,
    ]
    assert cells["workplan"].status == Status.LATE and cells["workplan"].days_late == 3
    assert cells["workplan-published"].status == Status.DONE
    assert [i.status for i in cells["minutes-sent"].items] == [Status.DONE, Status.LATE, Status.OVERDUE]
    # 4 August's minutes published on 20 September: 17 days past the 30.
    assert [i.status for i in cells["minutes-published"].items] == [Status.DONE, Status.LATE, Status.OVERDUE]
    assert cells["minutes-published"].items[1].days_late == 17
    assert cells["progress-report"].status == Status.DONE
    education = next(row for table in view.tables for row in table.rows if row.group.code == "education")
    assert {c.obligation.code: c.status for c in education.cells}["progress-report"] == Status.OVERDUE
    # A click opens the records behind a cell.
    cell = client.get(reverse("compliance:cell", args=[2026, "health", "meetings"]))
    assert cell.status_code == 200
    assert "health meeting 2026-05-12" in cell.content.decode()


def test_the_public_scorecard_agrees_with_the_public_api(checklist_world, client, today):
    m1, m3 = _records(checklist_world)
    data = client.get("/api/v1/compliance/health/", {"year": 2026}).json()
    by_code = {ob["code"]: ob for ob in data["obligations"]}
    assert set(by_code) == {"workplan-published", "meetings", "minutes-published", "progress-report"}

    meetings = client.get("/api/v1/meetings/", {"group": "health", "year": 2026}).json()["results"]
    held = sorted(m["start"][:10] for m in meetings if m["state"] == "held")
    assert [
        i["done"] for i in by_code["meetings"]["items"] if i["done"]
    ] == held  # the private one is not there
    # The October meeting is not public: publicly, the fourth quarter is still due.
    assert [i["status"] for i in by_code["meetings"]["items"]] == ["done", "overdue", "done", "due"]

    minutes = client.get("/api/v1/minutes/", {"group": "health", "year": 2026}).json()["results"]
    published = {f"meeting:{m['id']}": min(m["published_at"].values())[:10] for m in minutes}
    assert {i["key"]: i["done"] for i in by_code["minutes-published"]["items"]} == published

    plans = client.get("/api/v1/workplans/", {"group": "health", "year": 2026}).json()["results"]
    assert by_code["workplan-published"]["done"] == plans[0]["published_at"][:10]

    reports = client.get("/api/v1/reports/", {"group": "health", "year": 2026}).json()["results"]
    assert by_code["progress-report"]["items"][0]["done"] == reports[0]["submitted_at"][:10]

    page = client.get(reverse("compliance:public"), {"year": 2026})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Send the annual work plan" not in html and "ນຳສົ່ງແຜນວຽກປະຈຳປີ ທີ່ປະທານ" not in html


def test_the_api_documents_its_filters_and_refuses_bad_values(client, checklist_world):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/compliance/"]["get"]["parameters"]}
    assert set(parameters) == {"year", "group", "kind", "obligation", "page", "page_size"}
    assert all(p.get("description") for p in parameters.values())
    assert (parameters["year"]["schema"]["minimum"], parameters["year"]["schema"]["maximum"]) == (1900, 2200)
    assert "/api/v1/compliance/{group}/" in schema["paths"]
    for param, value in [
        ("year", "0"),
        ("year", "abc"),
        ("group", "nope"),
        ("kind", "forum"),
        ("obligation", "x"),
    ]:
        response = client.get("/api/v1/compliance/", {param: value})
        assert response.status_code == 400, (param, value)
        assert set(response.json()) == {param}
    # A private obligation is not a public one's code: 400, as a code that names nothing.
    assert client.get("/api/v1/compliance/", {"obligation": "workplan"}).status_code == 400
    only = client.get("/api/v1/compliance/", {"obligation": "meetings", "kind": "swg"}).json()
    assert {row["group"] for row in only["results"]} == {"health", "education"}
    assert all([ob["code"] for ob in row["obligations"]] == ["meetings"] for row in only["results"])
    assert client.get("/api/v1/compliance/retired-or-not/").status_code == 404


def test_the_export_writes_typed_cells(checklist_world, client_for, today):
    _records(checklist_world)
    response = client_for(checklist_world.user("rtp")).get(
        reverse("compliance:scorecard_xlsx"), {"year": 2026}
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    scorecard, items, trend = book.worksheets
    assert scorecard["B2"].value == 2026 and scorecard["B2"].data_type == "n"
    rows = list(items.iter_rows(min_row=2, values_only=True))
    health_meetings = [r for r in rows if r[1] == "health" and r[3] == "meetings" and r[0] == 2026]
    assert len(health_meetings) == 4
    year, _code, _name, _ob, _task, _item, due, done, _status, days = health_meetings[0]
    assert isinstance(year, int) and isinstance(days, int)
    assert due.date() == date(2026, 3, 31) and done.date() == date(2026, 2, 10)
    assert trend["A2"].data_type == "n" and trend["G2"].data_type == "n" and trend["G2"].number_format == "0%"


def test_a_formula_typed_into_a_task_stays_text_in_the_export(checklist_world, client_for, today):
    from roundtable.compliance.models import Obligation

    Obligation.objects.filter(code="meetings", template__kind="swg").update(
        task_en="=HYPERLINK(1)", task_lo=""
    )
    response = client_for(checklist_world.user("rtp")).get(
        reverse("compliance:scorecard_xlsx"), {"year": 2026}
    )
    book = load_workbook(io.BytesIO(response.content))
    values = [c for row in book.worksheets[1].iter_rows() for c in row if c.value == "=HYPERLINK(1)"]
    assert values and all(c.data_type == "s" for c in values)


def test_the_charts_are_svg_in_the_page_with_a_pattern_per_status(checklist_world, client_for, today):
    _records(checklist_world)
    html = client_for(checklist_world.user("rtp")).get(reverse("compliance:scorecard")).content.decode()
    assert html.count("<svg") >= 10
    assert "pattern" in html and "cross" in html and "hatch" in html
    assert "style=" not in html.split("<main", 1)[1]  # no inline style (the Content-Security-Policy)
    # No inline script (the Content-Security-Policy): htmx, where a page uses it, is a file of the site's own.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html.split("<main", 1)[1])


# --- queries: fixed, whatever the data --------------------------------------------------------------------


def _grow(world, n_groups: int, years: int, prefix: str):
    """`n_groups` more SWGs with a sub-SWG each, `years` years of meetings, minutes, plans, cycles, reports,
    ToR, co-chair changes and hand ticks."""
    consulted = obligation("swg", "cochair-consulted")
    user = world.user("secretariat")
    for g in range(n_groups):
        swg = Group.objects.create(
            kind="swg", code=f"{prefix}-swg-{g}", name_en=f"SWG {prefix} {g}", order=20 + g
        )
        sub = Group.objects.create(
            kind="subswg", code=f"{prefix}-sub-{g}", name_en=f"Sub {prefix} {g}", parent=swg
        )
        Group.objects.filter(pk__in=[swg.pk, sub.pk]).update(created_at=aware(date(2010, 1, 1)))
        Membership.objects.create(person=world.people["member"], group=swg, role="member")
        TermsOfReference.objects.create(
            group=swg, file="tor/x.pdf", language="en", version="1", issued_on=date(2018, 1, 1)
        )
        previous = None
        for y in range(TODAY.year - years + 1, TODAY.year + 1):
            term = ChairTerm.objects.create(
                group=swg,
                role="cochair",
                organisation=world.who,
                start_date=date(y, 1, 1),
                planned_end=date(y, 12, 31),
                ended_on=date(y, 12, 31),
                replaces=previous,
            )
            if previous is not None:
                HandTick.objects.create(
                    group=swg,
                    obligation=consulted,
                    year=y,
                    item_key=f"term:{term.pk}",
                    done_on=date(y, 1, 1) - timedelta(days=3),
                    note="Consulted.",
                    evidence_url="https://example.la/x",
                    ticked_by=user,
                )
            previous = term
            workplan(swg, y, submitted=date(y, 1, 20), published=date(y, 3, 1))
            for quarter in range(4):
                m = meeting(swg, date(y, 3 * quarter + 2, 10))
                minutes_version(m, sent=date(y, 3 * quarter + 2, 20), published=date(y, 3 * quarter + 2, 28))
            meeting(sub, date(y, 6, 10))
            cycle = Cycle.objects.create(
                code=f"rtim-{y}-{prefix}{g}",
                year=y,
                held_on=date(y, 12, 20),
                status="published",
                published_at=aware(TODAY),
            )
            cycle.groups.add(swg)
            ProgressReport.objects.create(
                cycle=cycle,
                group=swg,
                status="published",
                submitted_at=aware(date(y, 11, 1)),
                published_at=aware(date(y, 12, 21)),
            )


def _count_queries(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(15) as captured:
        response = client.get(url, {"year": TODAY.year})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_whole_scorecard_takes_at_most_15_queries_and_as_many_with_ten_times_the_data(
    checklist_world, client_for, today, django_assert_max_num_queries
):
    client = client_for(checklist_world.user("rtp"))
    names = (
        "compliance:scorecard",
        "compliance:scorecard_xlsx",
        "compliance:public",
        "compliance:public_xlsx",
    )
    _grow(checklist_world, n_groups=1, years=10, prefix="a")
    small = {name: _count_queries(client, reverse(name), django_assert_max_num_queries) for name in names}
    _grow(checklist_world, n_groups=9, years=10, prefix="b")
    large = {name: _count_queries(client, reverse(name), django_assert_max_num_queries) for name in names}
    print("queries", small, large)
    assert large == small
    assert Group.objects.filter(kind="swg").count() >= 11
    page = client.get(reverse("compliance:scorecard"), {"year": TODAY.year})
    assert len(page.context["view"].trend) == 10
    api = client.get("/api/v1/compliance/", {"year": TODAY.year, "page_size": 100})
    assert api.status_code == 200 and api.json()["count"] >= 22
