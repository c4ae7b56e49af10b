import re

import pytest
from django.contrib.sitemaps import Sitemap

from roundtable.core import sitemaps
from roundtable.core.tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


def locations(client) -> list[str]:
    return re.findall(r"<loc>http://testserver([^<]+)</loc>", sitemap_text(client))


def test_the_sitemap_lists_every_active_group_page_in_both_languages(world, client):
    world.education.is_active = False
    world.education.save()
    locs = locations(client)
    for lang in ("lo", "en"):
        assert f"/{lang}/" in locs
        assert f"/{lang}/groups/" in locs
        assert f"/{lang}/groups/health/" in locs
        assert f"/{lang}/groups/health-hpf/" in locs
        assert f"/{lang}/groups/education/" not in locs


def test_the_sitemap_lists_organisations_and_frameworks(world, client):
    from roundtable.frameworks.models import Framework

    framework = Framework.objects.create(kind="sdg", code="sdg", name_en="SDGs")
    locs = locations(client)
    assert world.who.get_absolute_url() in locs
    assert framework.get_absolute_url() in locs
    assert any(loc.endswith("/en" + framework.get_absolute_url()[3:]) for loc in locs)


def test_the_sitemap_gives_each_page_its_language_alternates(world, client):
    body = sitemap_text(client)
    assert 'hreflang="lo" href="http://testserver/lo/groups/health/"' in body
    assert 'hreflang="en" href="http://testserver/en/groups/health/"' in body


def test_the_sitemap_shows_no_contact_details(world, client):
    body = sitemap_text(client)
    for person in world.people.values():
        assert person.email not in body


def test_other_apps_add_their_sitemaps_through_the_registry(world, client):
    class Extra(Sitemap):
        i18n = True

        def items(self):
            return ["x"]

        def location(self, item):
            return "/extra-page/"

    sitemaps.register_sitemap("extra-test")(Extra)
    try:
        assert "/extra-page/" in locations(client)
        with pytest.raises(ValueError):
            sitemaps.register_sitemap("extra-test")(type("Other", (Sitemap,), {}))
    finally:
        del sitemaps.SITEMAPS["extra-test"]
