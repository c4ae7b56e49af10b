"""Data for the API tests: the shared `world` plus frameworks, links and a ToR document."""

from dataclasses import dataclass
from datetime import date

import pytest

from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.groups.models import Group, TermsOfReference


@dataclass
class ApiWorld:
    world: object
    nsedp: Framework
    sdg: Framework
    outcome: FrameworkItem
    output: FrameworkItem
    goal: FrameworkItem
    target: FrameworkItem
    tor: TermsOfReference


@pytest.fixture
def api_world(world) -> ApiWorld:
    nsedp = Framework.objects.create(
        kind="nsedp",
        code="nsedp-9",
        name_en="9th NSEDP",
        name_lo="ແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມ ຄັ້ງທີ IX",
        start_year=2021,
        end_year=2025,
    )
    sdg = Framework.objects.create(
        kind="sdg", code="sdg", name_en="Sustainable Development Goals", name_lo="ເປົ້າໝາຍການພັດທະນາແບບຍືນຍົງ"
    )
    outcome = FrameworkItem.objects.create(
        framework=nsedp,
        level="outcome",
        code="2",
        title_en="Improved quality of human resources",
        title_lo="ຊັບພະຍາກອນມະນຸດມີຄຸນນະພາບ",
    )
    output = FrameworkItem.objects.create(
        framework=nsedp, parent=outcome, level="output", code="2.1", title_en="Better health care"
    )
    goal = FrameworkItem.objects.create(
        framework=sdg, level="goal", code="3", title_en="Good health and well-being", title_lo="ສຸຂະພາບ"
    )
    target = FrameworkItem.objects.create(
        framework=sdg, parent=goal, level="target", code="3.1", title_en="Reduce maternal mortality"
    )
    world.health.nsedp_outcomes.add(outcome)
    world.health.sdgs.add(goal)
    world.health.mandate_en = "Coordinates the health sector."
    world.health.save()
    tor = TermsOfReference.objects.create(
        group=world.health,
        title="Health SWG ToR",
        file="tor/health/tor.pdf",
        language="en",
        version="2",
        issued_on=date(2024, 3, 1),
    )
    Group.objects.create(kind="swg", code="retired", name_en="Retired SWG", is_active=False)
    return ApiWorld(world, nsedp, sdg, outcome, output, goal, target, tor)


ENDPOINTS = ["groups", "organisations", "frameworks", "framework-items"]
# Every list of the API, those the apps register included.
ALL_LISTS = [*ENDPOINTS, "meetings", "minutes", "action-points", "workplans"]


def detail_paths(data: ApiWorld) -> list[str]:
    """The API detail URL of every public object of the fixture."""
    w = data.world
    paths = [f"/api/v1/groups/{code}/" for code in ("health", "health-hpf", "education")]
    paths += [f"/api/v1/organisations/{org.pk}/" for org in (w.moh, w.moes, w.mpi, w.who, w.japan)]
    paths += [f"/api/v1/frameworks/{fw.code}/" for fw in (data.nsedp, data.sdg)]
    paths += [
        f"/api/v1/framework-items/{item.pk}/" for item in (data.outcome, data.output, data.goal, data.target)
    ]
    return paths
