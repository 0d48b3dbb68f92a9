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
from peercircle.lib.clocked_parts import earliest

DashboardPart = Callable[[User, list[Membership], dict[str, Any]], dict[str, Any]]
DashboardScopes = Callable[[User, dict[str, Any]], list[versions.Scope]]
GroupPagePart = Callable[[GroupAccess, list[Membership]], dict[str, Any]]
GroupPageMoments = Callable[[Group, datetime, datetime], list[datetime]]

# A dashboard part's context may hold, under this key, the first moment what it shows
# changes by the clock alone (a meeting starts, a survey closes): the cached dashboard
# is kept until then at most.
DASHBOARD_UNTIL = "dashboard_until"

_dashboard: list[DashboardPart] = []
_dashboard_scopes: list[DashboardScopes] = []
_group_page: list[GroupPagePart] = []
_group_page_moments: list[GroupPageMoments] = []


def add_dashboard_part(part: DashboardPart) -> None:
    """`part(user, their memberships, loaded)` adds to the dashboard's context; `loaded`
    holds what the scope readers read in this request, if they ran (see below)."""
    if part not in _dashboard:
        _dashboard.append(part)


def add_dashboard_scopes(scopes: DashboardScopes) -> None:
    """`scopes(user, loaded)`: what else the dashboard shows, beyond the person and their
    groups (the programs they coordinate). Whatever changes that list must change
    ("user", id). What it reads on the way it may leave in `loaded`, for its part, and
    in `loaded["facts"]` what stays true until ("user", id) changes."""
    if scopes not in _dashboard_scopes:
        _dashboard_scopes.append(scopes)


def add_group_page_part(part: GroupPagePart) -> None:
    """`part(access, the group's memberships)` adds to the group page's context."""
    if part not in _group_page:
        _group_page.append(part)


def add_group_page_moments(moments: GroupPageMoments) -> None:
    """`moments(group, start, end)`: the times in [start, end) at which the clock alone (no
    write) changes what the app's group page part shows. The page is cached between them."""
    if moments not in _group_page_moments:
        _group_page_moments.append(moments)


def dashboard_context(
    user: User, memberships: list[Membership], loaded: dict[str, Any]
) -> dict[str, Any]:
    context: dict[str, Any] = {}
    until = []
    for part in _dashboard:
        found = part(user, memberships, loaded)
        until.append(found.pop(DASHBOARD_UNTIL, None))
        context.update(found)
    context[DASHBOARD_UNTIL] = earliest(*until)
    return context


def dashboard_scopes(user: User) -> tuple[list[versions.Scope], dict[str, Any]]:
    """Every scope the person's dashboard is shown under: themselves, their groups and the
    groups' programs, and what the other apps add. Kept under ("user", id), which every
    membership of theirs replaces, so a hit costs no query.

    Also what was read to find them: on a miss the memberships and whatever the other apps
    left in `loaded`; always `loaded["facts"]`, the plain values (true or false) they noted
    about the person, kept with the scopes, so a part can skip a query on a hit too."""
    key, mine = f"dashboard-scopes:{user.pk}", [("user", user.pk)]
    found = versions.kept(key, mine)
    if found is not None:
        return found[0], {"facts": found[1]}
    held = versions.tokens(*mine)  # before reading: a write meanwhile leaves this stale
    loaded: dict[str, Any] = {"facts": {}}
    memberships = list(Membership.objects.filter(user=user).select_related("group__program"))
    loaded["memberships"] = memberships
    scopes: list[versions.Scope] = [("user", user.pk)]
    for membership in memberships:
        scopes.append(("group", membership.group_id))
        if membership.group.program_id is not None:
            scopes.append(("program", membership.group.program_id))
    for more in _dashboard_scopes:
        scopes.extend(more(user, loaded))
    scopes = list(dict.fromkeys(scopes))
    versions.keep(key, held, (scopes, loaded["facts"]))
    return scopes, loaded


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
