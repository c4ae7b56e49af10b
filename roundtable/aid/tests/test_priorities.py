"""A work-plan priority linked to the activities that fund them: by the group's secretariat (or the RTP
Secretariat); shown on the group's aid page and the activity's page, a draft plan's links to its group
only."""

import pytest
from django.core.exceptions import ValidationError

from roundtable.aid.models import Activity, PriorityLink
from roundtable.aid.services.priorities import priority_link, priority_unlink
from roundtable.core.services import Refused
from roundtable.workplans.models import Priority, WorkPlan, WorkPlanStatus

from .conftest import activity_xml, file_xml, import_bytes, sector_xml

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(world, mapping):
    import_bytes(
        file_xml(
            activity_xml("H-1", title="Clinics"),
            activity_xml("E-1", title="Schools", sectors=sector_xml("11110", 100)),
        )
    )
    published = WorkPlan.objects.create(group=world.health, year=2026, status=WorkPlanStatus.PUBLISHED)
    draft = WorkPlan.objects.create(group=world.health, year=2027)
    return {
        "published": Priority.objects.create(workplan=published, title_en="Primary care", order=1),
        "draft": Priority.objects.create(workplan=draft, title_en="Secret draft priority", order=1),
        "health": Activity.objects.get(identifier="H-1"),
        "education": Activity.objects.get(identifier="E-1"),
    }


def test_the_groups_secretariat_links_an_activity_of_its_sector(world, plans, client_for):
    client = client_for(world.user("secretariat"))
    response = client.post(
        "/en/aid/groups/health/priorities/",
        {"priority": plans["published"].pk, "activity": plans["health"].pk},
    )
    assert response.status_code == 302
    link = PriorityLink.objects.get()
    assert (link.priority, link.activity, link.linked_by) == (
        plans["published"],
        plans["health"],
        world.user("secretariat"),
    )
    page = client_for(None).get("/en/aid/groups/health/").content.decode()
    assert "Primary care" in page and "Clinics" in page
    assert "Primary care" in client_for(None).get(plans["health"].get_absolute_url()).content.decode()


def test_an_activity_of_another_sector_and_a_second_link_are_refused(world, plans):
    secretariat = world.user("secretariat")
    with pytest.raises(ValidationError):
        priority_link(actor=secretariat, priority=plans["published"], activity=plans["education"])
    priority_link(actor=secretariat, priority=plans["published"], activity=plans["health"])
    with pytest.raises(Refused):
        priority_link(actor=secretariat, priority=plans["published"], activity=plans["health"])


def test_others_may_not_link_and_only_the_group_unlinks(world, plans, client_for):
    for persona in ("other_secretariat", "member", "chair"):
        with pytest.raises(Refused):
            priority_link(actor=world.user(persona), priority=plans["published"], activity=plans["health"])
    link = priority_link(actor=world.user("rtp"), priority=plans["published"], activity=plans["health"])
    assert (
        client_for(world.user("other_secretariat"))
        .post(f"/en/aid/groups/health/priorities/{link.pk}/unlink/")
        .status_code
        == 403
    )
    with pytest.raises(Refused):
        priority_unlink(actor=world.user("member"), link=link)
    client_for(world.user("secretariat")).post(f"/en/aid/groups/health/priorities/{link.pk}/unlink/")
    assert not PriorityLink.objects.exists()
    assert PriorityLink.history.filter(history_type="-").get().history_user == world.user("secretariat")


def test_a_draft_plans_links_are_not_public(world, plans, client_for):
    priority_link(actor=world.user("secretariat"), priority=plans["draft"], activity=plans["health"])
    assert "Secret draft priority" not in client_for(None).get("/en/aid/groups/health/").content.decode()
    assert (
        "Secret draft priority"
        not in client_for(None).get(plans["health"].get_absolute_url()).content.decode()
    )
    assert (
        "Secret draft priority"
        in client_for(world.user("member")).get("/en/aid/groups/health/").content.decode()
    )
