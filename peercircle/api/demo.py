"""Demo: an API token for the demo coordinator, printed with the logins.

The secret is fixed (like the demo password) so running the demo again prints a token that
still works; the site keeps only its hash, as for any token. DEBUG only, as the demo is.
"""

from django.conf import settings

from peercircle.accounts.models import User
from peercircle.api.actions.tokens import MAX_LIFETIME, token_create, token_digest
from peercircle.api.models import ApiToken, Scope

DEMO_TOKEN = "pc_demo_coordinator_0123456789abcdefghijklmnop"  # noqa: S105 - printed on purpose
NAME = "Demo reports"


def fill(*, coordinator: User) -> None:
    if ApiToken.objects.filter(digest=token_digest(DEMO_TOKEN)).exists():
        return
    token_create(
        user=coordinator,
        name=NAME,
        scopes=list(Scope.values),
        lifetime=MAX_LIFETIME,
        secret=DEMO_TOKEN,
    )


def banner(*, email: str) -> str:
    return (
        f"\nAPI token of the coordinator ({email}, every scope; docs/api.md):\n"
        # SITE_URL follows `make demo PORT=…`, so the command works as printed.
        f"  curl -H 'Authorization: Bearer {DEMO_TOKEN}' {settings.SITE_URL}/api/v1/me"
    )
