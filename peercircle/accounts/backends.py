"""Authentication backends whose get_user reads the shared cache first.

Every signed-in request loads its user; with Redis as the cache (REDIS_URL) that is a cache
read instead of a query. The entry is dropped whenever the user row is saved or deleted
(apps.py) and by `user_sessions_end`, and expires after USER_CACHE_SECONDS in any case (a
bulk `update()` sends no signal). Without Redis the cache is a database table, no cheaper than
the user row, so the backends read the row as Django does.

In front of Redis, each web process keeps the users it served for USER_PROCESS_CACHE_SECONDS
(a few seconds): a Redis round trip and unpickling cost a signed-in request more than the rest
of its floor. A change made through another process reaches this one within those seconds:
logging out everywhere (a raised `session_generation`) ends sessions on other processes that
much later, at most; in the process that made the change, at once. Each request gets its own
copy, so a view changing `request.user` cannot change another request's.
"""

import copy
import time
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.contrib.auth import backends
from django.core.cache import cache


def user_cache_key(user_id: object) -> str:
    return f"accounts:user:{user_id}"


# key -> (monotonic time it expires, user); emptied when it grows past MAX_IN_PROCESS.
_in_process: dict[str, tuple[float, Any]] = {}
MAX_IN_PROCESS = 10_000
_clock = time.monotonic  # tests move it


def forget_cached_user(user_id: object) -> None:
    _in_process.pop(user_cache_key(user_id), None)
    if settings.USER_CACHE_SECONDS:
        cache.delete(user_cache_key(user_id))


class CachedUserMixin:
    def get_user(self, user_id: Any) -> Any:
        if not settings.USER_CACHE_SECONDS:
            return super().get_user(user_id)  # type: ignore[misc]
        key = user_cache_key(user_id)
        now = _clock()
        held = _in_process.get(key)
        if held is not None and held[0] > now:
            return copy.copy(held[1])
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)  # type: ignore[misc]
            if user is None:
                return None
            cache.set(key, user, settings.USER_CACHE_SECONDS)
        seconds = settings.USER_PROCESS_CACHE_SECONDS
        if seconds:
            if len(_in_process) >= MAX_IN_PROCESS:
                _in_process.clear()
            _in_process[key] = (now + seconds, user)
            return copy.copy(user)
        return user


class ModelBackend(CachedUserMixin, backends.ModelBackend):
    pass


class AllauthBackend(CachedUserMixin, AuthenticationBackend):
    pass
