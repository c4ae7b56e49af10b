import pytest
from django.urls import reverse

from roundtable.conftest import LADDER


@pytest.mark.parametrize("persona", LADDER)
def test_group_page_links_to_the_stakeholder_list_only_for_those_who_may_read_it(world, client_for, persona):
    html = client_for(world.user(persona)).get(reverse("groups:detail", args=["health"])).content.decode()
    link = reverse("directory:stakeholders", args=["health"])
    assert (link in html) is (persona in {"member", "secretariat", "rtp"})
    assert (reverse("directory:stakeholder_add", args=["health"]) in html) is (
        persona in {"secretariat", "rtp"}
    )


def test_my_work_lists_my_groups_stakeholder_lists(world, client_for):
    html = client_for(world.user("secretariat")).get(reverse("website:dashboard")).content.decode()
    assert reverse("directory:stakeholders", args=["health"]) in html
    assert reverse("directory:stakeholder_add", args=["health-hpf"]) in html
    html = client_for(world.user("outsider")).get(reverse("website:dashboard")).content.decode()
    assert reverse("directory:stakeholders", args=["health"]) not in html
