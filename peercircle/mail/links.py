"""Signed one-click unsubscribe links: a token names a person and a kind of mail.

The token is signed with SECRET_KEY (django.core.signing) and never expires, because an
unsubscribe link in a year-old mail must still work; all it can do is turn a mail off.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "peercircle.mail.unsubscribe"


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    kind: str


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps([user_id, kind], salt=SALT, compress=True)


def unsubscribe_read(token: str) -> Unsubscribe | None:
    """What the token asks for, or None when it was tampered with or is garbage."""
    try:
        user_id, kind = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(kind, str):
        return None
    return Unsubscribe(user_id=user_id, kind=kind)


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return settings.SITE_URL + reverse("mail_unsubscribe", args=[token])


def preferences_url() -> str:
    return settings.SITE_URL + reverse("mail_preferences")
