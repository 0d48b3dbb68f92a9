"""The Redis cache keeps one client per connection pool instead of one per call."""

import os

import pytest
import redis

from peercircle.lib.cache import ReusedClientRedisCache

REDIS_URL = os.environ.get("TEST_REDIS_URL_CACHE", "redis://127.0.0.1:6379/8")


def redis_reachable() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason=f"no Redis at {REDIS_URL}")
def test_the_cache_works_and_reuses_its_client() -> None:
    cache = ReusedClientRedisCache(REDIS_URL, {"KEY_PREFIX": "test-cache"})
    cache.set("answer", {"n": 42}, 30)
    assert cache.get("answer") == {"n": 42}
    assert cache.get_many(["answer", "missing"]) == {"answer": {"n": 42}}
    cache.delete("answer")
    assert cache.get("answer") is None
    client = cache._cache  # type: ignore[attr-defined]
    assert client.get_client() is client.get_client(write=True)
