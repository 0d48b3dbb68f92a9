"""What the api app holds about a person: their tokens (never the secrets: it keeps none)."""

from typing import Any

from peercircle.accounts.models import User
from peercircle.accounts.personal_data import Covers, Erase
from peercircle.api.actions.tokens import tokens_erase_person
from peercircle.api.models import ApiToken

COVERS = (Covers("api.ApiToken", "api.tokens", Erase.DELETE),)


def export_user_data(user: User) -> dict[str, Any]:
    tokens = ApiToken.objects.filter(user=user).order_by("pk")
    return {
        "tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "scopes": t.scopes,
                "created_at": t.created_at,
                "expires_at": t.expires_at,
                "last_used_at": t.last_used_at,
                "revoked_at": t.revoked_at,
            }
            for t in tokens
        ]
    }


def erase_user_data(user: User) -> None:
    tokens_erase_person(user=user)
