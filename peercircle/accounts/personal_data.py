"""Every app's share of what the site holds about a person, for export and for deletion.

An app takes part by having a `personal_data` module with:

- `export_user_data(user) -> dict`: everything it holds about `user` (JSON-serialisable
  with Django's encoder); the export puts it under the app's label;
- optionally `csv_tables(user) -> dict[str, list[dict[str, object]]]`: tables that read
  better as spreadsheets (goals, say), each offered as `<name>.csv`;
- optionally `erase_user_data(user) -> None`: delete the person's private content, keep
  (pointing at the anonymised account) what a group needs for its history. It runs inside
  `account_delete`'s transaction, before the account itself is anonymised.

This module is the accounts app's own share and the registry that finds the others.
"""

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from allauth.account.models import EmailAddress
from django.apps import apps

from peercircle.accounts.models import User

Table = list[dict[str, Any]]


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


def participating_modules() -> Iterator[tuple[str, ModuleType]]:
    """(app label, its personal_data module) for every Peercircle app that has one."""
    for config in apps.get_app_configs():
        if not config.name.startswith("peercircle."):
            continue
        name = f"{config.name}.personal_data"
        if find_spec(name) is not None:
            yield config.label, import_module(name)


def collect(user: User) -> dict[str, Any]:
    return {label: module.export_user_data(user) for label, module in participating_modules()}


def tables(user: User) -> dict[str, Table]:
    found: dict[str, Table] = {}
    for _, module in participating_modules():
        if hasattr(module, "csv_tables"):
            found.update(module.csv_tables(user))
    return found


def table_names() -> list[str]:
    """The CSV tables on offer, without reading anyone's data (for the page's links)."""
    return sorted(
        name for _, module in participating_modules() for name in getattr(module, "CSV_TABLES", ())
    )
