"""Scheduled work of the api app, run by the mail scheduler every minute."""

from datetime import datetime

from peercircle.api.actions.tokens import tokens_revoke_unused


def revoke_unused_tokens(now: datetime) -> int:
    """Revoke tokens unused for 180 days: one UPDATE. It sends no mail, so counts none."""
    tokens_revoke_unused(now=now)
    return 0
