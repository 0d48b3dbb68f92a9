"""What other apps add to the dashboard and the group page.

The dashboard and the group page belong to the groups app, but most of what they show
(the next meeting, the schedule, goals, a coordinator's programs) belongs to apps above
it in the app order, which groups may not import. Those apps register a context function
here from their `AppConfig.ready()`; the pages merge what each returns. Each function
must cost a fixed number of queries, whatever the data (the query budgets check it).
"""

from collections.abc import Callable
from typing import Any

from peercircle.accounts.models import User
from peercircle.groups.access import GroupAccess
from peercircle.groups.models import Membership

DashboardPart = Callable[[User, list[Membership]], dict[str, Any]]
GroupPagePart = Callable[[GroupAccess, list[Membership]], dict[str, Any]]

_dashboard: list[DashboardPart] = []
_group_page: list[GroupPagePart] = []


def add_dashboard_part(part: DashboardPart) -> None:
    """`part(user, their memberships)` adds to the dashboard's context."""
    if part not in _dashboard:
        _dashboard.append(part)


def add_group_page_part(part: GroupPagePart) -> None:
    """`part(access, the group's memberships)` adds to the group page's context."""
    if part not in _group_page:
        _group_page.append(part)


def dashboard_context(user: User, memberships: list[Membership]) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for part in _dashboard:
        context.update(part(user, memberships))
    return context


def group_page_context(access: GroupAccess, memberships: list[Membership]) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for part in _group_page:
        context.update(part(access, memberships))
    return context
