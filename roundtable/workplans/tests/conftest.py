"""Fixtures of the work-plan tests: NSEDP and SDG frameworks, and plans in any state."""

from dataclasses import dataclass

import pytest
from django.utils import translation

from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.workplans.models import Priority, WorkPlan, WorkPlanStatus


@dataclass
class Frameworks:
    nsedp: Framework
    old_nsedp: Framework
    outcome: FrameworkItem
    output: FrameworkItem
    output2: FrameworkItem
    old_output: FrameworkItem
    target: FrameworkItem


@pytest.fixture
def frameworks(db) -> Frameworks:
    nsedp = Framework.objects.create(
        kind="nsedp", code="nsedp-10", name_en="10th NSEDP", name_lo="ແຜນ 10", start_year=2026, end_year=2030
    )
    old = Framework.objects.create(
        kind="nsedp", code="nsedp-9", name_en="9th NSEDP", name_lo="ແຜນ 9", start_year=2021, end_year=2025
    )
    sdg = Framework.objects.create(kind="sdg", code="sdg", name_en="SDGs", name_lo="ເປົ້າໝາຍການພັດທະນາແບບຍືນຍົງ")
    outcome = FrameworkItem.objects.create(
        framework=nsedp,
        level="outcome",
        code="2",
        title_en="Human development",
        title_lo="ການພັດທະນາຊັບພະຍາກອນມະນຸດ",
    )
    output = FrameworkItem.objects.create(
        framework=nsedp,
        parent=outcome,
        level="output",
        code="2.1",
        title_en="Universal health coverage",
        title_lo="ການປົກປ້ອງສຸຂະພາບຖ້ວນໜ້າ",
    )
    output2 = FrameworkItem.objects.create(
        framework=nsedp,
        parent=outcome,
        level="output",
        code="2.2",
        title_en="Quality education",
        title_lo="ການສຶກສາທີ່ມີຄຸນນະພາບ",
    )
    old_outcome = FrameworkItem.objects.create(
        framework=old, level="outcome", code="2", title_en="Human resources", title_lo="ຊັບພະຍາກອນມະນຸດ"
    )
    old_output = FrameworkItem.objects.create(
        framework=old,
        parent=old_outcome,
        level="output",
        code="2.3",
        title_en="Health services",
        title_lo="ການບໍລິການສາທາລະນະສຸກ",
    )
    goal = FrameworkItem.objects.create(
        framework=sdg, level="goal", code="3", title_en="Good health", title_lo="ສຸຂະພາບດີ"
    )
    target = FrameworkItem.objects.create(
        framework=sdg,
        parent=goal,
        level="target",
        code="3.8",
        title_en="Achieve universal health coverage",
        title_lo="ບັນລຸການປົກປ້ອງສຸຂະພາບຖ້ວນໜ້າ",
    )
    return Frameworks(nsedp, old, outcome, output, output2, old_output, target)


PRIORITY_LO = "ປັບປຸງຄຸນນະພາບການບໍລິການສາທາລະນະສຸກຂັ້ນພື້ນຖານ"


def add_priority(plan: WorkPlan, output=None, title_lo: str = PRIORITY_LO, **extra) -> Priority:
    priority = Priority.objects.create(
        workplan=plan,
        title_lo=title_lo,
        title_en=extra.pop("title_en", "Better primary health care"),
        order=extra.pop("order", 1),
        **extra,
    )
    if output is not None:
        priority.nsedp_outputs.add(output)
    return priority


@pytest.fixture
def make_plan(world, frameworks):
    """make_plan(status="draft", year=2026, group=None, ready=True) → a plan (ready: one linked priority)."""

    def make(
        status: str = WorkPlanStatus.DRAFT, year: int = 2026, group=None, ready: bool = True, **fields
    ) -> WorkPlan:
        plan = WorkPlan.objects.create(group=group or world.health, year=year, status=status, **fields)
        if ready:
            add_priority(plan, frameworks.output if year >= 2026 else frameworks.old_output)
        return plan

    return make


@pytest.fixture
def english():
    """Messages in English, for tests that match a service's message (the default language is Lao)."""
    with translation.override("en"):
        yield
