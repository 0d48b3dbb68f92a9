"""Bearer-token authentication, scopes and the per-token rate limit.

An API request authenticates only by `Authorization: Bearer <token>`: no session, no CSRF.
The person behind the token then goes through the same funnels as on the pages.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from peercircle.accounts.models import User
from peercircle.api.actions.tokens import token_digest, token_touch
from peercircle.api.models import ApiToken
from peercircle.api.problems import ApiProblem

# Requests per token per window; documented in docs/api.md.
RATE_WINDOW_SECONDS = 60


def rate_limit() -> int:
    return int(getattr(settings, "API_RATE_LIMIT_PER_MINUTE", 120))


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        if not token or len(token) > 200:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(token), user__is_active=True)
            .first()
        )
        now = timezone.now()
        if found is None or not found.is_active(now):
            return None
        _check_rate(found)
        token_touch(token=found, now=now)
        request.user = found.user
        return found


def _check_rate(token: ApiToken) -> None:
    """A fixed window counted in the shared cache, so every process sees the same count."""
    window = int(time.time()) // RATE_WINDOW_SECONDS
    key = f"api-rate:{token.pk}:{window}"
    cache.add(key, 0, RATE_WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS + 5)
        count = 1
    if count > rate_limit():
        retry = RATE_WINDOW_SECONDS - int(time.time()) % RATE_WINDOW_SECONDS
        raise ApiProblem(
            429,
            "Too many requests",
            f"This token may make {rate_limit()} requests a minute.",
            retry_after=max(retry, 1),
        )


def token_of(request: HttpRequest) -> ApiToken:
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token


def require(request: HttpRequest, scope: str) -> User:
    """The token's person, if the token carries `scope`; 403 otherwise."""
    token = token_of(request)
    if scope not in token.scopes:
        raise ApiProblem(403, "Missing scope", f"This token lacks the scope {scope}.")
    return token.user
