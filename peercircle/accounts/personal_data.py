"""Every app's share of what the site holds about a person, for export and for deletion.

Each app that holds something about a person registers a `Share` from its
`AppConfig.ready()` with `register`:

- `export(user) -> dict`: everything it holds about `user` (JSON-serialisable with
  Django's encoder); the export puts it under the share's label;
- optionally `tables(user) -> dict[str, list[dict[str, object]]]` with `table_names`:
  tables that read better as spreadsheets (goals, say), each offered as `<name>.csv`;
- optionally `erase(user) -> None`: delete the person's private content, keep (pointing
  at the anonymised account) what a group needs for its history. It runs inside
  `account_delete`'s transaction, before the account itself is anonymised.

This module is the registry and the accounts app's own share.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress

from peercircle.accounts.models import User

Table = list[dict[str, Any]]


@dataclass(frozen=True)
class Share:
    label: str
    export: Callable[[User], dict[str, Any]]
    erase: Callable[[User], None] | None = None
    tables: Callable[[User], dict[str, Table]] | None = None
    table_names: tuple[str, ...] = ()


_SHARES: dict[str, Share] = {}


def register(share: Share) -> None:
    _SHARES[share.label] = share


def shares() -> list[Share]:
    return list(_SHARES.values())


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "pronouns": user.pronouns,
        "timezone": user.timezone,
        "department": user.department,
        "lab": user.lab,
        "career_stage": user.career_stage,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_site_admin": user.is_staff,
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
    }


def collect(user: User) -> dict[str, Any]:
    return {share.label: share.export(user) for share in shares()}


def tables(user: User) -> dict[str, Table]:
    found: dict[str, Table] = {}
    for share in shares():
        if share.tables is not None:
            found.update(share.tables(user))
    return found


def table_names() -> list[str]:
    """The CSV tables on offer, without reading anyone's data (for the page's links)."""
    return sorted(name for share in shares() for name in share.table_names)


def erase(user: User) -> None:
    for share in shares():
        if share.erase is not None:
            share.erase(user)
