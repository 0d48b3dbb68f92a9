"""The funnel for pages opened by a secret link (invitations, calendar feeds).

A link token carries 160 random bits (at least 128 are required), written URL-safe. Only
its SHA-256 is stored, so a copy of the database opens nothing. Looking a token up is a
query on that hash followed by `hmac.compare_digest` on the hash found, so no comparison
of secrets depends on how many leading characters match.

An unknown token always answers 404, whoever asks. A revoked link answers by what it
opened: a calendar feed's row is gone or its salt replaced, so its old link answers 404
like one that never existed (a calendar client has no one to tell). An invitation's row is
kept and marked; its link answers 410 Gone with a sentence (withdrawn or replaced, used,
expired) and nothing about the group. Only someone holding the real link gets that answer,
since the stored hash had to match, so it tells a guesser nothing, and the invited person
learns to use the newest mail instead of thinking the site is broken.

Calendar feeds need their link shown again on every visit, which a stored hash cannot
give back: their token is derived from a random per-feed salt with an HMAC keyed by
SECRET_KEY (`derived_token`), and likewise only its hash is stored. A new salt regenerates
the link; rotating SECRET_KEY invalidates every feed link (people fetch a new one).
"""

import hashlib
import hmac
import secrets
from typing import TypeVar

from django.conf import settings
from django.db import models

TOKEN_BYTES = 20  # 160 bits
MAX_TOKEN_LENGTH = 100  # longer input is not a token of ours: refuse before hashing

M = TypeVar("M", bound=models.Model)


def new_token() -> tuple[str, str]:
    """A fresh random token and its hash: give the token out, store the hash."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def new_salt() -> str:
    return secrets.token_hex(16)


def derived_token(purpose: str, salt: str) -> str:
    """A token that can be shown again: HMAC(SECRET_KEY, purpose + salt), 256 bits."""
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, f"{purpose}:{salt}".encode(), hashlib.sha256).hexdigest()
    return digest


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def find_by_token(
    queryset: models.QuerySet[M], token: str, *, field: str = "token_hash"
) -> M | None:
    """The row of `queryset` whose `field` holds the hash of `token`, or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH or "\x00" in token:
        return None
    wanted = hash_token(token)
    row = queryset.filter(**{field: wanted}).first()
    if row is None:
        return None
    if not hmac.compare_digest(getattr(row, field), wanted):
        return None
    return row
