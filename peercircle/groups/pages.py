"""What other apps add to the dashboard and the group page.

The dashboard and the group page belong to the groups app, but most of what they show
(the next meeting, the schedule, goals, a coordinator's programs) belongs to apps above
it in the app order, which groups may not import. Those apps register a context function
here from their `AppConfig.ready()`; the pages merge what each returns. Each function
must cost a fixed number of queries, whatever the data (the query budgets check it).
"""

from bisect import bisect_right
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.groups.access import GroupAccess
from peercircle.groups.models import Group, Membership
from peercircle.lib import versions

DashboardPart = Callable[[User, list[Membership]], dict[str, Any]]
GroupPagePart = Callable[[GroupAccess, list[Membership]], dict[str, Any]]
GroupPageMoments = Callable[[Group, datetime, datetime], list[datetime]]

_dashboard: list[DashboardPart] = []
_group_page: list[GroupPagePart] = []
_group_page_moments: list[GroupPageMoments] = []


def add_dashboard_part(part: DashboardPart) -> None:
    """`part(user, their memberships)` adds to the dashboard's context."""
    if part not in _dashboard:
        _dashboard.append(part)


def add_group_page_part(part: GroupPagePart) -> None:
    """`part(access, the group's memberships)` adds to the group page's context."""
    if part not in _group_page:
        _group_page.append(part)


def add_group_page_moments(moments: GroupPageMoments) -> None:
    """`moments(group, start, end)`: the times in [start, end) at which the clock alone (no
    write) changes what the app's group page part shows. The page is cached between them."""
    if moments not in _group_page_moments:
        _group_page_moments.append(moments)


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


def group_page_clock(group: Group, scopes: list[versions.Scope], *, invitations: bool) -> str:
    """Which stretch of today's clock the group page is in ("2026-12-04.3": three moments
    of the day have passed), for the key of its cached parts: between two moments (a meeting
    starts or ends; with `invitations`, for the organizers who see them, an invitation
    expires) and without a write, the page stays the same. Today's moments are themselves
    cached under the group's versions."""
    if isinstance(caches[versions.ALIAS], DummyCache):
        return ""  # nothing is kept (no Redis): every read renders the page, no need to know
    now = timezone.now()
    start = datetime.combine(now.astimezone(UTC).date(), time.min, tzinfo=UTC)
    end = start + timedelta(days=1)

    def moments() -> str:
        found: list[datetime] = []
        if invitations:
            pending = group.invitations.pending(start).filter(expires_at__lt=end)
            found += pending.values_list("expires_at", flat=True)
        for more in _group_page_moments:
            found += more(group, start, end)
        return " ".join(str(m) for m in sorted(round(m.timestamp() * 1e6) for m in found))

    listed = versions.part("group-page-moments", scopes, moments, start.date(), invitations)
    passed = bisect_right([int(moment) for moment in listed.split()], now.timestamp() * 1e6)
    return f"{start.date()}.{passed}"
