"""Migration 0006: the stakeholder roles stored as words become codes, the funding sources a text per
language, on the rows and in their history; and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("workplans", "0005_alter_historicalpriority_end_date_and_more")]
AFTER = [("workplans", "0006_stakeholder_role_code_bilingual_funding")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_known_role_words_become_codes_and_funding_sources_are_split_by_language(old_apps):
    Group = old_apps.get_model("groups", "Group")
    WorkPlan = old_apps.get_model("workplans", "WorkPlan")
    Stakeholder = old_apps.get_model("workplans", "PlanStakeholder")
    Priority = old_apps.get_model("workplans", "Priority")
    HistoricalStakeholder = old_apps.get_model("workplans", "HistoricalPlanStakeholder")
    group = Group.objects.create(kind="swg", code="health", name_en="Health", name_lo="ສາທາລະນະສຸກ")
    plan = WorkPlan.objects.create(group=group, year=2026, status="draft")
    roles = ["ປະທານ", "ປະທານຮ່ວມ", "Co-chair", " chair ", "ກອງເລຂາ", "Technical support on nutrition", ""]
    for role in roles:
        row = Stakeholder.objects.create(workplan=plan, name=f"n{len(role)}", role=role)
        HistoricalStakeholder.objects.create(
            id=row.pk, workplan_id=plan.pk, name=row.name, role=role, history_type="+",
            history_date="2026-01-05T10:00:00Z",
        )  # fmt: skip
    sources = [
        "ລັດຖະບານ ແລະ ຄູ່ຮ່ວມພັດທະນາ / Government and development partners",
        "World Bank / ທະນາຄານໂລກ",
        "ງົບປະມານແຫ່ງລັດ",
        "Global Fund",
        "",
    ]
    for n, source in enumerate(sources):
        Priority.objects.create(workplan=plan, order=n, title_en=f"p{n}", funding_source=source)

    new_apps = migrate(AFTER)
    Stakeholder = new_apps.get_model("workplans", "PlanStakeholder")
    rows = list(Stakeholder.objects.order_by("pk").values_list("role_code", "role_note"))
    assert rows == [
        ("chair", ""), ("cochair", ""), ("cochair", ""), ("chair", ""), ("secretariat", ""),
        ("", "Technical support on nutrition"), ("", ""),
    ]  # fmt: skip
    history = new_apps.get_model("workplans", "HistoricalPlanStakeholder")
    assert list(history.objects.order_by("id").values_list("role_code", flat=True)) == [r[0] for r in rows]
    Priority = new_apps.get_model("workplans", "Priority")
    assert list(Priority.objects.order_by("order").values_list("funding_source_lo", "funding_source_en")) == [
        ("ລັດຖະບານ ແລະ ຄູ່ຮ່ວມພັດທະນາ", "Government and development partners"),
        ("ທະນາຄານໂລກ", "World Bank"),
        ("ງົບປະມານແຫ່ງລັດ", ""),
        ("", "Global Fund"),
        ("", ""),
    ]

    # Back: the words again (English labels for codes), one funding text joining both.
    back = migrate(BEFORE)
    assert list(
        back.get_model("workplans", "PlanStakeholder").objects.order_by("pk").values_list("role", flat=True)
    )[:3] == ["Chair", "Co-chair", "Co-chair"]
    assert back.get_model("workplans", "Priority").objects.get(order=3).funding_source == "Global Fund"
