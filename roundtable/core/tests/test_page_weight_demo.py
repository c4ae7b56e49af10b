"""No public page of the demo is over 100 KB. Its own module: the demo is loaded once for the module and
stays in the database until the module ends, which a test with its own little world beside it would meet
(random order puts either first)."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from roundtable.core.tests.test_privacy import sitemap_paths

MAX_PAGE_BYTES = 100 * 1024


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module and rolled back at its end."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), transaction.atomic():
        # load_demo refuses to run without DEBUG; the pages are then served as in production.
        with override_settings(DEBUG=True, PASSWORD_HASHERS=fast):
            call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.demo
@pytest.mark.django_db
def test_no_public_page_of_the_demo_is_over_100_kb(demo):
    client = Client()
    heavy = {}
    paths = sitemap_paths(client)
    assert len(paths) > 100
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        if len(response.content) > MAX_PAGE_BYTES:
            heavy[path] = len(response.content)
    assert heavy == {}
