"""Authentication backends whose get_user reads the shared cache first.

Every signed-in request loads its user; with Redis as the cache (REDIS_URL) that is a cache
read instead of a query. The entry is dropped whenever the user row is saved or deleted
(apps.py) and by `user_sessions_end`, and expires after USER_CACHE_SECONDS in any case (a
bulk `update()` sends no signal). Without Redis the cache is a database table, no cheaper than
the user row, so the backends read the row as Django does.
"""

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.contrib.auth import backends
from django.core.cache import cache


def user_cache_key(user_id: object) -> str:
    return f"accounts:user:{user_id}"


def forget_cached_user(user_id: object) -> None:
    if settings.USER_CACHE_SECONDS:
        cache.delete(user_cache_key(user_id))


class CachedUserMixin:
    def get_user(self, user_id: Any) -> Any:
        if not settings.USER_CACHE_SECONDS:
            return super().get_user(user_id)  # type: ignore[misc]
        key = user_cache_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)  # type: ignore[misc]
            if user is not None:
                cache.set(key, user, settings.USER_CACHE_SECONDS)
        return user


class ModelBackend(CachedUserMixin, backends.ModelBackend):
    pass


class AllauthBackend(CachedUserMixin, AuthenticationBackend):
    pass
