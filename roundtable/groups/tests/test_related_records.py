"""Records drawn from another record are shown only where that record may be shown: an inactive SWG (seen
only by the RTP Secretariat) is neither named nor linked from the page or the API entry of its active
sub-SWG."""

import pytest

from roundtable.groups.models import Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def retired_parent(world):
    Group.objects.filter(pk=world.health.pk).update(is_active=False)
    return world


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "other_member", "member"])
def test_an_active_sub_swg_page_does_not_name_or_link_its_inactive_swg(retired_parent, client_for, persona):
    world = retired_parent
    page = client_for(world.user(persona)).get("/en/groups/health-hpf/").content.decode()
    assert "Health Planning and Finance" in page
    assert 'href="/en/groups/health/"' not in page


def test_the_rtp_secretariat_sees_the_inactive_swg_in_the_breadcrumb(retired_parent, client_for):
    page = client_for(retired_parent.user("rtp")).get("/en/groups/health-hpf/").content.decode()
    assert '<a href="/en/groups/health/">Health</a>' in page


def test_the_api_names_no_inactive_parent(retired_parent, client):
    assert client.get("/api/v1/groups/health-hpf/").json()["parent"] is None
    codes = {g["code"]: g["parent"] for g in client.get("/api/v1/groups/").json()["results"]}
    assert "health" not in codes and codes["health-hpf"] is None


def test_the_api_names_an_active_parent(world, client):
    assert client.get("/api/v1/groups/health-hpf/").json()["parent"] == "health"
