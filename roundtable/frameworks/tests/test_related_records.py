"""A framework's tree names the groups linked to its items only where those groups may be shown: an
inactive group (seen only by the RTP Secretariat) is not listed, for anyone."""

import pytest

from .test_views import nsedp, url  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["anonymous", "other_member", "rtp"])
def test_an_inactive_group_is_not_listed_under_the_items_it_links(world, nsedp, client_for, persona):  # noqa: F811
    client = client_for(world.user(persona))
    assert 'href="/en/groups/health/"' in client.get(url("detail", "nsedp-9")).content.decode()
    world.health.is_active = False
    world.health.save()  # through the model, as the pages do: a queryset update() tells no cached page
    assert 'href="/en/groups/health/"' not in client.get(url("detail", "nsedp-9")).content.decode()
