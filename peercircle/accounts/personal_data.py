"""Every app's share of what the site holds about a person, for export and for deletion.

Each app that holds something about a person registers a `Share` from its
`AppConfig.ready()` with `register`:

- `export(user) -> dict`: everything it holds about `user` (JSON-serialisable with
  Django's encoder); the export puts it under the share's label;
- optionally `tables(user) -> dict[str, list[dict[str, object]]]` with `table_names`:
  tables that read better as spreadsheets (goals, say), each offered as `<name>.csv`;
- optionally `erase(user) -> None`: delete what the person wrote and every row about them,
  keep (pointing at the anonymised account) only what a group needs for its history. It
  runs inside `account_delete`'s transaction, before the account itself is anonymised,
  and writes only through its own app's actions;
- `covers`: one `Covers` per model of the app that points at a person or holds text a
  person writes, saying where the export shows it and what deletion does to it.
  `tests/accounts/test_personal_data_registry.py` walks every model of the project and
  fails, naming the model, for one that no share covers.

This module is the registry and the accounts app's own share. docs/data-policy.md is the
policy in words.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.admin.models import LogEntry

from peercircle.accounts.models import User

Table = list[dict[str, Any]]

# The export's shape, described key by key in docs/data-policy.md; a change of shape that
# could break a reader of older files raises the number.
EXPORT_FORMAT = "peercircle-personal-data/1"


class Erase(StrEnum):
    """What deleting an account does to a model's rows about the person."""

    DELETE = "deleted"
    # The row stays for the group's history, pointing at the anonymised account, which
    # reads "a former member" and leads back to nobody.
    FORMER_MEMBER = "kept, as a former member"
    # The row stays; the person's name and address in it are replaced or emptied.
    REDACT = "kept, the person's name and address removed"
    # The row is not about a person (a group's name, a schedule): it stays as it is.
    NOT_PERSONAL = "not about a person: stays"


@dataclass(frozen=True)
class Covers:
    """One model a share answers for. `export` is where the person finds it in the JSON
    export (`share.key`), or why it is not there."""

    model: str  # "app_label.ModelName"
    export: str
    erase: Erase
    note: str = ""


@dataclass(frozen=True)
class Share:
    label: str
    export: Callable[[User], dict[str, Any]]
    erase: Callable[[User], None] | None = None
    tables: Callable[[User], dict[str, Table]] | None = None
    table_names: tuple[str, ...] = ()
    covers: tuple[Covers, ...] = ()


_SHARES: dict[str, Share] = {}


def register(share: Share) -> None:
    _SHARES[share.label] = share


def shares() -> list[Share]:
    return list(_SHARES.values())


def covered() -> dict[str, Covers]:
    """Every declared model, by "app_label.ModelName"."""
    return {c.model: c for share in shares() for c in share.covers}


# The accounts app's own models, and Django's and allauth's that point at a person. The
# account row itself is anonymised by `accounts.actions.account_delete`.
COVERS = (
    Covers("accounts.User", "accounts", Erase.REDACT, "anonymised: reads a former member"),
    Covers("account.EmailAddress", "accounts.email_addresses", Erase.DELETE),
    Covers(
        "socialaccount.SocialAccount",
        "accounts.university_sign_ins",
        Erase.DELETE,
        "the institution's identifier and the attributes its IdP sent",
    ),
    Covers(
        "accounts.User_groups", "not exported: permission groups, unused by the site", Erase.DELETE
    ),
    Covers("accounts.User_user_permissions", "accounts.is_coordinator", Erase.DELETE),
    Covers(
        "admin.LogEntry",
        "accounts.admin_changes",
        Erase.FORMER_MEMBER,
        "changes a site admin made; entries about the person lose their name",
    ),
)


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "pronouns": user.pronouns,
        "timezone": user.timezone,
        "language": user.language,
        "department": user.department,
        "lab": user.lab,
        "career_stage": user.career_stage,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_site_admin": user.is_staff,
        "is_coordinator": user.has_perm("programs.add_program"),
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "university_sign_ins": list(
            SocialAccount.objects.filter(user=user).values(
                "provider", "uid", "extra_data", "date_joined", "last_login"
            )
        ),
        "admin_changes": list(
            LogEntry.objects.filter(user=user)
            .order_by("action_time", "pk")
            .values("action_time", "object_repr", "action_flag", "change_message")
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
    """Higher apps first (programs, goals, meetings, groups, mail): what one app's erasure
    sets off in the apps below it (a host handed on, a calendar mail) is then erased too."""
    for share in reversed(shares()):
        if share.erase is not None:
            share.erase(user)
