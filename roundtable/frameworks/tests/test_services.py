"""The frameworks' write services check their own permission: only the RTP Secretariat edits."""

import pytest

from roundtable.conftest import LADDER
from roundtable.core.services import Refused
from roundtable.frameworks import services
from roundtable.frameworks.models import Framework, FrameworkItem


@pytest.fixture
def sdg(db):
    framework = Framework.objects.create(
        code="sdg", kind="sdg", name_en="SDGs", start_year=2016, end_year=2030
    )
    goal = FrameworkItem.objects.create(framework=framework, level="goal", code="3", title_en="Good health")
    return framework, goal


@pytest.mark.parametrize("persona", [p for p in LADDER if p != "rtp"])
def test_only_the_rtp_secretariat_edits_frameworks_even_when_calling_the_services(world, sdg, persona):
    framework, goal = sdg
    actor = world.user(persona)
    attempts = [
        lambda: services.framework_update(framework=framework, actor=actor, data={"name_en": "x"}),
        lambda: services.item_update(item=goal, actor=actor, data={"title_en": "x"}),
        lambda: services.item_create(
            framework=framework, actor=actor, parent=goal, level="target", code="3.1"
        ),
        lambda: services.item_delete(item=goal, actor=actor),
    ]
    for attempt in attempts:
        with pytest.raises(Refused) as refused:
            attempt()
        assert refused.value.code == "not_allowed"
    framework.refresh_from_db()
    goal.refresh_from_db()
    assert framework.name_en == "SDGs" and goal.title_en == "Good health"
    assert list(FrameworkItem.objects.values_list("code", flat=True)) == ["3"]


def test_the_rtp_secretariat_edits_and_an_unchanged_save_writes_no_history(world, sdg):
    framework, goal = sdg
    rtp = world.user("rtp")
    assert services.item_update(item=goal, actor=rtp, data={"title_en": "  Good   health "}) == []
    assert goal.history.count() == 1
    assert services.item_update(item=goal, actor=rtp, data={"title_lo": "ສຸຂະພາບດີ"}) == ["title_lo"]
    assert services.framework_update(framework=framework, actor=rtp, data={"end_year": 2031}) == ["end_year"]
    assert goal.history.count() == 2 and Framework.objects.get(pk=framework.pk).end_year == 2031
