"""The page cache shared through Redis (REDIS_URL, for more than one machine): the generation lives in the
cache, not in a stamp file, and a change makes every machine's stored pages stale.

Runs where RT_TEST_REDIS_URL names a Redis database to use (CI: redis://127.0.0.1:6379/15); skipped on a
machine without one. Each test writes under its own key prefix and removes its keys afterwards.
"""

import os
import uuid

import pytest
from django.core.cache import cache

from roundtable.core import pagecache
from roundtable.meetings.tests.conftest import make_meeting

REDIS = os.environ.get("RT_TEST_REDIS_URL", "")
REQUIRED = os.environ.get("RT_REQUIRE_REDIS_TEST") == "1"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REDIS and not REQUIRED, reason="RT_TEST_REDIS_URL names no Redis database"),
]


@pytest.fixture
def redis_cache(settings):
    prefix = f"rt-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_pages_are_stored_in_redis_and_any_change_makes_them_stale(world, client, redis_cache):
    assert not pagecache._uses_stamp_file()
    assert client.get("/en/meetings/")["X-Page-Cache"] == "miss"
    assert client.get("/en/meetings/")["X-Page-Cache"] == "hit"
    before = pagecache.generation()

    make_meeting(world.health, public=True, title_en="Budget review")

    after = cache.get(pagecache.GENERATION_KEY)
    assert after and after != before and pagecache.generation() == after
    fresh = client.get("/en/meetings/")
    assert fresh["X-Page-Cache"] == "miss" and "Budget review" in fresh.content.decode()
    assert client.get("/en/meetings/")["X-Page-Cache"] == "hit"
