"""Every API list costs the same number of queries for N rows and for 10×N rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.directory.models import Organisation, Person
from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.groups.models import ChairTerm, Group, TermsOfReference


def add_groups(n: int, start: int) -> None:
    """n SWGs, each with a sub-SWG, a chair, a co-chair, a ToR and links to the frameworks."""
    nsedp, _ = Framework.objects.get_or_create(
        code="nsedp-9", defaults={"kind": "nsedp", "name_en": "9th NSEDP"}
    )
    sdg, _ = Framework.objects.get_or_create(code="sdg", defaults={"kind": "sdg", "name_en": "SDGs"})
    for i in range(start, start + n):
        ministry = Organisation.objects.create(name_en=f"Ministry {i}", kind="ministry")
        partner = Organisation.objects.create(name_en=f"Partner {i}", kind="bilateral")
        person = Person.objects.create(name_en=f"Chair {i}", organisation=ministry, email=f"c{i}@example.la")
        swg = Group.objects.create(kind="swg", code=f"swg-{i}", name_en=f"SWG {i}", lead_ministry=ministry)
        Group.objects.create(
            kind="subswg", code=f"swg-{i}-sub", name_en=f"Sub {i}", parent=swg, lead_ministry=ministry
        )
        ChairTerm.objects.create(
            group=swg, role="chair", organisation=ministry, person=person, start_date=date(2024, 1, 1)
        )
        ChairTerm.objects.create(group=swg, role="cochair", organisation=partner, start_date=date(2024, 1, 1))
        TermsOfReference.objects.create(
            group=swg, file=f"tor/{i}.pdf", language="lo", version="1", issued_on=date(2024, 1, 1)
        )
        swg.nsedp_outcomes.add(FrameworkItem.objects.create(framework=nsedp, level="outcome", code=str(i)))
        swg.sdgs.add(FrameworkItem.objects.create(framework=sdg, level="goal", code=str(i)))


def add_organisations(n: int, start: int) -> None:
    Organisation.objects.bulk_create(
        Organisation(name_en=f"Org {i}", kind="ingo") for i in range(start, start + n)
    )


def add_frameworks(n: int, start: int) -> None:
    for i in range(start, start + n):
        framework = Framework.objects.create(kind="nsedp", code=f"nsedp-{i}", name_en=f"NSEDP {i}")
        FrameworkItem.objects.create(framework=framework, level="outcome", code="1")


def add_framework_items(n: int, start: int) -> None:
    framework, _ = Framework.objects.get_or_create(code="sdg", defaults={"kind": "sdg", "name_en": "SDGs"})
    for i in range(start, start + n):
        goal = FrameworkItem.objects.create(framework=framework, level="goal", code=str(i))
        FrameworkItem.objects.create(framework=framework, parent=goal, level="target", code=f"{i}.1")


def queries_for(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries), response.json()["count"]


@pytest.mark.parametrize(
    "path, add",
    [
        ("/api/v1/groups/", add_groups),
        ("/api/v1/organisations/", add_organisations),
        ("/api/v1/frameworks/", add_frameworks),
        ("/api/v1/framework-items/", add_framework_items),
    ],
)
def test_list_queries_do_not_grow_with_rows(client, db, path, add):
    add(2, 0)
    few, few_rows = queries_for(client, f"{path}?page_size=200")
    add(18, 2)
    many, many_rows = queries_for(client, f"{path}?page_size=200")
    assert many_rows == 10 * few_rows
    assert many == few
