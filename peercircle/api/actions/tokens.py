"""Every write to a personal access token."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.api.models import ApiToken, Scope

PREFIX = "pc_"
DEFAULT_LIFETIME = timedelta(days=90)
MAX_LIFETIME = timedelta(days=366)
UNUSED_REVOKE_AFTER = timedelta(days=180)
# Writing last_used_at on every request would make every read a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def token_create(
    *,
    user: User,
    name: str,
    scopes: list[str],
    lifetime: timedelta = DEFAULT_LIFETIME,
    secret: str | None = None,
) -> NewToken:
    """A new token; `secret` only for the demo, which prints a fixed one (DEBUG only)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the token a name."})
    unknown = sorted(set(scopes) - set(Scope.values))
    if unknown:
        raise ValidationError({"scopes": f"Unknown scopes: {', '.join(unknown)}."})
    if not scopes:
        raise ValidationError({"scopes": "Choose at least one scope."})
    if not timedelta(days=1) <= lifetime <= MAX_LIFETIME:
        raise ValidationError({"lifetime": "A token lives from 1 to 366 days."})
    if secret is None:
        secret = PREFIX + secrets.token_urlsafe(32)
    elif not secret.startswith(PREFIX) or len(secret) < 40:
        raise ValidationError({"secret": f"A token starts with {PREFIX} and has 40+ characters."})
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name[:80],
        prefix=secret[:10],
        digest=token_digest(secret),
        scopes=sorted(set(scopes)),
        created_at=now,
        expires_at=now + lifetime,
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def token_touch(*, token: ApiToken, now: datetime) -> None:
    """Record use, at most once a minute (one conditional UPDATE, no lock)."""
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@transaction.atomic
def tokens_revoke_unused(*, now: datetime | None = None) -> int:
    """Revoke tokens unused (or never used) for 180 days; returns how many."""
    now = now or timezone.now()
    cutoff = now - UNUSED_REVOKE_AFTER
    stale = ApiToken.objects.filter(revoked_at__isnull=True, created_at__lte=cutoff).exclude(
        last_used_at__gt=cutoff
    )
    return stale.update(revoked_at=now)


@transaction.atomic
def tokens_erase_person(*, user: User) -> None:
    ApiToken.objects.filter(user=user).delete()
