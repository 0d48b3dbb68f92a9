"""Secret links: a random token goes out in a mail; only its hash is stored.

Whoever holds the link may use it, so the token is long and random, and a leaked database
reveals no working link.
"""

import hashlib
import secrets


def token_new() -> tuple[str, str]:
    """A fresh token and the hash to store for it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
